// The Ops Live state of one event and how each server message (SPEC §11) changes it. Pure functions, no DOM,
// so the rules are tested under node and the page only renders what they return.

export const FEED_LIMIT = 50;
export const CHECKIN_P95_TARGET_MS = 300;

/**
 * The state before anything arrived: everything unknown rather than zero. `stop` is the stop in view (SPEC §16):
 * null for the event's first, whose messages carry no `stop`, else a later stop's id, as its messages name it.
 */
export function initialState(eventId, stop = null) {
  return {
    event: eventId,
    stop,
    stops: [],
    seq: null,
    checkedIn: null,
    expected: null,
    zones: [],
    exits: [],
    kpi: null,
    arrivalsPerMinute: [],
    feed: [],
    updatedAt: null,
  };
}

/** Replaces everything with a snapshot (`GET …/live/snapshot` or a `snapshot` message). */
export function applySnapshot(state, snapshot) {
  const d = snapshot.data ?? {};
  return {
    ...initialState(state.event, state.stop),
    stops: d.stops ?? [],
    seq: snapshot.seq,
    checkedIn: d.checked_in ?? null,
    expected: d.expected ?? null,
    zones: d.zones ?? [],
    exits: d.exits ?? [],
    kpi: d.kpi ?? null,
    arrivalsPerMinute: d.arrivals_per_minute ?? [],
    feed: (d.recent ?? []).slice(0, FEED_LIMIT),
    updatedAt: snapshot.ts ?? null,
  };
}

/**
 * What to do with a message given the state: `apply` (the next in sequence), `ignore` (another event's or one
 * already seen) or `resync` (a gap: something was missed, so the state can no longer be trusted).
 */
export function classify(state, message) {
  if (message.event !== state.event) return 'ignore';
  if (message.type === 'snapshot') return 'apply';
  if (state.seq === null) return 'resync';
  if (message.seq <= state.seq) return 'ignore';
  return message.seq === state.seq + 1 ? 'apply' : 'resync';
}

/** The state after one in-sequence message. Unknown types only advance `seq`, so newer servers don't stall old pages. */
export function applyMessage(state, message) {
  if (message.type === 'snapshot') return applySnapshot(state, message);
  // the publisher sends consecutive facts of one type as one message: each item is applied as its own message
  if (Array.isArray(message.data?.items)) {
    return message.data.items.reduce((s, item) => applyMessage(s, { ...message, data: item }), state);
  }
  const next = { ...state, seq: message.seq, updatedAt: message.ts ?? state.updatedAt };
  const d = message.data ?? {};
  // another stop's door: it only advances seq, so the counts and feed are the stop in view's alone
  if (PER_STOP.has(message.type) && (d.stop ?? null) !== state.stop) return next;
  // the KPIs' counts are the first stop's; a later stop's view keeps its own and takes only the KPI figures
  if (message.type === 'kpi' && state.stop !== null) return { ...next, kpi: d };
  switch (message.type) {
    case 'checkin':
      return {
        ...next,
        checkedIn: d.checked_in ?? (next.checkedIn ?? 0) + (d.guests ?? 1),
        zones: d.zone ? withZoneHeadcount(next.zones, d.zone, d.zone_headcount ?? zoneHeadcount(next.zones, d.zone) + (d.guests ?? 1)) : next.zones,
        arrivalsPerMinute: withArrivals(next.arrivalsPerMinute, d.checked_in_at ?? message.ts, d.guests ?? 1),
        feed: feedWith(next.feed, { kind: 'checkin', ts: message.ts, ...d }),
      };
    case 'checkin_undone':
      // an undo takes its guests out again (data.guests is negative)
      return {
        ...next,
        checkedIn: next.checkedIn === null ? null : next.checkedIn + (d.guests ?? -1),
        zones: d.zone ? withZoneHeadcount(next.zones, d.zone, Math.max(0, zoneHeadcount(next.zones, d.zone) + (d.guests ?? -1))) : next.zones,
        feed: feedWith(next.feed, { kind: 'undo', ts: message.ts, ...d }),
      };
    case 'arrival':
      return { ...next, feed: feedWith(next.feed, { kind: 'arrival', ts: message.ts, ...d }) };
    case 'conflict':
      return { ...next, feed: feedWith(next.feed, { kind: 'conflict', ts: message.ts, ...d }) };
    case 'kpi':
      return {
        ...next,
        kpi: d,
        checkedIn: d.checked_in ?? next.checkedIn,
        expected: d.expected ?? next.expected,
        arrivalsPerMinute: d.arrivals_per_minute ?? next.arrivalsPerMinute,
      };
    case 'headcount':
      return { ...next, zones: withZoneHeadcount(next.zones, d.zone, d.headcount) };
    case 'exit':
      return { ...next, exits: upsertById(next.exits, d) };
    default:
      return next;
  }
}

/** The messages of one stop's door (SPEC §16): a later stop's carry `data.stop`. */
const PER_STOP = new Set(['checkin', 'checkin_undone', 'conflict', 'headcount']);

/**
 * The stop to show first: the one in progress (the latest whose `starts_at` has come), else the first. `stops` as the
 * snapshot lists them (`data.stops`, in the event's order); returns a stop id, or null when there are none.
 */
export function stopInProgress(stops, now) {
  const started = stops.filter((s) => s.starts_at !== undefined && s.starts_at !== null && s.starts_at <= now);
  const latest = started.reduce((best, s) => (best === null || s.starts_at >= best.starts_at ? s : best), null);
  return (latest ?? stops[0])?.id ?? null;
}

