import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alertStatus, applySafetyMessage, exitStatus, incidentSummary, initialSafety, rollCallEntry, rollCallProgress, stopName,
  withAlerts, withEgress, withIncidents, withRollCall,
} from '../js/safety-state.mjs';
import { en, es } from './bundles.mjs';

test('the incidents line says how many wait and the times to acknowledge and resolve, in words', () => {
  assert.equal(incidentSummary(initialSafety().incidents, en).text, '✓ no incidents');
  const state = withIncidents(initialSafety(), { incidents: { count: 2, open: 1, acknowledged: 0, resolved: 1,
    time_to_acknowledge_ms: { p50: 40_000, p95: 40_000 }, time_to_resolve_ms: { p50: 600_000, p95: 600_000 } } });
  const s = incidentSummary(state.incidents, en);
  assert.equal(s.level, 'alert');
  assert.equal(s.text, '2 incidents (1 not resolved, 1 not acknowledged) · time to acknowledge p50/p95 40 s / 40 s'
    + ' · time to resolve p50/p95 10 min / 10 min');
  const early = incidentSummary({ count: 1, open: 1, acknowledged: 0, resolved: 0, time_to_acknowledge_ms: {}, time_to_resolve_ms: {} }, en);
  assert.match(early.text, /acknowledge p50\/p95 – · time to resolve p50\/p95 –$/);
});

const alert = (id, extra = {}) => ({ alert_id: id, level: 'ALERT', message: 'Smoke near stage', needs_ack: true, escalated: false, raised_at: 1, ...extra });

test('alerts arrive, escalate and are acknowledged in place; unacknowledged evacuations come first', () => {
  let state = withAlerts(initialSafety(), { alerts: [alert('a1', { raised_at: 1 })] });
  state = applySafetyMessage(state, { type: 'alert', data: alert('a2', { level: 'EVAC', raised_at: 2, evacuation_id: 'a2' }) });
  assert.deepEqual(state.alerts.map((a) => a.alert_id), ['a2', 'a1']);
  state = applySafetyMessage(state, { type: 'alert', data: alert('a1', { escalated: true }) });
  assert.equal(state.alerts.length, 2, 'an escalation is the same alert again');
  assert.equal(alertStatus(state.alerts.find((a) => a.alert_id === 'a1'), en).state, '⏫ escalated, not acknowledged');
  state = applySafetyMessage(state, { type: 'alert_ack', data: alert('a2', { level: 'EVAC', needs_ack: false, acked_by: 'user:1' }) });
  assert.deepEqual(state.alerts.map((a) => a.alert_id), ['a1', 'a2'], 'acknowledged ones sink');
  assert.equal(alertStatus(state.alerts[1], en).ackable, false);
});

test('every alert and exit status has a symbol and words, not only a colour', () => {
  for (const a of [alert('x'), alert('y', { level: 'EVAC' }), alert('z', { severity: 'high', needs_ack: false })]) {
    const s = alertStatus(a, en);
    assert.ok(s.symbol && s.text && s.state, JSON.stringify(s));
  }
  assert.match(alertStatus(alert('z', { severity: 'high', zone: 'za' }), en).text, /HIGH ALERT · zone za/);
  for (const status of ['OPEN', 'CLOSED', 'BLOCKED']) {
    const s = exitStatus(status, en);
    assert.ok(s.symbol && s.text);
  }
  assert.notEqual(exitStatus('CLOSED', en).symbol, exitStatus('BLOCKED', en).symbol);
});

test('exit messages update the exit and the egress readiness', () => {
  let state = withEgress(initialSafety(), { open: 2, total: 2, readiness: 1, exits: [{ exit_id: 'x1', status: 'OPEN' }, { exit_id: 'x2', status: 'OPEN' }] });
  state = applySafetyMessage(state, { type: 'exit', data: { id: 'x2', exit_id: 'x2', status: 'BLOCKED', egress: { open: 1, total: 2, readiness: 0.5 } } });
  assert.equal(state.exits[1].status, 'BLOCKED');
  assert.deepEqual(state.egress, { open: 1, total: 2, readiness: 0.5 });
});

