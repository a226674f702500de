import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyMessage, applySnapshot, capacityStatus, classify, doorToSeatStatus, FEED_LIMIT, formatMs, formatPercent, initialState, p95Status, rsvpRows, slowerCheckin, stopInProgress } from '../js/ops-state.mjs';
import { en, es } from './bundles.mjs';

const snapshot = {
  type: 'snapshot', event: 'gala-2026', seq: 10, ts: 1000,
  data: { checked_in: 40, expected: 120, zones: [{ id: 'main', letter: 'A', color: '#1f77b4', capacity: 100, headcount: 38 }], recent: [] },
};

test('messages apply only in sequence; a gap asks for a resync; old and foreign ones are ignored', () => {
  const state = applySnapshot(initialState('gala-2026'), snapshot);
  assert.equal(classify(state, { event: 'gala-2026', seq: 11, type: 'checkin' }), 'apply');
  assert.equal(classify(state, { event: 'gala-2026', seq: 13, type: 'checkin' }), 'resync');
  assert.equal(classify(state, { event: 'gala-2026', seq: 10, type: 'checkin' }), 'ignore');
  assert.equal(classify(state, { event: 'other-party', seq: 11, type: 'checkin' }), 'ignore');
  assert.equal(classify(initialState('gala-2026'), { event: 'gala-2026', seq: 1, type: 'kpi' }), 'resync',
    'without a snapshot nothing can be trusted');
});

test('a check-in updates the count, the zone headcount and the feed', () => {
  let state = applySnapshot(initialState('gala-2026'), snapshot);
  state = applyMessage(state, { type: 'checkin', event: 'gala-2026', seq: 11, ts: 2000,
    data: { guest: 'Ana M.', table: 'B-12', zone: 'main', zone_headcount: 39, checked_in: 41 } });
  assert.equal(state.seq, 11);
  assert.equal(state.checkedIn, 41);
  assert.equal(state.zones[0].headcount, 39);
  assert.equal(state.zones[0].letter, 'A', 'the rest of the zone is kept');
  assert.deepEqual(state.feed[0], { kind: 'checkin', ts: 2000, guest: 'Ana M.', table: 'B-12', zone: 'main', zone_headcount: 39, checked_in: 41 });
});

test('an undo takes its guest out of the count and shows in the feed', () => {
  const state = applySnapshot(initialState('gala-2026'), snapshot);
  const next = applyMessage(state, { type: 'checkin_undone', event: 'gala-2026', seq: 11, ts: 3000,
    data: { guest_id: 'g1', guests: -1, undo: true } });
  assert.equal(next.seq, 11);
  assert.equal(next.checkedIn, 39);
  assert.equal(next.feed[0].kind, 'undo');
  assert.equal(next.feed[0].guest_id, 'g1');
});

test('the feed keeps the newest items first and is bounded', () => {
  let state = applySnapshot(initialState('e1'), { ...snapshot, event: 'e1' });
  for (let i = 1; i <= FEED_LIMIT + 5; i++) {
    state = applyMessage(state, { type: 'conflict', event: 'e1', seq: 10 + i, ts: i, data: { guest_id: `g${i}` } });
  }
  assert.equal(state.feed.length, FEED_LIMIT);
  assert.equal(state.feed[0].guest_id, `g${FEED_LIMIT + 5}`);
});

test('an unknown message type advances seq without touching the rest', () => {
  const state = applySnapshot(initialState('gala-2026'), snapshot);
  const next = applyMessage(state, { type: 'something_new', event: 'gala-2026', seq: 11, data: {} });
  assert.equal(next.seq, 11);
  assert.equal(next.checkedIn, 40);
});

test('statuses carry a word and a symbol besides their level', () => {
  assert.deepEqual(p95Status(250, 300, en), { level: 'ok', symbol: '✓', text: 'within 300 ms target' });
  assert.equal(p95Status(400, 300, en).level, 'warn');
  assert.equal(p95Status(451, 300, en).level, 'alert');
  assert.equal(p95Status(null, 300, en).text, 'no data yet');
  assert.equal(capacityStatus(89, 100, en).level, 'ok');
  assert.equal(capacityStatus(90, 100, en).text, 'near capacity');
  assert.equal(capacityStatus(100, 100, en).text, 'full');
});

