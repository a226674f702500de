// The safety panel's state (SPEC §9): open alerts, exits with egress readiness, and the evacuation roll call,
// loaded from the safety API and kept current by the `alert`, `alert_ack`, `exit` and `muster` messages of Ops
// Live. Pure functions, no DOM, tested under node. Every status carries a symbol and words besides its colour,
// the words in the page's language (`t`, see i18n.mjs).
// Safety is event-wide: every alert is kept whatever stop the page shows (SPEC §16); an alert or roll call for a
// later stop names it (`data.stop`), and the panel says which stop by its name (`stopName`).

export const UNACCOUNTED_SHOWN = 100;

export function initialSafety() {
  return { alerts: [], exits: [], egress: null, rollCall: null, incidents: null };
}

/** The `incidents` block of `GET …/kpis`: counts and time to acknowledge / resolve (p50, p95, ms) over the event. */
export function withIncidents(state, kpis) {
  return { ...state, incidents: kpis.incidents ?? null };
}

/**
 * The incidents line in words: how many are open, then MTTA and MTTR as p50 / p95 ("–" until an incident has
 * reached that step). Seconds under two minutes, minutes above.
 */
export function incidentSummary(incidents, t) {
  if (!incidents || !incidents.count) return { level: 'ok', text: t('incidents.none') };
  const pair = (times) => (times?.p50 === undefined ? '–' : t('incidents.pair', { p50: duration(times.p50, t), p95: duration(times.p95, t) }));
  return {
    level: incidents.open > 0 ? 'alert' : 'ok',
    text: t.plural('incidents.summary', incidents.count, {
      unresolved: incidents.open + incidents.acknowledged, unacknowledged: incidents.open,
      ack: pair(incidents.time_to_acknowledge_ms), resolve: pair(incidents.time_to_resolve_ms),
    }),
  };
}

function duration(ms, t) {
  return ms < 120_000 ? t('unit.s', { n: Math.round(ms / 1000) }) : t('unit.min', { n: Math.round(ms / 60_000) });
}

/**
 * The name of the stop an alert or roll call is for, from the snapshot's `data.stops` (the event's order): `stop` is a
 * later stop's id, absent for the first. Null for an event of one stop, whose screens name no stop.
 */
export function stopName(stops, stop) {
  if (!stops || stops.length < 2) return null;
  const found = stop === undefined || stop === null ? stops[0] : stops.find((s) => s.id === stop);
  return found ? (found.name ?? found.id) : stop;
}

/** `GET …/alerts` answer: the event's alerts not cleared yet. */
export function withAlerts(state, answer) {
  return { ...state, alerts: sortAlerts(answer.alerts ?? []) };
}

/** `GET …/exits` answer: `{open, total, readiness, exits:[{exit_id, name, status}]}`. */
export function withEgress(state, answer) {
  return { ...state, exits: answer.exits ?? [], egress: { open: answer.open, total: answer.total, readiness: answer.readiness } };
}

/** `GET …/muster` answer: the current or last evacuation's roll call. */
export function withRollCall(state, answer) {
  return { ...state, rollCall: answer.evacuation_id ? { ...answer, unaccounted: [...(answer.unaccounted ?? [])] } : null };
}

/**
 * A page of the roll call pushed when an evacuation starts (`muster` with `roll_call: true`, `page` of `pages`,
 * each under the WebSocket frame limit). Page 1 replaces the list; later pages of the same evacuation append in
 * order (the server sends them in roll-call order, so pmr guests are on page 1).
 */
function withRollCallPage(state, d) {
  const roll = state.rollCall;
  const entries = d.unaccounted ?? [];
  const base = { evacuation_id: d.evacuation_id, stop: d.stop, active: d.active ?? true, safe: d.safe ?? 0, per_point: d.per_point ?? {},
    inside: d.inside, unaccounted_count: d.unaccounted_count, page: d.page, pages: d.pages };
  if (d.page === 1 || !roll || roll.evacuation_id !== d.evacuation_id) {
    return { ...state, rollCall: { ...(roll?.evacuation_id === d.evacuation_id ? roll : {}), ...base, pending: false, unaccounted: [...entries] } };
  }
  const known = new Set(roll.unaccounted.map((g) => g.guest_id));
  return { ...state, rollCall: { ...roll, page: d.page, unaccounted: [...roll.unaccounted, ...entries.filter((g) => !known.has(g.guest_id))] } };
}

/**
 * One unaccounted guest in words (SPEC §17): pmr marker first (symbol and words, never colour alone), then first
 * name and last initial, table and zone. A guest without a name shows their id.
 */
export function rollCallEntry(guest, t) {
  const values = { name: guest.name || guest.guest_id, table: guest.table_label ?? t('rollcall.notSeated'), zone: guest.zone ?? '–' };
  return { pmr: Boolean(guest.pmr), text: t(guest.pmr ? 'rollcall.entryAssisted' : 'rollcall.entry', values) };
}