test('muster messages move guests from unaccounted to safe once; the all-clear ends the roll call and closes alerts', () => {
  let state = withAlerts(initialSafety(), { alerts: [alert('e1', { level: 'EVAC' })] });
  state = withRollCall(state, { evacuation_id: 'e1', active: true, safe: 1, per_point: { m1: 1 }, unaccounted: [guest('g2'), guest('g3')] });
  const muster = { type: 'muster', data: { evacuation_id: 'e1', guest_id: 'g2', point_id: 'm2' } };
  state = applySafetyMessage(state, muster);
  state = applySafetyMessage(state, muster);
  state = applySafetyMessage(state, { type: 'muster', data: { evacuation_id: 'older', guest_id: 'g3', point_id: 'm2' } });
  assert.deepEqual(state.rollCall.unaccounted, [guest('g3')]);
  assert.deepEqual(state.rollCall.per_point, { m1: 1, m2: 1 });
  assert.equal(rollCallProgress(state.rollCall, en).text, '2 of 3 safe (66 %), 1 unaccounted');
  state = applySafetyMessage(state, { type: 'alert', data: { alert_id: 'c1', level: 'CLEAR', cleared: ['e1'], raised_at: 9 } });
  assert.equal(state.alerts.length, 0);
  assert.equal(state.rollCall.active, false);
  assert.match(rollCallProgress(state.rollCall, en).text, /^ended · /);
});

const guest = (id, extra = {}) => ({ guest_id: id, name: `Anna ${id}.`, first_name: 'Anna', last_initial: `${id}.`, table_label: 'A-1', zone: 'A', pmr: false, ...extra });

test('the roll call names each unaccounted guest with table and zone, pmr guests marked in words and first', () => {
  const pmr = rollCallEntry(guest('g7', { name: 'Zoé M.', table_label: 'B-12', zone: 'B', pmr: true }), en);
  assert.deepEqual(pmr, { pmr: true, text: '♿ assisted evacuation · Zoé M. · table B-12 · zone B' });
  assert.equal(rollCallEntry(guest('g8', { name: 'Lucas O.' }), en).text, '? Lucas O. · table A-1 · zone A');
  assert.equal(rollCallEntry({ guest_id: 'g9', name: '', table_label: null, zone: null, pmr: false }, en).text,
    '? g9 · table not seated · zone –');
  const roll = withRollCall(initialSafety(), { evacuation_id: 'e1', active: true, safe: 0, per_point: {},
    unaccounted: [guest('g7', { pmr: true }), guest('g1')] }).rollCall;
  const progress = rollCallProgress(roll, en);
  assert.deepEqual(progress.shown.map((g) => g.guest_id), ['g7', 'g1'], 'the server order (pmr first) is kept');
  assert.equal(progress.text, '0 of 2 safe (0 %), 2 unaccounted (1 need assisted evacuation)');
});

test('a roll call paged over several Ops Live messages is put together; page 1 starts it again', () => {
  let state = applySafetyMessage(initialSafety(), { type: 'alert', data: { alert_id: 'e1', level: 'EVAC', evacuation_id: 'e1', needs_ack: true, raised_at: 5 } });
  assert.equal(state.rollCall.pending, true);
  const page = (n, ids) => ({ type: 'muster', data: { evacuation_id: 'e1', roll_call: true, active: true, page: n, pages: 2,
    inside: 3, safe: 0, per_point: { m1: 0 }, unaccounted_count: 3, unaccounted: ids.map((id) => guest(id)) } });
  state = applySafetyMessage(state, page(1, ['g1', 'g2']));
  assert.equal(state.rollCall.pending, false);
  assert.equal(rollCallProgress(state.rollCall, en).unaccounted, 3, 'the count is known before the last page');
  state = applySafetyMessage(state, page(2, ['g3']));
  state = applySafetyMessage(state, page(2, ['g3']));
  assert.deepEqual(state.rollCall.unaccounted.map((g) => g.guest_id), ['g1', 'g2', 'g3']);
  state = applySafetyMessage(state, { type: 'muster', data: { evacuation_id: 'e1', guest_id: 'g2', point_id: 'm1', name: 'Anna g2.' } });
  assert.deepEqual(state.rollCall.unaccounted.map((g) => g.guest_id), ['g1', 'g3']);
  assert.equal(rollCallProgress(state.rollCall, en).text, '1 of 3 safe (33 %), 2 unaccounted');
  state = applySafetyMessage(state, page(1, ['g1']));
  assert.deepEqual(state.rollCall.unaccounted.map((g) => g.guest_id), ['g1']);
});

