// The door app: set-up (kiosk pairing or staff sign-in), scanning (camera, hand scanner, typed code or name),
// the door card, and the offline path (door list, outbox, sync, outcome after sync). State lives in IndexedDB
// (store.mjs); the pure parts (door list, envelopes, messages) are in their own modules and tested under node.
import { importSigningKey } from '../lib/signer/seatpilot-signer.mjs';
import { hostedSignIn, SignInError, siteConfigUrl } from '../lib/signer/seatpilot-signin.mjs';
import { createApi, NetworkError } from './api.mjs';
import { classify, findByCode, findByPass, householdMembers, indexDoorList, invitedAt, offlineCard, searchNames, seatedAt }
  from './doorlist.mjs';
import { loadMessages, pickLanguage, translatePage, translator } from './i18n.mjs';
import { checkinEnvelope, exportRefused, exportUnsent, flush, undoEnvelope } from './outbox.mjs';
import { decodePairing } from './pairing.mjs';
import { startCamera } from './camera.mjs';
import { loadSiteConfig } from './config.mjs';
import { store } from './store.mjs';

const UNDO_WINDOW_MS = 15 * 60 * 1000;
const LIST_REFRESH_MS = 60_000;
const SYNC_EVERY_MS = 5_000;
/** How often scans the worker refused are asked about again (an admin may fix the cause and replay them). */
const REFUSED_RECHECK_MS = 60_000;
const $ = (selector) => document.querySelector(selector);

const lang = pickLanguage(location.search, navigator.languages ?? [navigator.language]);
const t = translator(await loadMessages(lang));
document.documentElement.lang = lang;
translatePage(document, t);
const siteConfig = await loadSiteConfig(siteConfigUrl(location.search));
const apiBase = new URLSearchParams(location.search).get('api') ?? siteConfig.api ?? location.origin;
// Staff sign in through the user pool's hosted sign-in where the site offers it (deployed; locally when asked),
// else with a pasted token. Kiosks never sign in: they are paired.
const hosted = hostedSignIn(siteConfig, { redirectUri: new URL('./', location.href).href });

let device = null;
let call = null;
let index = null;
let reachable = true;
let stopCamera = null;
let syncing = false;
let refusedCheckedAt = 0;

/** Marks for tests and the benchmark: which answer is on screen, when it entered the page and its next frame. */
function shown(kind) {
  document.body.dataset.answer = kind;
  document.body.dataset.answeredAt = String(performance.now());
  requestAnimationFrame(() => { document.body.dataset.paintedAt = String(performance.now()); });
}

const time = (ms) => new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
const online = () => navigator.onLine && reachable;

// ---------- set-up ----------

async function boot() {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
  await completeHostedSignIn();
  device = await store.device();
  // A hosted sign-in's tokens live in this tab (sessionStorage), never in IndexedDB with the door's state: a new
  // tab or a restarted browser signs in again (the door list and the waiting scans stay). A token that lapsed
  // while offline keeps the door open on its list; it is refreshed when the network returns.
  if (device?.signIn === 'hosted') {
    if (!hosted?.session()) {
      $('#staff-event').value = device.event;
      device = null;
    } else {
      device.token = await hosted.idToken();
      hosted.keepFresh((token) => { device.token = token; });
    }
  }
  if (!device) {
    $('#setup').hidden = false;
    return;
  }
  call = createApi(apiBase, device, lang);
  $('#door').hidden = false;
  $('#who').textContent = device.mode === 'kiosk' ? t('who.kiosk', { device: device.deviceId, event: device.event })
    : t('who.staff', { event: device.event });
  const saved = await store.doorList(device.event);
  if (saved) index = indexDoorList(saved.list);
  showListState(saved);
  renderStopPicker();
  await renderRecent();
  await renderNet();
  $('#scan-input').focus();
  refreshDoorList();
  sync();
  setInterval(refreshDoorList, LIST_REFRESH_MS);
  setInterval(sync, SYNC_EVERY_MS);
  addEventListener('online', () => { reachable = true; renderNet(); refreshDoorList(); sync(); });
  addEventListener('offline', renderNet);
}