test('without a headcount in the message, a check-in or an undo moves its zone by its guests', () => {
  let state = applySnapshot(initialState('gala-2026'), snapshot);
  state = applyMessage(state, { type: 'checkin', event: 'gala-2026', seq: 11, data: { zone: 'main', guests: 2 } });
  assert.equal(state.zones[0].headcount, 40);
  state = applyMessage(state, { type: 'checkin_undone', event: 'gala-2026', seq: 12, data: { zone: 'main', guests: -1 } });
  assert.equal(state.zones[0].headcount, 39);
  assert.equal(state.checkedIn, 41);
});

test('live check-ins count into their minute of the arrivals chart, opening new minutes as time goes on', () => {
  const t0 = 1_795_400_040_000; // a whole minute
  let state = applySnapshot(initialState('e'), { type: 'snapshot', event: 'e', seq: 1,
    data: { arrivals_per_minute: [{ minute: t0 - 60_000, count: 3 }, { minute: t0, count: 1 }] } });
  state = applyMessage(state, { type: 'checkin', event: 'e', seq: 2, data: { checked_in_at: t0 + 5_000, guests: 2 } });
  assert.deepEqual(state.arrivalsPerMinute.at(-1), { minute: t0, count: 3 });
  state = applyMessage(state, { type: 'checkin', event: 'e', seq: 3, data: { checked_in_at: t0 + 3 * 60_000 + 1 } });
  assert.deepEqual(state.arrivalsPerMinute.slice(-3).map((m) => m.count), [0, 0, 1], 'skipped minutes show as zero');
  assert.equal(state.arrivalsPerMinute.length, 5);
  for (let i = 0; i < 100; i++) {
    state = applyMessage(state, { type: 'checkin', event: 'e', seq: 4 + i, data: { checked_in_at: t0 + (4 + i) * 60_000 } });
  }
  assert.equal(state.arrivalsPerMinute.length, 60, 'the chart keeps the last hour');
});

test('a coalesced message applies each of its items, under its one seq', () => {
  const state = applySnapshot(initialState('gala-2026'), snapshot);
  const next = applyMessage(state, { type: 'checkin', event: 'gala-2026', seq: 11, ts: 4000,
    data: { items: [{ guest_id: 'g1', zone: 'main', guests: 1 }, { guest_id: 'g2', zone: 'main', guests: 1 }, { guest_id: 'g3', guests: 1 }] } });
  assert.equal(next.seq, 11);
  assert.equal(next.checkedIn, 43);
  assert.equal(next.zones[0].headcount, 40);
  assert.deepEqual(next.feed.slice(0, 3).map((item) => item.guest_id), ['g3', 'g2', 'g1']);
  assert.equal(classify(next, { event: 'gala-2026', seq: 12, type: 'checkin' }), 'apply');
});

test('latencies read in the unit people use, and check-in is judged by its slower measure', () => {
  assert.equal(formatMs(298, en), '298 ms');
  assert.equal(formatMs(61_000, en), '61 s');
  assert.equal(formatMs(161_192, en), '2.7 min');
  assert.equal(p95Status(70_000, 60_000, en).text, 'over 60 s target');
  assert.deepEqual(slowerCheckin({ checkin_ux_ms: { p50: 200, p95: 420 }, checkin_tx_ms: { p50: 100, p95: 380 } }), { p50: 200, p95: 420 });
  assert.deepEqual(slowerCheckin({ checkin_tx_ms: { p50: 100, p95: 380 } }), { p50: 100, p95: 380 });
  assert.equal(slowerCheckin({}), undefined);
});

test('door to seat is judged on its p50 (30 s) and its p95 (60 s), the worse one shown; shares print in per cent', () => {
  assert.deepEqual(doorToSeatStatus({ p50: 25_000, p95: 55_000 }, en), { level: 'ok', symbol: '✓', text: 'within 30 s / 60 s targets' });
  assert.equal(doorToSeatStatus({ p50: 40_000, p95: 55_000 }, en).text, 'p50 over 30 s target');
  assert.equal(doorToSeatStatus({ p50: 40_000, p95: 55_000 }, en).level, 'warn');
  assert.equal(doorToSeatStatus({ p50: 20_000, p95: 120_000 }, en).text, 'p95 far over 60 s target');
  assert.equal(doorToSeatStatus(undefined, en).level, 'unknown');
  assert.equal(formatPercent(97.5, en), '97.5 %');
  assert.equal(formatPercent(undefined, en), '–');
});

