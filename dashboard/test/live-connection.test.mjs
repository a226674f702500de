import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKOFF_CAP_MS, backoffDelay, LiveConnection } from '../js/live-connection.mjs';

/** A scripted socket: records what the page sends and lets the test play the server. */
class FakeSocket {
  static instances = [];
  constructor(url) {
    this.url = url;
    this.sent = [];
    FakeSocket.instances.push(this);
  }
  send(text) { this.sent.push(JSON.parse(text)); }
  close() { this.onclose?.(); }
  open() { this.onopen(); }
  push(message) { this.onmessage({ data: JSON.stringify(message) }); }
}

function harness(snapshots) {
  FakeSocket.instances = [];
  const timers = [];
  const states = [];
  const statuses = [];
  const fetched = [];
  const connection = new LiveConnection({
    url: 'ws://127.0.0.1:3001', token: 'a b', event: 'gala',
    fetchSnapshot: async (event) => { fetched.push(event); return snapshots.shift(); },
    onState: (s) => states.push(s), onStatus: (s) => statuses.push(s),
    WebSocketImpl: FakeSocket, setTimer: (fn, ms) => timers.push({ fn, ms }), clearTimer: () => {}, random: () => 0.5,
  });
  return { connection, timers, states, statuses, fetched };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const snap = (seq, checkedIn) => ({ event: 'gala', seq, ts: 0, data: { checked_in: checkedIn } });
const checkin = (seq, checkedIn) => ({ type: 'checkin', event: 'gala', seq, ts: seq, data: { checked_in: checkedIn } });

test('connects with the token, subscribes, and starts from a snapshot', async () => {
  const h = harness([snap(5, 10)]);
  h.connection.start();
  const socket = FakeSocket.instances[0];
  assert.equal(socket.url, 'ws://127.0.0.1:3001?token=a%20b');
  socket.open();
  await settle();
  assert.deepEqual(socket.sent[0], { action: 'subscribe', event: 'gala' });
  assert.equal(h.connection.state.seq, 5);
  assert.equal(h.statuses.at(-1), 'live');
});

test('a gap fetches a snapshot, then replays what arrived meanwhile in order', async () => {
  const h = harness([snap(5, 10), snap(8, 13)]);
  h.connection.start();
  const socket = FakeSocket.instances[0];
  socket.open();
  await settle();
  socket.push(checkin(6, 11));
  socket.push(checkin(8, 13)); // 7 was lost
  socket.push(checkin(9, 14)); // arrives while the snapshot is on its way
  await settle();
  assert.equal(h.fetched.length, 2);
  assert.equal(h.connection.state.seq, 9);
  assert.equal(h.connection.state.checkedIn, 14);
});

test('a lost connection comes back after a jittered backoff, resubscribes and resyncs', async () => {
  const h = harness([snap(5, 10), snap(20, 30)]);
  h.connection.start();
  FakeSocket.instances[0].open();
  await settle();
  FakeSocket.instances[0].close();
  const retry = h.timers.find((t) => t.ms === backoffDelay(0, () => 0.5));
  assert.ok(retry, 'a reconnect is scheduled');
  assert.equal(h.statuses.at(-1), 'reconnecting');
  retry.fn();
  FakeSocket.instances[1].open();
  await settle();
  assert.deepEqual(FakeSocket.instances[1].sent[0], { action: 'subscribe', event: 'gala' });
  assert.equal(h.connection.state.seq, 20);
});

test('backoff grows exponentially and never exceeds the cap', () => {
  const max = () => 0.999999;
  assert.ok(backoffDelay(0, max) < backoffDelay(3, max));
  assert.ok(backoffDelay(30, max) < BACKOFF_CAP_MS);
  assert.equal(backoffDelay(4, () => 0), 0, 'full jitter may retry at once');
});

test('stop closes the socket for good', async () => {
  const h = harness([snap(1, 1)]);
  h.connection.start();
  FakeSocket.instances[0].open();
  await settle();
  const timersBefore = h.timers.length;
  h.connection.stop();
  assert.equal(h.timers.length, timersBefore, 'no reconnect after a deliberate stop');
  assert.equal(h.statuses.at(-1), 'closed');
});