$('#pair-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await pair($('#pair-code').value);
});

async function pair(code) {
  const pairing = decodePairing(code);
  if (!pairing) {
    $('#setup-error').textContent = t('pair.bad');
    return;
  }
  // The secret becomes a non-extractable key at once; only that key is kept.
  const cryptoKey = await importSigningKey(pairing.secret);
  $('#pair-code').value = '';
  await store.saveDevice({ mode: 'kiosk', keyId: pairing.key_id, cryptoKey, tenant: pairing.tenant, event: pairing.event,
    deviceId: pairing.device_id });
  location.reload();
}

$('#pair-camera').addEventListener('click', () => scanWithCamera(pair));

/** Back from the hosted sign-in: a refused answer (a changed state, a spent code) leaves the door not signed in. */
async function completeHostedSignIn() {
  if (!hosted) return;
  try {
    const back = await hosted.complete();
    if (back) await store.saveDevice({ mode: 'staff', signIn: 'hosted', tenant: back.tenant, event: back.appState.event });
  } catch (e) {
    if (!(e instanceof SignInError)) throw e;
    $('#setup-error').textContent = t('staff.signinFailed');
  }
}

if (hosted) {
  for (const field of [$('#staff-token'), $('label[for="staff-token"]'), $('#local-staff')]) field.hidden = true;
  $('#staff-token').required = false;
  $('#staff-hosted').hidden = false;
}

$('#staff-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  if (hosted) {
    await hosted.signIn({ event: $('#staff-event').value.trim() });
    return;
  }
  const token = $('#staff-token').value.trim();
  let tenant;
  try {
    tenant = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).tenant_id;
  } catch {
    $('#setup-error').textContent = t('err.generic.title');
    return;
  }
  await store.saveDevice({ mode: 'staff', token, tenant, event: $('#staff-event').value.trim() });
  location.reload();
});

// Locally (like the dashboard) a staff token comes from the stack's POST /local/tokens; never offered elsewhere.
if (!hosted && ['localhost', '127.0.0.1'].includes(location.hostname)) {
  $('#local-staff').hidden = false;
  $('#local-token').addEventListener('click', async () => {
    const response = await fetch(`${apiBase}/local/tokens`, { method: 'POST',
      body: JSON.stringify({ tenant_id: $('#local-tenant').value.trim(), roles: ['staff'] }) });
    if (response.ok) $('#staff-token').value = (await response.json()).token;
  });
}

// Unpairing forgets the key that signs the outbox, so scans not yet accepted would be lost with it: the volunteer is
// asked first, and the scans are saved to a file for the organisers before anything is forgotten.
$('#sign-out').addEventListener('click', async () => {
  const unsent = await store.outbox();
  if (unsent.length > 0) {
    if (!confirm(t('signout.unsent', { n: unsent.length }))) return;
    downloadJson(exportUnsent(unsent, { eventId: device.event, deviceId: device.deviceId, at: Date.now() }), 'unsent');
  }
  await store.forget();
  if (device?.signIn === 'hosted' && hosted) hosted.signOut();
  else location.reload();
});

// ---------- network state, door list, outbox ----------

async function renderNet() {
  const net = $('#net');
  net.dataset.online = String(online());
  net.textContent = online() ? t('net.online') : t('net.offline');
  const waiting = await store.outboxCount();
  const label = $('#waiting');
  label.dataset.count = String(waiting);
  label.textContent = waiting === 0 ? t('waiting.none') : t('waiting', { n: waiting });
  await renderRefused();
}

/** Why the server refused a scan, in the volunteer's words; the reason code stays beside it for the organisers. */
function refusedReason({ status, reason }) {
  const known = t(`refused.reason.${reason}`);
  const text = known === `refused.reason.${reason}` ? t(status === 401 || status === 403 ? 'refused.reason.key' : 'refused.reason.other') : known;
  return `${text} (${reason})`;
}

