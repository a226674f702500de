// Draws an Ops Live state into the page, every word through the page's translator `t` (i18n.mjs). Every status
// shows a symbol and words next to its colour.

import {
  capacityStatus, CHECKIN_P95_TARGET_MS, doorToSeatStatus, formatMs, formatPercent, p95Status, rsvpRows, slowerCheckin,
} from './ops-state.mjs';

const figure = (value, t) => (value === null || value === undefined ? '–' : t('figure.number', { n: value }));

function tile(id, shown, status) {
  const el = document.getElementById(id);
  el.querySelector('.figure').textContent = shown;
  el.querySelector('.note').textContent = status ? `${status.symbol} ${status.text}` : '';
  el.dataset.level = status?.level ?? 'unknown';
}

function pair(percentiles, t) {
  if (percentiles?.p50 === undefined) return '–';
  return t('figure.pair', { p50: formatMs(percentiles.p50, t), p95: percentiles.p95 === undefined ? '–' : formatMs(percentiles.p95, t) });
}

export function render(state, t) {
  const kpi = state.kpi ?? {};
  const progress = state.expected
    ? t('tile.checkedIn.progress', { percent: Math.round((100 * (state.checkedIn ?? 0)) / state.expected) })
    : t('tile.checkedIn.noExpected');
  tile('tile-checked-in', t('figure.ofTotal', { n: figure(state.checkedIn, t), total: figure(state.expected, t) }),
    { level: 'unknown', symbol: '●', text: progress });
  const checkin = slowerCheckin(kpi);
  tile('tile-checkin-latency', pair(checkin, t), p95Status(checkin?.p95, CHECKIN_P95_TARGET_MS, t));
  tile('tile-door-to-seat', pair(kpi.door_to_seat_ms, t), doorToSeatStatus(kpi.door_to_seat_ms, t));
  // no SPEC target for these two: the figure, and words saying what it counts
  tile('tile-scanner-success', formatPercent(kpi.scanner_success_pct, t), { level: 'unknown', symbol: '●', text: t('tile.scanner.note') });
  tile('tile-search-not-found', formatPercent(kpi.search_not_found_pct, t), { level: 'unknown', symbol: '●', text: t('tile.search.note') });
  const reject = kpi.reject_ratio_5m;
  tile('tile-reject-ratio', reject === undefined ? '–' : t('unit.percent', { n: t.number(reject * 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }),
    reject === undefined ? null : reject > 0.01
      ? { level: 'alert', symbol: '✕', text: t('tile.reject.over') } : { level: 'ok', symbol: '✓', text: t('tile.reject.under') });
  const open = state.exits.filter((e) => e.status === 'OPEN').length;
  const blocked = state.exits.filter((e) => e.status === 'BLOCKED').length;
  tile('tile-egress', state.exits.length ? t('tile.egress.figure', { open, total: state.exits.length }) : '–',
    !state.exits.length ? null : blocked
      ? { level: 'alert', symbol: '✕', text: t.plural('tile.egress.blocked', blocked) } : { level: 'ok', symbol: '✓', text: t('tile.egress.clear') });
  renderArrivals(state.arrivalsPerMinute, t);
  renderZones(state.zones, t);
  renderFeed(state.feed, t);
}

/** The RSVP tile: per stop, confirmed / declined / awaiting, from the KPI read's `rsvp` block. */
export function renderRsvp(rsvp, t) {
  const rows = rsvpRows(rsvp);
  const el = document.getElementById('tile-rsvp');
  el.querySelector('tbody').replaceChildren(...(rows ?? []).map((stop) => {
    const row = document.createElement('tr');
    row.dataset.stop = stop.id;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = stop.name;
    row.append(name, cell(figure(stop.confirmed, t)), cell(figure(stop.declined, t)), cell(figure(stop.awaiting, t)));
    return row;
  }));
  el.querySelector('.note').textContent = rows === null ? t('rsvp.unavailable')
    : t.plural('rsvp.companions', rsvp.companions ?? 0);
}

function renderArrivals(perMinute, t) {
  const svg = document.getElementById('arrivals');
  const values = perMinute.slice(-60).map((m) => m.count ?? 0);
  const max = Math.max(1, ...values);
  const width = 600 / 60;
  svg.replaceChildren(...values.map((v, i) => {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const height = (v / max) * 110;
    Object.entries({ x: i * width + 1, y: 120 - height, width: width - 2, height }).forEach(([k, val]) => rect.setAttribute(k, val));
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = t.plural('arrivals.bar', v);
    rect.append(title);
    return rect;
  }));
  svg.setAttribute('aria-label', t('arrivals.label', { minutes: values.length, latest: values.at(-1) ?? 0 }));
}

function renderZones(zones, t) {
  const body = document.querySelector('#zones tbody');
  body.replaceChildren(...zones.map((zone) => {
    const row = document.createElement('tr');
    const status = capacityStatus(zone.headcount, zone.capacity, t);
    const name = document.createElement('td');
    const letter = document.createElement('span');
    letter.className = 'zone-letter';
    letter.textContent = zone.letter ?? '?';
    letter.style.background = zone.color ?? '#555';
    name.append(letter, zone.name ?? zone.id);
    row.append(name, cell(figure(zone.headcount, t)), cell(figure(zone.capacity, t)), cell(`${status.symbol} ${status.text}`));
    row.dataset.level = status.level;
    return row;
  }));
}

/** One feed line's words: the kind picks the message, and a variant when the table or device is known. */
export function feedText(item, t) {
  const values = { guest: item.guest ?? item.guest_id ?? '', table: item.table ?? '', device: item.device ?? '' };
  const key = {
    checkin: item.table ? 'feed.checkinTable' : 'feed.checkin',
    undo: 'feed.undo',
    arrival: 'feed.arrival',
    conflict: item.device ? 'feed.conflictDevice' : 'feed.conflict',
  }[item.kind];
  const what = key ? t(key, values).replace(/\s+/g, ' ').trim() : item.kind;
  return item.ts ? t('feed.item', { time: t.time(item.ts), what }) : what;
}

function renderFeed(feed, t) {
  document.getElementById('feed').replaceChildren(...feed.map((item) => {
    const li = document.createElement('li');
    li.dataset.kind = item.kind;
    li.textContent = feedText(item, t);
    return li;
  }));
}

function cell(value) {
  const td = document.createElement('td');
  td.textContent = value;
  return td;
}
