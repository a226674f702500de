// Wires the page: sign-in, the event's live connection, rendering. Addresses come from `?api=` and `?ws=`, else
// from /config.json (bin/publish-sites writes it when deploying, the local stack answers it), else the API is this
// origin and the WebSocket API is on port 3001 of this host, the local stack's default (SPEC §12).
// The language: `?lang=`, then the browser's, then the event's default_locale from /config.json when the site is
// deployed for one event, then English (i18n.mjs); the switch in the header reloads the page with `?lang=`, and the
// signed-in screen carries on from sessionStorage.

import { LANGUAGES, loadMessages, pickLanguage, translatePage, translator } from './i18n.mjs';
import { LiveConnection } from './live-connection.mjs';
import { stopInProgress } from './ops-state.mjs';
import { render, renderRsvp } from './render.mjs';
import { SafetyPanel } from './safety.mjs';
import { hostedSignIn, SignInError, siteConfigUrl } from '../lib/signer/seatpilot-signin.mjs';

async function siteConfig() {
  try {
    const response = await fetch(siteConfigUrl(location.search), { cache: 'no-cache' });
    return response.ok ? await response.json() : {};
  } catch {
    return {};
  }
}

const params = new URLSearchParams(location.search);
const config = await siteConfig();
const api = params.get('api') ?? config.api ?? location.origin;
const ws = params.get('ws') ?? config.ws ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.hostname}:3001`;
const isLocal = ['localhost', '127.0.0.1'].includes(location.hostname);
// People sign in through the user pool's hosted sign-in where the site offers it (deployed; locally when asked with
// ?signin=hosted), else with a pasted token; the tokens live in this tab either way.
const hosted = hostedSignIn(config, { redirectUri: new URL('./', location.href).href });
const lang = pickLanguage(location.search, navigator.languages ?? [], config.default_locale);
const t = translator(await loadMessages(lang), lang);
translatePage(document, t);

const $ = (id) => document.getElementById(id);
const statusLevels = { connecting: 'unknown', live: 'ok', resyncing: 'warn', reconnecting: 'warn', closed: 'unknown' };
let connection;

function showStatus(status) {
  $('status').textContent = t(`connection.${status}`);
  $('status').dataset.level = statusLevels[status];
}

// the switch: each language's link keeps the page's other parameters (api, ws)
for (const code of LANGUAGES) {
  const link = document.querySelector(`#languages a[hreflang="${code}"]`);
  const search = new URLSearchParams(location.search);
  search.set('lang', code);
  link.href = `?${search}`;
  if (code === lang) link.setAttribute('aria-current', 'true');
}

async function fetchSnapshot(token, event, stop = null) {
  const query = stop === null ? '' : `?stop=${encodeURIComponent(stop)}`;
  const response = await fetch(`${api}/v1/events/${encodeURIComponent(event)}/live/snapshot${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw Object.assign(new Error('snapshot'), { status: response.status });
  return response.json();
}

let stopRefreshing = () => {};

/**
 * The stop picker of an event with more than one stop (SPEC §16), showing `chosen`; choosing another follows the
 * event again at that stop. Returns the stop in view as the state keeps it: null for the first, else its id.
 */
function pickStop(token, event, stops, chosen) {
  $('stop-picker').hidden = stops.length < 2;
  $('stop').replaceChildren(...stops.map((s) => Object.assign(document.createElement('option'),
    { value: s.id, textContent: s.name ?? s.id, selected: s.id === chosen })));
  $('stop').onchange = () => follow(token, event, $('stop').value);
  return stops.length < 2 || chosen === stops[0].id ? null : chosen;
}

/** Follows the event at `stop` (an id); without one, at the stop in progress, learnt from a first snapshot. */
async function follow(token, event, stop) {
  connection?.stop();
  stopRefreshing();
  const stops = (await fetchSnapshot(token, event).catch(() => null))?.data?.stops ?? [];
  const view = pickStop(token, event, stops, stop ?? stopInProgress(stops, Date.now()));
  // The token lives for this tab only: closing it signs the screen out. A hosted sign-in's tokens are the sign-in
  // module's to keep (and refresh); only the event is kept here.
  sessionStorage.setItem('seatpilot.ops', JSON.stringify(hosted ? { event } : { token, event }));
  $('board').hidden = false;
  // every alert shows whatever stop is in view (safety first); the panel names the stop each one is for
  const safety = new SafetyPanel({ api, token, event, root: $('safety'), t, stops, onKpis: (kpis) => renderRsvp(kpis.rsvp, t) });
  connection = new LiveConnection({
    url: ws, token, event, stop: view, fetchSnapshot: (e) => fetchSnapshot(connection.token, e, view),
    onState: (state) => render(state, t),
    // the safety panel reloads whenever the page is (re)synchronised, as messages may have been missed
    onStatus: (status) => { showStatus(status); if (status === 'live') safety.reload(); },
    onMessage: (message) => {
      safety.receive(message);
      // answers changed: the counts come whole, so the tile is replaced without a reconnect (or a missed-seq resync)
      if (message.type === 'rsvp' && message.event === event) renderRsvp(message.data, t);
    },
  });
  connection.start();
  if (hosted) {
    // the next reconnect, snapshot and safety call carry the refreshed token
    stopRefreshing = hosted.keepFresh((fresh) => { connection.token = fresh; safety.token = fresh; });
  }
}

$('signin').addEventListener('submit', async (e) => {
  e.preventDefault();
  const event = $('event').value.trim();
  if (!hosted) {
    follow($('token').value.trim(), event);
    return;
  }
  const token = await hosted.idToken();
  if (token) follow(token, event);
  else await hosted.signIn({ event });
});
$('signin').querySelector('button[type=submit]').disabled = false;

if (hosted) {
  $('token').required = false;
  // style, not the hidden attribute: the page's labels are display: flex, which wins over [hidden]
  $('token').closest('label').style.display = 'none';
  $('hosted-note').hidden = false;
  // leaving the page closes the live connection
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem('seatpilot.ops');
    hosted.signOut();
  });
  // Back from the hosted sign-in: a refused answer (a changed state, a spent code) signs nobody in.
  try {
    const back = await hosted.complete();
    if (back) sessionStorage.setItem('seatpilot.ops', JSON.stringify({ event: back.appState.event }));
  } catch (e) {
    if (!(e instanceof SignInError)) throw e;
    $('signin-error').textContent = t('signin.failed');
  }
  $('sign-out').hidden = !hosted.session();
}

if (isLocal && !hosted) {
  $('local-token').hidden = false;
  $('local-tenant-label').hidden = false;
  $('local-token').addEventListener('click', async () => {
    const response = await fetch(`${api}/local/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant_id: $('local-tenant').value.trim(), roles: ['ops'] }),
    });
    $('token').value = (await response.json()).token;
  });
}

const saved = JSON.parse(sessionStorage.getItem('seatpilot.ops') ?? 'null');
const savedToken = hosted ? await hosted.idToken() : saved?.token;
if (saved && savedToken) {
  if (!hosted) $('token').value = savedToken;
  $('event').value = saved.event;
  follow(savedToken, saved.event);
}