/** Refused scans stay in the outbox, listed with their reason, until they are sent again or exported. */
async function renderRefused() {
  const refused = (await store.outbox()).filter((item) => item.refused);
  const panel = $('#refused');
  panel.hidden = refused.length === 0;
  panel.dataset.count = String(refused.length);
  $('#refused-title').textContent = t('refused.title', { n: refused.length });
  const names = new Map((await store.scans()).map((scan) => [scan.checkin_id, scan.names.join(', ')]));
  $('#refused-items').replaceChildren(...refused.map((entry) => {
    const li = item(el('span', 'who', names.get(entry.id) ?? entry.envelope.payload.guest_id ?? entry.id),
      el('span', 'reason', refusedReason(entry.refused)));
    li.dataset.reason = entry.refused.reason;
    return li;
  }));
}

$('#refused-retry').addEventListener('click', async () => {
  await store.retryRefused();
  for (const entry of await store.outbox()) await mark(entry.id, (scan) => (scan.status === 'refused' ? { ...scan, status: 'queued' } : scan));
  await renderNet();
  await renderRecent();
  sync();
});

$('#refused-export').addEventListener('click', async () => {
  downloadJson(exportRefused(await store.outbox(), { eventId: device.event, deviceId: device.deviceId, at: Date.now() }), 'refused');
});