test('the same statuses and units in Spanish, numbers written the Spanish way', () => {
  assert.equal(formatMs(161_192, es), '2,7 min');
  assert.equal(formatPercent(97.5, es), '97,5 %');
  assert.equal(p95Status(250, 300, es).text, 'dentro del objetivo de 300 ms');
  assert.equal(doorToSeatStatus({ p50: 20_000, p95: 120_000 }, es).text, 'p95 muy por encima del objetivo de 60 s');
  assert.equal(capacityStatus(100, 100, es).text, 'completo');
});

test("the RSVP tile's rows: per stop in the read's order, awaiting as the server counts it", () => {
  const rows = rsvpRows({ companions: 1, stops: [
    { stop_id: 'ceremonia', name: 'Ceremonia', invited: 3, confirmed: 2, declined: 0, awaiting: 1 },
    { stop_id: 'banquete', invited: 2, confirmed: 0, declined: 1, awaiting: 1 }] });
  assert.deepEqual(rows, [
    { id: 'ceremonia', name: 'Ceremonia', confirmed: 2, declined: 0, awaiting: 1 },
    { id: 'banquete', name: 'banquete', confirmed: 0, declined: 1, awaiting: 1 }]);
  assert.equal(rsvpRows(undefined), null, 'no rsvp block: the tile says the server sent none');
});

test('a stop in view counts only its own door: another stop\'s check-ins, conflicts and headcounts only advance seq', () => {
  const reception = { type: 'checkin', event: 'gala-2026', seq: 11, ts: 2000, data: { guest_id: 'g-1', zone: 'main', guests: 1, stop: 'reception' } };
  const ceremony = { type: 'checkin', event: 'gala-2026', seq: 12, ts: 2100, data: { guest_id: 'g-2', zone: 'main', guests: 1 } };
  let first = applySnapshot(initialState('gala-2026'), snapshot);
  first = applyMessage(applyMessage(first, reception), ceremony);
  assert.equal(first.seq, 12);
  assert.equal(first.checkedIn, 41, 'the first stop\'s view does not count the reception');
  assert.deepEqual(first.feed.map((i) => i.guest_id), ['g-2']);

  let later = applySnapshot(initialState('gala-2026', 'reception'), { ...snapshot, data: { ...snapshot.data, checked_in: 0, stop: 'reception' } });
  assert.equal(later.stop, 'reception', 'a snapshot keeps the stop in view');
  later = applyMessage(applyMessage(later, reception), ceremony);
  later = applyMessage(later, { type: 'headcount', event: 'gala-2026', seq: 13, data: { zone: 'main', headcount: 90 } });
  later = applyMessage(later, { type: 'kpi', event: 'gala-2026', seq: 14, data: { checked_in: 77 } });
  assert.equal(later.seq, 14);
  assert.equal(later.checkedIn, 1, 'one reception check-in; the ceremony\'s and the KPIs\' first-stop count left out');
  assert.equal(later.zones[0].headcount, 39);
  assert.deepEqual(later.kpi, { checked_in: 77 });
  assert.deepEqual(later.feed.map((i) => i.guest_id), ['g-1']);
  const coalesced = applyMessage(later, { type: 'checkin', event: 'gala-2026', seq: 15, data: { items: [
    { guest_id: 'g-3', guests: 1, stop: 'reception' }, { guest_id: 'g-4', guests: 1 }] } });
  assert.equal(coalesced.checkedIn, 2, 'a coalesced message is filtered item by item');
});

test('the stop shown first is the latest one started, else the first', () => {
  const stops = [{ id: 'ceremony', starts_at: 1000 }, { id: 'reception', starts_at: 5000 }, { id: 'party' }];
  assert.equal(stopInProgress(stops, 500), 'ceremony');
  assert.equal(stopInProgress(stops, 1000), 'ceremony');
  assert.equal(stopInProgress(stops, 6000), 'reception');
  assert.equal(stopInProgress([], 6000), null);
});
