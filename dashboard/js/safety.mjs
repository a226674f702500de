// The safety panel: open alerts with an acknowledge button, incidents with their time to acknowledge and resolve,
// exits, and the evacuation roll call. It loads from the safety API (`GET …/alerts`, `…/exits`, `…/muster`) and the
// KPIs' incident times (`GET …/kpis`) whenever the live connection is (re)established, then follows Ops Live messages; the rules live in safety-state.mjs, this file only draws and calls the API.
// The same KPI read carries the RSVP counts: `onKpis` hands it on, so the page reads it once per (re)connection.
// Words come from the page's translator `t` (i18n.mjs).

import {
  alertStatus, applySafetyMessage, exitStatus, incidentSummary, initialSafety, rollCallEntry, rollCallProgress, withAlerts,
  withEgress, withIncidents, withRollCall,
} from './safety-state.mjs';

export class SafetyPanel {
  /** `stops`: the event's stops as the snapshot lists them (`data.stops`, empty for one), to name an alert's stop. */
  constructor({ api, token, event, root, t, stops = [], onKpis = () => {} }) {
    Object.assign(this, { api, token, event, root, t, stops, onKpis });
    this.state = initialSafety();
  }

  #path(suffix) {
    return `${this.api}/v1/events/${encodeURIComponent(this.event)}${suffix}`;
  }

  async #get(suffix) {
    const response = await fetch(this.#path(suffix), { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw Object.assign(new Error(suffix), { status: response.status });
    return response.json();
  }

  /** Reloads everything (after a connect or a resync: messages may have been missed meanwhile). */
  async reload() {
    try {
      const [alerts, exits, roll, kpis] = await Promise.all([this.#get('/alerts'), this.#get('/exits'), this.#get('/muster'),
        this.#get('/kpis')]);
      this.state = withIncidents(withRollCall(withEgress(withAlerts(this.state, alerts), exits), roll), kpis);
      this.onKpis(kpis);
      this.#note('');
    } catch (e) {
      this.#note(e.status ? this.t('safety.unavailableStatus', { status: e.status }) : this.t('safety.unavailable'));
    }
    this.render();
  }

  receive(message) {
    if (message.event !== this.event) return;
    const next = applySafetyMessage(this.state, message);
    if (next === this.state) return;
    this.state = next;
    // a new evacuation's list of people inside comes from the API
    if (next.rollCall?.pending) this.reload();
    else this.render();
  }

  async acknowledge(alertId, button) {
    button.disabled = true;
    const response = await fetch(this.#path(`/alerts/${encodeURIComponent(alertId)}/ack`), {
      method: 'POST', headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.ok) {
      this.state = applySafetyMessage(this.state, { type: 'alert_ack', data: await response.json() });
      this.render();
      return;
    }
    button.disabled = false;
    this.#note(response.status === 403 ? this.t('alert.ackForbidden') : this.t('alert.ackFailed', { status: response.status }));
  }

  #note(text) {
    this.root.querySelector('.safety-note').textContent = text;
  }

  render() {
    const { t } = this;
    const { alerts, exits, egress, rollCall, incidents } = this.state;
    const summary = incidentSummary(incidents, t);
    const incidentLine = this.root.querySelector('#safety-incidents');
    incidentLine.textContent = summary.text;
    incidentLine.dataset.level = summary.level;
    const list = this.root.querySelector('#safety-alerts');
    list.replaceChildren(...(alerts.length ? alerts.map((alert) => this.#alertItem(alert)) : [item(t('safety.noAlerts'), 'ok')]));

    const exitList = this.root.querySelector('#safety-exits');
    exitList.replaceChildren(...exits.map((exit) => {
      const s = exitStatus(exit.status, t);
      return item(t('exit.item', { symbol: s.symbol, name: exit.name ?? exit.exit_id, status: s.text }), s.level);
    }));
    this.root.querySelector('#safety-egress').textContent = egress
      ? t('safety.egress', { percent: Math.round(egress.readiness * 100), open: egress.open, total: egress.total }) : '';

    const progress = rollCallProgress(rollCall, t, this.stops);
    const roll = this.root.querySelector('#safety-rollcall');
    roll.hidden = !progress;
    if (progress) {
      roll.dataset.level = progress.level;
      roll.querySelector('progress').value = progress.safe;
      roll.querySelector('progress').max = Math.max(progress.total, 1);
      roll.querySelector('.rollcall-stop').textContent = progress.where;
      roll.querySelector('.rollcall-text').textContent = progress.text;
      roll.querySelector('.rollcall-points').textContent = Object.entries(rollCall.per_point ?? {})
        .map(([point, n]) => t('rollcall.point', { point, n })).join(' · ');
      const more = progress.unaccounted - progress.shown.length;
      roll.querySelector('#safety-unaccounted').replaceChildren(
        ...progress.shown.map((guest) => {
          const entry = rollCallEntry(guest, t);
          const li = item(entry.text, 'alert');
          li.dataset.pmr = String(entry.pmr);
          return li;
        }), ...(more > 0 ? [item(t.plural('rollcall.more', more), 'alert')] : []));
    }
  }

  #alertItem(alert) {
    const { t } = this;
    const s = alertStatus(alert, t, this.stops);
    const li = item(t('alert.item', { symbol: s.symbol, text: s.text, state: s.state }), s.level);
    li.dataset.escalated = String(Boolean(alert.escalated));
    if (s.ackable) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t('alert.ack');
      button.setAttribute('aria-label', t('alert.ackLabel', { text: s.text }));
      button.addEventListener('click', () => this.acknowledge(alert.alert_id, button));
      li.append(' ', button);
    }
    return li;
  }
}

function item(text, level) {
  const li = document.createElement('li');
  li.textContent = text;
  li.dataset.level = level;
  return li;
}