function downloadJson(file, kind) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
  link.download = `seatpilot-${kind}-${file.event}-${new Date(file.exported_at).toISOString().replace(/[:.]/g, '-')}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function showListState(saved) {
  $('#list-state').textContent = saved ? t('list.ready', { n: saved.list.guests.length, time: time(saved.fetchedAt) })
    : t('list.none');
  document.body.dataset.doorList = saved ? String(saved.list.version ?? 'ready') : 'none';
}

// ---------- stops (SPEC §16) ----------
// A kiosk checks guests in at the stop it is registered to (the server knows it from its key, and its door list is
// that stop's). Staff pick a stop here when the event has more than one; their requests name it.

const stopQuery = (sep) => (device.mode === 'staff' && device.stop ? `${sep}stop=${encodeURIComponent(device.stop)}` : '');
const stopField = () => (device.mode === 'staff' && device.stop ? { stop_id: device.stop } : {});

function renderStopPicker() {
  const stops = index?.stops ?? [];
  const picker = $('#stop-picker');
  picker.hidden = device.mode !== 'staff' || stops.length < 2;
  if (picker.hidden) return;
  const select = $('#stop-select');
  select.replaceChildren(...stops.map((s) => Object.assign(document.createElement('option'), { value: s.id, textContent: s.name ?? s.id })));
  select.value = index.stopId;
}

$('#stop-select').addEventListener('change', async (e) => {
  device = { ...device, stop: e.target.value };
  await store.saveDevice(device);
  await refreshDoorList();
  $('#scan-input').focus();
});

/** Downloads the door list when it changed (ETag), so a kiosk is ready before the network fails. */
async function refreshDoorList() {
  if (!navigator.onLine) return;
  try {
    const saved = await store.doorList(device.event);
    const answer = await call('GET', `/v1/events/${device.event}/doorlist${stopQuery('?')}`, undefined,
      saved?.etag ? { 'if-none-match': saved.etag } : {});
    reachable = true;
    if (answer.status === 200) {
      await store.saveDoorList(device.event, answer.headers.get('etag'), answer.json);
      index = indexDoorList(answer.json);
      showListState(await store.doorList(device.event));
      renderStopPicker();
    }
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    reachable = false;
  }
  await renderNet();
}

/** Uploads the outbox, then learns what counted for guests whose scans went up (earliest scan wins). */
async function sync() {
  if (syncing || !navigator.onLine) return;
  syncing = true;
  try {
    const items = await store.outbox();
    if (items.length > 0) {
      const { sent, refused } = await flush(call, items, device.mode);
      reachable = true;
      for (const id of sent) await mark(id, (scan) => (scan.status === 'queued' ? { ...scan, status: 'uploaded' } : scan));
      for (const { id, status, reason } of refused) await mark(id, (scan) => ({ ...scan, status: 'refused', refused: { status, reason } }));
      // sent items leave the outbox; refused ones stay in it, marked, so nothing this door took is lost
      await store.refuse(refused, Date.now());
      await store.dequeue(sent);
    }
    await reconcile();
  } catch (e) {
    if (!(e instanceof NetworkError)) throw e;
    reachable = false;
  } finally {
    syncing = false;
    await renderNet();
    await renderRecent();
  }
}

async function mark(checkinId, change) {
  const scan = await store.scan(checkinId);
  if (scan) await store.saveScan(change(scan));
}

async function reconcile() {
  const scans = await store.scans();
  const uploaded = scans.filter((s) => s.status === 'uploaded');
  // scans the worker refused are asked about again now and then: a replay after a fix may count them yet
  if (Date.now() - refusedCheckedAt >= REFUSED_RECHECK_MS) {
    refusedCheckedAt = Date.now();
    uploaded.push(...scans.filter((s) => s.status === 'refused' && s.refused?.after_upload));
  }
  // Each scan's outcome is asked at the stop it was made at (its list's): the server applies a kiosk's uploads at the
  // stop it was set to when it scanned, so a kiosk moved since then finds them there, not where it stands now.
  const unseen = await reconcileByStop(uploaded, (scan) => scan.stop ?? '');
  // A kiosk moved while offline goes on scanning with its old list, and the server files what it scanned after the
  // move at the new stop: once the refreshed list names that stop, a scan whose guest has no check-in where the
  // scan was made is asked there too. Only its own check-in settles it there (a guest in at the new stop before
  // may be a scan at the old stop the worker has not applied yet, not one this scan lost to).
  const here = index?.stopId;
  if (device.mode === 'kiosk' && here && unseen) {
    await reconcileByStop(unseen.filter((scan) => scan.stop && scan.stop !== here), () => here, { ownOnly: true });
  }
}

/** Asks the scans' outcomes at the stop `stopOf` names for each; answers those whose guest has no check-in there (null when the server did not say). */
async function reconcileByStop(scans, stopOf, options = {}) {
  const byStop = new Map();
  for (const scan of scans) byStop.set(stopOf(scan), [...(byStop.get(stopOf(scan)) ?? []), scan]);
  const unseen = [];
  for (const [stop, atStop] of byStop) {
    const missing = await reconcileAt(stop, atStop, options);
    if (!missing) return null;
    unseen.push(...missing);
  }
  return unseen;
}

/**
 * Learns which check-in counts for these scans' guests at one stop, and which of the scans the worker refused;
 * answers the scans whose guest has no check-in there and that were not refused, null when the server did not say.
 */
async function reconcileAt(stop, uploaded, { ownOnly = false }) {
  // 50 scans a question: their ids and guests' ids stay well inside API Gateway's 10 240 bytes of request line
  const asked = uploaded.slice(0, 50);
  const query = stop ? `&stop=${encodeURIComponent(stop)}` : stopQuery('&');
  const guests = [...new Set(asked.flatMap((s) => s.guest_ids))];
  const answer = await call('GET', `/v1/events/${device.event}/checkins?guest_ids=${guests.map(encodeURIComponent).join(',')}`
    + `&checkin_ids=${asked.map((s) => s.checkin_id).join(',')}${query}`);
  if (answer.status !== 200) return null;
  const counting = new Map(answer.json.checkins.map((c) => [c.guest_id, c]));
  const refused = new Map((answer.json.refused ?? []).map((r) => [r.checkin_id, r]));
  const unseen = [];
  for (const scan of asked) {
    const held = counting.get(scan.guest_ids[0]);
    if (held?.checkin_id === scan.checkin_id) {
      // counted where the server filed it, which the list of recent scans then names
      await store.saveScan({ ...scan, status: 'confirmed', stop: stop || scan.stop, refused: undefined });
      continue;
    }
    const no = refused.get(scan.checkin_id);
    if (no) {
      // stored, but the rules would not apply it where the server filed it (e.g. a guest not invited at that stop)
      await store.saveScan({ ...scan, status: 'refused', stop: no.stop_id ?? scan.stop,
        refused: { status: 422, reason: no.reason, after_upload: true } });
      continue;
    }
    // a refused scan asked about again changes only once it counts
    if (scan.status !== 'uploaded') continue;
    if (!held) {
      unseen.push(scan);
      continue;
    }
    // Held by a later scan that this one will take over once the worker applies it (earliest scan wins): ask again
    // at the next sync. Held by an earlier (or as early) scan: this one cannot win.
    if (ownOnly || held.checked_in_at > scan.at) continue;
    const lost = { ...scan, status: 'lost', first_checkin: held };
    await store.saveScan(lost);
    showConflict(lost);
  }
  return unseen;
}

// ---------- scanning ----------

$('#scan-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = $('#scan-input').value;
  $('#scan-input').value = '';
  if (text.trim()) await handle(text);
});

// A hand scanner types into whatever has focus: keys typed outside a field go to the scan field.
document.addEventListener('keydown', (e) => {
  const target = e.target;
  if (device && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
    $('#scan-input').focus();
  }
});

$('#camera-button').addEventListener('click', () => scanWithCamera(handle));
$('#camera-stop').addEventListener('click', () => stopCamera?.());

async function scanWithCamera(onText) {
  stopCamera?.();
  const panel = $('#camera').isConnected && device ? $('#camera') : null;
  if (panel) panel.hidden = false;
  stopCamera = await startCamera($('#camera-video'), (text) => {
    stopCamera?.();
    onText(text);
  }, () => { if (panel) panel.hidden = true; stopCamera = null; });
}

async function handle(text) {
  const started = performance.now();
  document.body.dataset.scanStartedAt = String(started);
  clearPanels();
  const what = classify(text);
  try {
    if (what.kind === 'name') {
      if ((await nameSearch(what.query, !what.code)) !== 0 || !what.code) return;
      what.kind = 'code';
    }
    const found = index ? (what.kind === 'pass' ? await findByPass(index, what.token) : await findByCode(index, what.code)) : null;
    if (found?.kind === 'household') return showHousehold(found.id, what);
    if (online()) {
      try {
        const body = what.kind === 'pass' ? { pass: what.token, mode: 'qr' } : { code: what.code, mode: 'code' };
        return await onlineCheckin(body);
      } catch (e) {
        if (!(e instanceof NetworkError)) throw e;
        reachable = false;
        await renderNet();
      }
    }
    if (!found) return showError('unknown');
    return await offlineCheckin([found.id], what.kind === 'pass' ? 'qr' : 'code');
  } finally {
    $('#scan-input').focus();
  }
}

async function onlineCheckin(fields, localIds = null) {
  const checkinId = crypto.randomUUID();
  const answer = await call('POST', `/v1/events/${device.event}/checkins`,
    { checkin_id: checkinId, scanned_at: Date.now(), ...fields, ...stopField() });
  reachable = true;
  switch (answer.status) {
    case 200:
    case 201: {
      const cards = answer.json.guests ?? [answer.json];
      await store.saveScan({ checkin_id: checkinId, guest_ids: cards.map((c) => c.guest_id), names: cards.map(nameOf),
        at: Date.now(), status: 'confirmed', online: true, stop: index?.stopId ?? null });
      showCards(cards, answer.json.already_checked_in ?? [], false);
      break;
    }
    case 409: return showError('already', answer.json.first_checkin);
    case 404: return showError('unknown');
    case 403: return showError('notinvited');
    case 429: return showError('rate', { s: answer.headers.get('retry-after') ?? '10' });
    default: return showError('generic');
  }
  await renderRecent();
  return localIds;
}

/** Checks guests in against the door list: the same card, and an envelope per guest in the outbox. */
async function offlineCheckin(guestIds, mode) {
  // as the server: a guest not invited to this door's stop is not checked in here
  if (guestIds.some((id) => !invitedAt(index, id))) return showError('notinvited');
  const present = await presentGuests();
  const fresh = guestIds.filter((id) => !present.has(id));
  if (fresh.length === 0) {
    const mine = (await store.scans()).find((s) => s.guest_ids.includes(guestIds[0]) && s.status !== 'undone');
    return showError('already', mine ? { checked_in_at: mine.at, device_id: device.deviceId ?? device.mode } : null);
  }
  const cards = [];
  for (const guestId of fresh) {
    const checkinId = crypto.randomUUID();
    const at = Date.now();
    const envelope = checkinEnvelope({ tenant: device.tenant, eventId: device.event, checkinId, guestId, mode, scannedAt: at,
      deviceId: device.deviceId, locale: lang });
    await store.enqueue({ id: checkinId, envelope, ...(device.mode === 'staff' && device.stop ? { stop: device.stop } : {}) });
    present.add(guestId);
    const card = offlineCard(index, guestId, checkinId, at, present, direction);
    await store.saveScan({ checkin_id: checkinId, guest_ids: [guestId], names: [nameOf(card)], at, status: 'queued', online: false,
      stop: index.stopId });
    cards.push(card);
  }
  showCards(cards, [], true);
  await renderNet();
  await renderRecent();
  if (online()) sync();
}

/** Guests in at this door's stop: the list's, and this door's own scans there (scans before stops count at any). */
async function presentGuests() {
  const present = new Set(index?.checkedIn ?? []);
  for (const scan of await store.scans()) {
    const here = !scan.stop || !index?.stopId || scan.stop === index.stopId;
    if (here && scan.status !== 'undone' && scan.status !== 'lost' && scan.status !== 'refused') scan.guest_ids.forEach((id) => present.add(id));
  }
  return present;
}

/** The list's own direction in this language (the server's words), else one made from the guest's place. */
function direction(guest) {
  if (index && !seatedAt(index)) return t('direction.free');
  if (guest.direction?.[lang]) return guest.direction[lang];
  if (!guest.table_label) return t('direction.ask');
  const base = guest.zone ? t('direction.zone', { zone: guest.zone.letter, table: guest.table_label })
    : t('direction.table', { table: guest.table_label });
  return guest.pmr ? base + t('direction.stepfree') : base;
}

/** Shows the guests a name matches and answers how many; with {@code sayNone} false an empty result stays quiet. */
async function nameSearch(query, sayNone = true) {
  let hits;
  if (online()) {
    try {
      const answer = await call('GET', `/v1/events/${device.event}/guests/search?q=${encodeURIComponent(query)}`);
      reachable = true;
      if (answer.status === 429) {
        showError('rate', { s: answer.headers.get('retry-after') ?? '1' });
        return -1;
      }
      hits = answer.status === 200 ? answer.json.guests : [];
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      reachable = false;
      await renderNet();
    }
  }
  hits ??= index ? searchNames(index, query) : [];
  const list = $('#search-results');
  list.replaceChildren();
  if (hits.length === 0) {
    if (sayNone) {
      list.append(item(t('search.none', { q: query })));
      shown('search-empty');
    }
    return 0;
  }
  for (const hit of hits) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `${hit.first_name} ${hit.last_initial}`;
    button.setAttribute('aria-label', t('search.pick', { name: button.textContent }));
    button.addEventListener('click', () => checkInGuest(hit.guest_id));
    list.append(item(button));
  }
  shown('search');
  list.querySelector('button').focus();
  return hits.length;
}

async function checkInGuest(guestId) {
  clearPanels();
  if (online()) {
    try {
      return await onlineCheckin({ guest_id: guestId, mode: 'name' });
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      reachable = false;
      await renderNet();
    }
  }
  if (!index?.guests.has(guestId)) return showError('unknown');
  return offlineCheckin([guestId], 'name');
}

/** The household tick list: who of the household is here now; those already in are shown, not offered. */
async function showHousehold(householdId, what) {
  const members = householdMembers(index, householdId);
  const present = await presentGuests();
  const form = $('#household');
  $('#household-title').textContent = t('household.title', { name: members[0]?.last_initial ?? '' });
  const list = $('#household-members');
  list.replaceChildren();
  for (const member of members) {
    const id = `member-${member.guest_id}`;
    const box = Object.assign(document.createElement('input'), { type: 'checkbox', id, value: member.guest_id,
      checked: !present.has(member.guest_id), disabled: present.has(member.guest_id) });
    const label = Object.assign(document.createElement('label'), { htmlFor: id,
      textContent: `${member.first_name} ${member.last_initial}${present.has(member.guest_id) ? ` — ${t('household.in')}` : ''}` });
    list.append(item(box, label));
  }
  form.hidden = false;
  form.onsubmit = async (e) => {
    e.preventDefault();
    const ids = [...list.querySelectorAll('input:checked')].map((box) => box.value);
    form.hidden = true;
    if (ids.length === 0) return;
    if (online()) {
      try {
        const body = what.kind === 'pass' ? { household_pass: what.token, guest_ids: ids, mode: 'household' }
          : { code: what.code, guest_ids: ids, mode: 'code' };
        return await onlineCheckin(body);
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        reachable = false;
        await renderNet();
      }
    }
    return offlineCheckin(ids, 'household');
  };
  shown('household');
  list.querySelector('input:not(:disabled)')?.focus();
}

$('#household-cancel').addEventListener('click', () => { $('#household').hidden = true; $('#scan-input').focus(); });

// ---------- the answer on screen ----------

function clearPanels() {
  $('#search-results').replaceChildren();
  $('#household').hidden = true;
}

const nameOf = (card) => `${card.first_name} ${card.last_initial ?? ''}`.trim();

function item(...children) {
  const li = document.createElement('li');
  li.append(...children);
  return li;
}

function el(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined && text !== null) element.textContent = text;
  return element;
}

function showCards(cards, alreadyIn, offline) {
  const answer = $('#answer');
  answer.replaceChildren(...cards.map((card) => doorCard(card, offline)));
  for (const held of alreadyIn) {
    answer.append(el('p', 'note', `${held.first_name}: ${t('err.already.body', { time: time(held.first_checkin.checked_in_at),
      device: held.first_checkin.device_id })}`));
  }
  shown(offline ? 'card-offline' : 'card');
}

function doorCard(card, offline) {
  const article = el('article', 'card ok');
  article.dataset.guest = card.guest_id;
  if (card.zone) article.style.setProperty('--zone-color', card.zone.color);
  article.append(el('p', 'welcome', t('card.welcome')), el('p', 'name', nameOf(card)));
  const place = el('div', 'place');
  if (card.zone) {
    const badge = el('p', 'zone');
    badge.append(el('span', 'label', t('card.zone')), el('span', 'letter', card.zone.letter));
    place.append(badge);
  }
  const facts = el('dl', 'facts');
  facts.append(el('dt', null, t('card.table')), el('dd', 'table', card.table_label ?? '–'));
  if (card.seat_label) facts.append(el('dt', null, t('card.seat')), el('dd', 'seat', card.seat_label));
  place.append(facts);
  article.append(place, el('p', 'direction', card.direction));
  if (card.accessible_route) article.append(el('p', 'flag', t('card.stepfree')));
  if (card.require_attention) {
    const reasons = (card.attention ?? []).map((code) => t(`card.attention.${code}`)).join(', ');
    article.append(el('p', 'flag attention', `${t('card.attention')}${reasons ? `: ${reasons}` : ''}`));
  }
  if (card.household) {
    article.append(el('p', 'household', t('card.household', card.household)));
    if (card.household.missing.length > 0) article.append(el('p', 'missing', t('card.missing', { names: card.household.missing.join(', ') })));
  }
  if (offline) article.append(el('p', 'note', t('card.offline')));
  const undo = el('button', 'undo', t('card.undo'));
  undo.type = 'button';
  undo.addEventListener('click', () => undoCheckin(card.checkin_id));
  article.append(undo);
  return article;
}

function showError(kind, detail = null) {
  const article = el('article', `card problem ${kind}`);
  article.setAttribute('role', 'alert');
  const symbol = { already: '⟲', unknown: '?', notinvited: '✕', rate: '⏸', generic: '!' }[kind];
  article.append(el('p', 'symbol', symbol), el('h3', null, t(`err.${kind}.title`)));
  const body = kind === 'already' && detail ? t('err.already.body', { time: time(detail.checked_in_at), device: detail.device_id })
    : kind === 'already' ? '' : t(`err.${kind}.body`, detail ?? {});
  if (body) article.append(el('p', 'detail', body));
  $('#answer').replaceChildren(article);
  shown(`error-${kind}`);
}

function showConflict(scan) {
  const article = el('article', 'card problem conflict');
  article.setAttribute('role', 'alert');
  article.append(el('p', 'symbol', '⟲'), el('h3', null, t('conflict.title')),
    el('p', 'detail', t('conflict.body', { name: scan.names[0], time: time(scan.first_checkin.checked_in_at),
      device: scan.first_checkin.device_id ?? '?' })));
  $('#answer').replaceChildren(article);
  shown('conflict');
}

async function undoCheckin(checkinId) {
  const scan = await store.scan(checkinId);
  if (!scan || Date.now() - scan.at > UNDO_WINDOW_MS) return;
  const queued = (await store.outbox()).some((item) => item.id === checkinId);
  if (queued) {
    await store.dequeue([checkinId]); // never sent: the server need not hear of it
  } else if (scan.status === 'refused') {
    // sent, but the worker refused it: the server has no check-in to undo
  } else if (online()) {
    const answer = await call('POST', `/v1/events/${device.event}/checkins/${checkinId}/undo`, {});
    if (answer.status >= 300) return showError('generic');
  } else {
    const undoId = crypto.randomUUID();
    await store.enqueue({ id: undoId, envelope: undoEnvelope({ tenant: device.tenant, eventId: device.event, checkinId, undoId,
      at: Date.now(), deviceId: device.deviceId, locale: lang }) });
  }
  await store.saveScan({ ...scan, status: 'undone' });
  $('#answer').replaceChildren(el('p', 'card undone', t('card.undone')));
  shown('undone');
  await renderNet();
  await renderRecent();
}

async function renderRecent() {
  // conflicts stay listed however many scans came after them; the rest are the latest dozen
  const all = (await store.scans()).sort((a, b) => b.at - a.at);
  // scans that will not count (lost to an earlier one, or refused once uploaded) stay listed whatever came after
  const sticky = (s) => s.status === 'lost' || (s.status === 'refused' && s.refused?.after_upload);
  const scans = [...all.filter(sticky), ...all.filter((s) => !sticky(s)).slice(0, 12)];
  const list = $('#recent');
  const stops = index?.stops ?? [];
  list.replaceChildren();
  for (const scan of scans) {
    const status = { confirmed: t('confirmed'), queued: t('pending'), uploaded: t('pending'), lost: t('lost'),
      undone: t('card.undone'), refused: t('refused') }[scan.status];
    const li = item(el('span', 'when', time(scan.at)), el('span', 'who', scan.names.join(', ')), el('span', `status ${scan.status}`, status));
    li.dataset.status = scan.status;
    // at an event with several stops a scan is a check-in at ONE of them: say which (scans from before stops: none)
    const stop = stops.length > 1 && scan.stop ? stops.find((s) => s.id === scan.stop) : undefined;
    if (stop) li.append(el('span', 'stop', t('recent.at', { stop: stop.name ?? stop.id })));
    if (scan.status === 'refused' && scan.refused) li.append(el('span', 'detail', refusedReason(scan.refused)));
    if (scan.status === 'lost') {
      li.append(el('span', 'detail', t('err.already.body', { time: time(scan.first_checkin.checked_in_at),
        device: scan.first_checkin.device_id ?? '?' })));
    }
    list.append(li);
  }
}

await boot();
