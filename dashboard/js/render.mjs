// Draws an Ops Live state into the page. Every status shows a symbol and words next to its colour.

import { capacityStatus, doorToSeatStatus, formatMs, formatPercent, p95Status, slowerCheckin } from './ops-state.mjs';

const text = (value) => (value === null || value === undefined ? '–' : String(value));

function tile(id, figure, status) {
  const el = document.getElementById(id);
  el.querySelector('.figure').textContent = figure;
  el.querySelector('.note').textContent = status ? `${status.symbol} ${status.text}` : '';
  el.dataset.level = status?.level ?? 'unknown';
}

function pair(percentiles) {
  return percentiles?.p50 === undefined ? '–' : `${formatMs(percentiles.p50)} / ${percentiles.p95 === undefined ? '–' : formatMs(percentiles.p95)}`;
}

export function render(state) {
  const kpi = state.kpi ?? {};
  const progress = state.expected ? `${Math.round((100 * (state.checkedIn ?? 0)) / state.expected)} % of expected` : 'expected unknown';
  tile('tile-checked-in', `${text(state.checkedIn)} / ${text(state.expected)}`, { level: 'unknown', symbol: '●', text: progress });
  const checkin = slowerCheckin(kpi);
  tile('tile-checkin-latency', pair(checkin), p95Status(checkin?.p95));
  tile('tile-door-to-seat', pair(kpi.door_to_seat_ms), doorToSeatStatus(kpi.door_to_seat_ms));
  // no SPEC target for these two: the figure, and words saying what it counts
  tile('tile-scanner-success', formatPercent(kpi.scanner_success_pct), { level: 'unknown', symbol: '●', text: 'of scans, against scanner errors' });
  tile('tile-search-not-found', formatPercent(kpi.search_not_found_pct), { level: 'unknown', symbol: '●', text: 'of guest searches found nobody' });
  const reject = kpi.reject_ratio_5m;
  tile('tile-reject-ratio', reject === undefined ? '–' : `${(reject * 100).toFixed(2)} %`,
    reject === undefined ? null : reject > 0.01 ? { level: 'alert', symbol: '✕', text: 'over 1 %' } : { level: 'ok', symbol: '✓', text: 'under 1 %' });
  const open = state.exits.filter((e) => e.status === 'OPEN').length;
  const blocked = state.exits.filter((e) => e.status === 'BLOCKED').length;
  tile('tile-egress', state.exits.length ? `${open} / ${state.exits.length} open` : '–',
    !state.exits.length ? null : blocked ? { level: 'alert', symbol: '✕', text: `${blocked} blocked` } : { level: 'ok', symbol: '✓', text: 'all clear' });
  renderArrivals(state.arrivalsPerMinute);
  renderZones(state.zones);
  renderFeed(state.feed);
}

function renderArrivals(perMinute) {
  const svg = document.getElementById('arrivals');
  const values = perMinute.slice(-60).map((m) => m.count ?? 0);
  const max = Math.max(1, ...values);
  const width = 600 / 60;
  svg.replaceChildren(...values.map((v, i) => {
    const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    const height = (v / max) * 110;
    Object.entries({ x: i * width + 1, y: 120 - height, width: width - 2, height }).forEach(([k, val]) => rect.setAttribute(k, val));
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${v} arrivals`;
    rect.append(title);
    return rect;
  }));
  svg.setAttribute('aria-label', `Arrivals per minute, last ${values.length} minutes, latest ${values.at(-1) ?? 0}`);
}

function renderZones(zones) {
  const body = document.querySelector('#zones tbody');
  body.replaceChildren(...zones.map((zone) => {
    const row = document.createElement('tr');
    const status = capacityStatus(zone.headcount, zone.capacity);
    const name = document.createElement('td');
    const letter = document.createElement('span');
    letter.className = 'zone-letter';
    letter.textContent = zone.letter ?? '?';
    letter.style.background = zone.color ?? '#555';
    name.append(letter, zone.name ?? zone.id);
    row.append(name, cell(text(zone.headcount)), cell(text(zone.capacity)), cell(`${status.symbol} ${status.text}`));
    row.dataset.level = status.level;
    return row;
  }));
}

function renderFeed(feed) {
  document.getElementById('feed').replaceChildren(...feed.map((item) => {
    const li = document.createElement('li');
    li.dataset.kind = item.kind;
    const time = item.ts ? new Date(item.ts).toLocaleTimeString() : '';
    const what = {
      checkin: `✓ checked in ${item.guest ?? item.guest_id ?? ''} ${item.table ? `→ table ${item.table}` : ''}`,
      undo: `↶ check-in undone ${item.guest ?? item.guest_id ?? ''}`,
      arrival: `● at table ${item.table ?? ''} ${item.guest ?? ''}`,
      conflict: `⚠ duplicate scan ${item.guest ?? item.guest_id ?? ''} ${item.device ? `from ${item.device}` : ''}`,
    }[item.kind] ?? item.kind;
    li.textContent = `${time} ${what}`.trim();
    return li;
  }));
}

function cell(value) {
  const td = document.createElement('td');
  td.textContent = value;
  return td;
}