function feedWith(feed, item) {
  return [item, ...feed].slice(0, FEED_LIMIT);
}

export const ARRIVAL_MINUTES = 60;
const MINUTE_MS = 60_000;

/** Counts arrivals into their minute; a newer minute opens (with any skipped minutes at zero) and the oldest fall off. */
function withArrivals(perMinute, at, guests) {
  if (at === undefined || at === null) return perMinute;
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  if (perMinute.some((m) => m.minute === minute)) {
    return perMinute.map((m) => (m.minute === minute ? { ...m, count: m.count + guests } : m));
  }
  const last = perMinute.at(-1)?.minute;
  if (last !== undefined && minute < last) return perMinute; // older than the chart: the next snapshot has it
  const opened = [];
  for (let m = last === undefined ? minute : last + MINUTE_MS; m < minute; m += MINUTE_MS) opened.push({ minute: m, count: 0 });
  return [...perMinute, ...opened.slice(-ARRIVAL_MINUTES), { minute, count: guests }].slice(-ARRIVAL_MINUTES);
}

function zoneHeadcount(zones, zoneId) {
  return zones.find((z) => z.id === zoneId)?.headcount ?? 0;
}

function withZoneHeadcount(zones, zoneId, headcount) {
  if (headcount === undefined || headcount === null) return zones;
  return zones.some((z) => z.id === zoneId)
    ? zones.map((z) => (z.id === zoneId ? { ...z, headcount } : z))
    : [...zones, { id: zoneId, headcount }];
}

function upsertById(items, item) {
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? { ...i, ...item } : i)) : [...items, item];
}

/**
 * A tile's status in words and a symbol, so colour is never the only signal: `ok`, `warn` or `alert` and the
 * text a screen reader or a colour-blind operator gets, in the page's language (`t`, see i18n.mjs).
 */
export function p95Status(p95Ms, targetMs, t) {
  const target = formatMs(targetMs, t);
  if (p95Ms === null || p95Ms === undefined) return { level: 'unknown', symbol: '…', text: t('status.noData') };
  if (p95Ms <= targetMs) return { level: 'ok', symbol: '✓', text: t('status.withinTarget', { target }) };
  if (p95Ms <= targetMs * 1.5) return { level: 'warn', symbol: '▲', text: t('status.overTarget', { target }) };
  return { level: 'alert', symbol: '✕', text: t('status.farOverTarget', { target }) };
}

/** Door to seat as SPEC §1 judges it: p50 within 30 s and p95 within 60 s; the tile shows the worse of the two. */
export function doorToSeatStatus(percentiles, t) {
  const order = { unknown: 0, ok: 1, warn: 2, alert: 3 };
  const p50 = p95Status(percentiles?.p50, 30_000, t);
  const p95 = p95Status(percentiles?.p95, 60_000, t);
  if (p50.level === 'unknown') return p50;
  const worse = order[p50.level] > order[p95.level]
    ? { ...p50, text: t('status.percentile', { p: 'p50', status: p50.text }) }
    : { ...p95, text: t('status.percentile', { p: 'p95', status: p95.text }) };
  return worse.level === 'ok'
    ? { level: 'ok', symbol: '✓', text: t('status.withinDoorToSeat', { p50: formatMs(30_000, t), p95: formatMs(60_000, t) }) }
    : worse;
}

/** A share in per cent as a tile shows it (the KPIs leave it out when the window saw nothing to count). */
export function formatPercent(pct, t) {
  return pct === null || pct === undefined ? '–'
    : t('unit.percent', { n: t.number(pct, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

/**
 * Check-in latency as the tile and the alarm judge it: the slower (by p95) of UX (scan start to screen shown) and
 * TX (scan start to check-in stored), whichever the KPIs have.
 */
export function slowerCheckin(kpi) {
  const measured = [kpi?.checkin_ux_ms, kpi?.checkin_tx_ms].filter((p) => p?.p95 !== undefined);
  return measured.sort((a, b) => b.p95 - a.p95)[0];
}

/** Milliseconds as people read them: "300 ms", "60 s", "2.5 min" ("2,5 min" in Spanish). */
export function formatMs(ms, t) {
  if (ms < 10_000) return t('unit.ms', { n: Math.round(ms) });
  if (ms < 120_000) return t('unit.s', { n: Math.round(ms / 1000) });
  return t('unit.min', { n: t.number(ms / 60_000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) });
}

export function capacityStatus(headcount, capacity, t) {
  if (!capacity || headcount === null || headcount === undefined) return { level: 'unknown', symbol: '…', text: t('capacity.unset') };
  const ratio = headcount / capacity;
  if (ratio >= 1) return { level: 'alert', symbol: '✕', text: t('capacity.full') };
  if (ratio >= 0.9) return { level: 'warn', symbol: '▲', text: t('capacity.near') };
  return { level: 'ok', symbol: '✓', text: t('capacity.room') };
}

/**
 * The RSVP tile's rows from the KPI read's `rsvp` block (SPEC §16): per stop, in the event's order, confirmed,
 * declined and still awaiting an answer. Null when the read had none (an older server), so the tile says so.
 */
export function rsvpRows(rsvp) {
  if (!rsvp?.stops) return null;
  return rsvp.stops.map((stop) => ({
    id: stop.stop_id,
    name: stop.name ?? stop.stop_id,
    confirmed: stop.confirmed ?? 0,
    declined: stop.declined ?? 0,
    awaiting: stop.awaiting ?? null,
  }));
}
