// The safety panel's state (SPEC §9): open alerts, exits with egress readiness, and the evacuation roll call,
// loaded from the safety API and kept current by the `alert`, `alert_ack`, `exit` and `muster` messages of Ops
// Live. Pure functions, no DOM, tested under node. Every status carries a symbol and words besides its colour.

export const UNACCOUNTED_SHOWN = 100;

export function initialSafety() {
  return { alerts: [], exits: [], egress: null, rollCall: null };
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
          ? { evacuation_id: d.evacuation_id, active: true, started_at: d.raised_at, pending: true, safe: 0, per_point: {}, unaccounted: [] }
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
      const roll = state.rollCall;
      if (!roll || roll.evacuation_id !== d.evacuation_id || !roll.unaccounted.includes(d.guest_id)) return state;
      return {
        ...state,
        rollCall: {
          ...roll,
          safe: roll.safe + 1,
          per_point: { ...roll.per_point, [d.point_id]: (roll.per_point[d.point_id] ?? 0) + 1 },
          unaccounted: roll.unaccounted.filter((g) => g !== d.guest_id),
          unaccounted_count: roll.unaccounted.length - 1,
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

/** How an alert is shown: level for the colour, and a symbol and words that say the same without it. */
export function alertStatus(alert) {
  const what = alert.level === 'EVAC' ? 'EVACUATION' : alert.severity === 'high' ? 'HIGH ALERT' : 'ALERT';
  const state = alert.needs_ack
    ? (alert.escalated ? '⏫ escalated, not acknowledged' : '… waiting for acknowledgement')
    : '✓ acknowledged';
  return {
    level: alert.needs_ack ? 'alert' : 'warn',
    symbol: alert.level === 'EVAC' ? '✕' : '▲',
    text: `${what}${alert.zone ? ` · zone ${alert.zone}` : ''}: ${alert.message ?? ''}`,
    state,
    ackable: Boolean(alert.needs_ack),
  };
}

export function exitStatus(status) {
  return {
    OPEN: { level: 'ok', symbol: '✓', text: 'open' },
    CLOSED: { level: 'warn', symbol: '■', text: 'closed' },
    BLOCKED: { level: 'alert', symbol: '✕', text: 'blocked' },
  }[status] ?? { level: 'unknown', symbol: '…', text: 'unknown' };
}

/** Roll call progress in words: safe of everyone (safe + unaccounted), as a percentage too. */
export function rollCallProgress(roll) {
  if (!roll) return null;
  const unaccounted = roll.unaccounted.length;
  const total = roll.safe + unaccounted;
  const percent = total === 0 ? 100 : Math.floor((100 * roll.safe) / total);
  return {
    safe: roll.safe, total, unaccounted, percent,
    level: !roll.active ? 'unknown' : unaccounted === 0 ? 'ok' : 'alert',
    text: `${roll.active ? '' : 'ended · '}${roll.safe} of ${total} safe (${percent} %), ${unaccounted} unaccounted`,
    shown: roll.unaccounted.slice(0, UNACCOUNTED_SHOWN),
  };
}
