// The Ops Live socket of one event (SPEC §11): connects with the token, subscribes, keeps the state in sequence
// and fetches a snapshot whenever a gap shows that something was missed, and reconnects with capped, jittered
// exponential backoff. The socket constructor, snapshot fetch, timers and randomness are injected, so the
// behaviour is tested under node without a browser.

import { applyMessage, classify, initialState } from './ops-state.mjs';

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 30_000;
// API Gateway closes WebSocket connections idle for 10 minutes.
export const KEEPALIVE_MS = 5 * 60_000;

/** Full-jitter backoff: a random wait up to base · 2^attempt, capped, so reconnecting screens don't stampede. */
export function backoffDelay(attempt, random = Math.random) {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

export class LiveConnection {
  /**
   * @param {object} options
   * @param {string} options.url        ws(s):// address of the WebSocket API
   * @param {string} options.token      the user's JWT, sent as `?token=` (browsers cannot set socket headers)
   * @param {string} options.event      the event to follow
   * @param {string|null} [options.stop] the stop in view: null for the first, else a later stop's id (ops-state.mjs)
   * @param {(event: string) => Promise<object>} options.fetchSnapshot  `GET …/live/snapshot`
   * @param {(state: object) => void} options.onState   called with every new state
   * @param {(status: string) => void} [options.onStatus] 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'closed'
   * @param {(message: object) => void} [options.onMessage] every server message as received (the safety panel's feed)
   */
  constructor({ url, token, event, stop = null, fetchSnapshot, onState, onStatus = () => {}, onMessage = () => {},
    // wrapped: kept as properties and called as this.setTimer(...), the bare browser timers would get this object
    // as their receiver, which Chrome refuses ("Illegal invocation")
    WebSocketImpl = globalThis.WebSocket, setTimer = (run, ms) => setTimeout(run, ms), clearTimer = (id) => clearTimeout(id),
    random = Math.random }) {
    Object.assign(this, { url, token, event, fetchSnapshot, onState, onStatus, onMessage, WebSocketImpl, setTimer, clearTimer, random });
    this.state = initialState(event, stop);
    this.attempt = 0;
    this.pending = [];
    this.resyncing = false;
    this.closed = false;
  }

  start() {
    this.closed = false;
    this.#connect();
  }

  stop() {
    this.closed = true;
    this.clearTimer(this.keepalive);
    this.clearTimer(this.retry);
    this.socket?.close(1000, 'bye');
    this.onStatus('closed');
  }

  #connect() {
    this.onStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new this.WebSocketImpl(`${this.url}?token=${encodeURIComponent(this.token)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.attempt = 0;
      socket.send(JSON.stringify({ action: 'subscribe', event: this.event }));
      this.#scheduleKeepalive();
      // Whatever happened while disconnected is unknown: start from a snapshot.
      this.#resync();
    };
    socket.onmessage = (message) => {
      const parsed = JSON.parse(message.data);
      this.onMessage(parsed);
      this.#receive(parsed);
    };
    socket.onclose = () => {
      this.clearTimer(this.keepalive);
      if (this.closed) return;
      const delay = backoffDelay(this.attempt++, this.random);
      this.onStatus('reconnecting');
      this.retry = this.setTimer(() => this.#connect(), delay);
    };
  }

  #scheduleKeepalive() {
    this.clearTimer(this.keepalive);
    this.keepalive = this.setTimer(() => {
      this.socket.send(JSON.stringify({ action: 'ping' }));
      this.#scheduleKeepalive();
    }, KEEPALIVE_MS);
  }

  #receive(message) {
    if (this.resyncing) {
      // Held until the snapshot arrives; those it already covers are then ignored by their seq.
      this.pending.push(message);
      return;
    }
    switch (classify(this.state, message)) {
      case 'apply':
        this.#set(applyMessage(this.state, message));
        break;
      case 'resync':
        this.pending.push(message);
        this.#resync();
        break;
      default:
        break;
    }
  }

  async #resync() {
    if (this.resyncing) return;
    this.resyncing = true;
    this.onStatus('resyncing');
    try {
      const snapshot = await this.fetchSnapshot(this.event);
      let state = applyMessage(this.state, { ...snapshot, type: 'snapshot', event: this.event });
      let stillMissing = false;
      for (const message of this.pending) {
        const verdict = classify(state, message);
        if (verdict === 'apply') state = applyMessage(state, message);
        stillMissing ||= verdict === 'resync';
      }
      this.pending = [];
      this.resyncing = false;
      this.#set(state);
      if (stillMissing) this.#resync();
      else this.onStatus('live');
    } catch {
      this.resyncing = false;
      // The socket is probably going too; closing it lets the backoff decide when to try again.
      this.socket?.close(4000, 'snapshot failed');
    }
  }

  #set(state) {
    this.state = state;
    this.onState(state);
  }
}