/** What one Ops Live message changes; messages of other types leave the state as it is. */
export function applySafetyMessage(state, message) {
  const d = message.data ?? {};
  switch (message.type) {
    case 'alert':
      if (d.level === 'CLEAR') {
        // the all-clear closes every open alert and ends the roll call (kept, no longer active)
        const cleared = new Set(d.cleared ?? []);
        return {
          ...state,
          alerts: state.alerts.filter((a) => !cleared.has(a.alert_id)),
          rollCall: state.rollCall ? { ...state.rollCall, active: false, cleared_at: d.raised_at } : null,
        };
      }
      return {
        ...state,
        alerts: sortAlerts(upsert(state.alerts, d)),
        rollCall: d.level === 'EVAC' && d.evacuation_id && state.rollCall?.evacuation_id !== d.evacuation_id
          ? { evacuation_id: d.evacuation_id, stop: d.stop, active: true, started_at: d.raised_at, pending: true, safe: 0, per_point: {}, unaccounted: [] }
          : state.rollCall,
      };
    case 'alert_ack':
      return { ...state, alerts: sortAlerts(upsert(state.alerts, d)) };
    case 'exit':
      return {
        ...state,
        exits: state.exits.some((e) => e.exit_id === d.exit_id)
          ? state.exits.map((e) => (e.exit_id === d.exit_id ? { ...e, status: d.status } : e))
          : [...state.exits, { exit_id: d.exit_id, name: d.name, status: d.status }],
        egress: d.egress ? { open: d.egress.open, total: d.egress.total, readiness: d.egress.readiness } : state.egress,
      };
    case 'muster': {
      if (d.roll_call) return withRollCallPage(state, d);
      const roll = state.rollCall;
      if (!roll || roll.evacuation_id !== d.evacuation_id || !roll.unaccounted.some((g) => g.guest_id === d.guest_id)) return state;
      const count = (roll.unaccounted_count ?? roll.unaccounted.length) - 1;
      return {
        ...state,
        rollCall: {
          ...roll,
          safe: roll.safe + 1,
          per_point: { ...roll.per_point, [d.point_id]: (roll.per_point[d.point_id] ?? 0) + 1 },
          unaccounted: roll.unaccounted.filter((g) => g.guest_id !== d.guest_id),
          unaccounted_count: count,
        },
      };
    }
    default:
      return state;
  }
}

function upsert(alerts, alert) {
  return alerts.some((a) => a.alert_id === alert.alert_id)
    ? alerts.map((a) => (a.alert_id === alert.alert_id ? { ...a, ...alert } : a))
    : [...alerts, alert];
}

/** Unacknowledged first, evacuations before alerts, high before normal, then newest first. */
function sortAlerts(alerts) {
  const rank = (a) => (a.needs_ack ? 0 : 4) + (a.level === 'EVAC' ? 0 : a.severity === 'high' ? 1 : 2);
  return [...alerts].sort((a, b) => rank(a) - rank(b) || (b.raised_at ?? 0) - (a.raised_at ?? 0));
}

/**
 * How an alert is shown: level for the colour, and a symbol and words that say the same without it; at an event of
 * several stops (`stops`, the snapshot's), the words end with the stop it is for.
 */
export function alertStatus(alert, t, stops = []) {
  const what = t(alert.level === 'EVAC' ? 'alert.evacuation' : alert.severity === 'high' ? 'alert.high' : 'alert.normal');
  const state = alert.needs_ack ? (alert.escalated ? 'alert.escalated' : 'alert.waiting') : 'alert.acknowledged';
  // the alert's own message is the operator's words, shown as written
  const text = t(alert.zone ? 'alert.textZone' : 'alert.text', { what, zone: alert.zone, message: alert.message ?? '' });
  const stop = stopName(stops, alert.stop);
  return {
    level: alert.needs_ack ? 'alert' : 'warn',
    symbol: alert.level === 'EVAC' ? '✕' : '▲',
    text: stop === null ? text : t('alert.atStop', { text, stop }),
    state: t(state),
    ackable: Boolean(alert.needs_ack),
  };
}

export function exitStatus(status, t) {
  const [level, symbol, key] = {
    OPEN: ['ok', '✓', 'exit.open'],
    CLOSED: ['warn', '■', 'exit.closed'],
    BLOCKED: ['alert', '✕', 'exit.blocked'],
  }[status] ?? ['unknown', '…', 'exit.unknown'];
  return { level, symbol, text: t(key) };
}

/**
 * Roll call progress in words: safe of everyone (safe + unaccounted), as a percentage too; at an event of several
 * stops, `where` names the stop whose people it counts (else '').
 */
export function rollCallProgress(roll, t, stops = []) {
  if (!roll) return null;
  const unaccounted = Math.max(roll.unaccounted_count ?? 0, roll.unaccounted.length);
  const total = roll.safe + unaccounted;
  const percent = total === 0 ? 100 : Math.floor((100 * roll.safe) / total);
  const pmr = roll.unaccounted.filter((g) => g.pmr).length;
  return {
    safe: roll.safe, total, unaccounted, percent,
    level: !roll.active ? 'unknown' : unaccounted === 0 ? 'ok' : 'alert',
    text: t(`rollcall.progress${roll.active ? '' : 'Ended'}${pmr ? 'Assisted' : ''}`, { safe: roll.safe, total, percent, unaccounted, pmr }),
    shown: roll.unaccounted.slice(0, UNACCOUNTED_SHOWN),
    pmr,
    where: stopName(stops, roll.stop) === null ? '' : t('rollcall.stop', { stop: stopName(stops, roll.stop) }),
  };
}