const STOPS = [{ id: 'ceremony', name: 'Ceremonia' }, { id: 'reception', name: 'Banquete' }];

test('at an event of several stops, every alert is kept and each alert and the roll call name their stop', () => {
  // the page may show either stop: safety is event-wide, so an alert of either stop is kept and shown
  let state = applySafetyMessage(initialSafety(), { type: 'alert', data: alert('a1', { zone: 'za' }) });
  state = applySafetyMessage(state, { type: 'alert', data: alert('e1', { level: 'EVAC', evacuation_id: 'e1', stop: 'reception', raised_at: 2 }) });
  assert.deepEqual(state.alerts.map((a) => a.alert_id), ['e1', 'a1']);
  assert.equal(alertStatus(state.alerts[0], en, STOPS).text, 'EVACUATION: Smoke near stage · at Banquete');
  assert.equal(alertStatus(state.alerts[1], en, STOPS).text, 'ALERT · zone za: Smoke near stage · at Ceremonia',
    'no stop: the first');
  assert.equal(alertStatus(state.alerts[0], es, STOPS).text, 'EVACUACIÓN: Smoke near stage · en Banquete');
  assert.equal(alertStatus(state.alerts[0], en).text, 'EVACUATION: Smoke near stage', 'an event of one stop names none');

  assert.equal(state.rollCall.stop, 'reception', 'the roll call awaited is the EVAC\'s stop\'s');
  state = applySafetyMessage(state, { type: 'muster', data: { evacuation_id: 'e1', stop: 'reception', roll_call: true, active: true,
    page: 1, pages: 1, inside: 1, safe: 0, per_point: {}, unaccounted_count: 1, unaccounted: [guest('g1')] } });
  assert.equal(rollCallProgress(state.rollCall, en, STOPS).where, 'Stop: Banquete (guests checked in there)');
  assert.equal(rollCallProgress(state.rollCall, es, STOPS).where, 'Parada: Banquete (invitados registrados allí)');
  assert.equal(rollCallProgress(state.rollCall, en, [STOPS[0]]).where, '');
  const loaded = withRollCall(initialSafety(), { evacuation_id: 'e2', active: true, safe: 0, per_point: {}, unaccounted: [] });
  assert.equal(rollCallProgress(loaded.rollCall, en, STOPS).where, 'Stop: Ceremonia (guests checked in there)');
  assert.equal(stopName(STOPS, 'gone'), 'gone', 'a stop no longer listed is named by its id');
});

test('messages of other types change nothing', () => {
  const state = initialSafety();
  assert.equal(applySafetyMessage(state, { type: 'checkin', data: {} }), state);
});

test('the safety panel speaks Spanish too', () => {
  assert.equal(incidentSummary(null, es).text, '✓ sin incidentes');
  const s = alertStatus(alert('z', { level: 'EVAC', zone: 'za', escalated: true }), es);
  assert.equal(s.text, 'EVACUACIÓN · zona za: Smoke near stage', 'the operator message stays as written');
  assert.equal(s.state, '⏫ escalada, sin confirmar');
  assert.equal(exitStatus('BLOCKED', es).text, 'bloqueada');
  assert.equal(rollCallEntry(guest('g1', { pmr: true, table_label: null }), es).text, '♿ evacuación asistida · Anna g1. · mesa sin mesa · zona A');
  assert.equal(incidentSummary({ count: 1, open: 1, acknowledged: 0, time_to_acknowledge_ms: { p50: 180_000, p95: 180_000 } }, es).text,
    '1 incidente (1 sin resolver, 1 sin confirmar) · tiempo hasta confirmar p50/p95 3 min / 3 min · tiempo hasta resolver p50/p95 –');
});
