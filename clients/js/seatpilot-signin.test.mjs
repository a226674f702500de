// The hosted sign-in module under node, with stand-ins for the tab (sessionStorage, location, history) and the
// token endpoint (fetch): the challenge is S256 of the kept verifier, a changed state is refused before any code
// is exchanged, tokens land in the tab's storage only, a token near expiry is refreshed, and sign-out goes through
// the logout endpoint. The browser tests (local/stack …/it/sites/HostedSignInBrowserTest) run the real round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { hostedSignIn, REFRESH_MARGIN_MS, SignInError, siteConfigUrl } from './seatpilot-signin.mjs';

const CONFIG = { sign_in: 'cognito', auth: { issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool',
  authorize: 'https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  token: 'https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/oauth2/token',
  logout: 'https://seatpilot-dev-1.auth.eu-west-1.amazoncognito.com/logout', client_id: 'client123', scope: 'openid email profile' } };
const REDIRECT = 'https://d1.cloudfront.net/door/';

function storage() {
  const items = new Map();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), removeItem: (k) => items.delete(k) };
}

function tab(href = REDIRECT) {
  const location = { href, assigned: [], assign(url) { this.assigned.push(url); } };
  const history = { replaceState(_state, _title, url) { location.href = url; } };
  return { storage: storage(), location, history };
}

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function idToken(claims) {
  return `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.c2lnbmF0dXJl`;
}
function tokenAnswer(now, extra = {}) {
  const claims = { iss: CONFIG.auth.issuer, aud: 'client123', sub: 'u-1', 'custom:tenant_id': 'acme', iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + 3600 };
  return { id_token: idToken(claims), access_token: 'access', expires_in: 3600, token_type: 'Bearer', ...extra };
}

function fakeFetch(answers) {
  const calls = [];
  globalThis.fetch = async (url, init) => {
    calls.push({ url: String(url), body: new URLSearchParams(String(init.body)) });
    return new Response(JSON.stringify(answers.shift()), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return calls;
}

test('the site config is asked for the hosted sign-in only when this tab asked for it', () => {
  const s = storage();
  assert.equal(siteConfigUrl('?lang=es', s), '/config.json');
  assert.equal(siteConfigUrl('?signin=hosted', s), '/config.json?signin=hosted');
  assert.equal(siteConfigUrl('?code=abc&state=xyz', s), '/config.json?signin=hosted', 'remembered for the way back');
});

test('a config without auth, or with the local sign-in, offers no hosted sign-in', () => {
  assert.equal(hostedSignIn({ sign_in: 'local' }, { redirectUri: REDIRECT }), null);
  assert.equal(hostedSignIn({ ...CONFIG, sign_in: 'local' }, { redirectUri: REDIRECT }), null);
});

test('sign-in sends the browser to authorize with an S256 challenge of the verifier this tab keeps', async () => {
  const t = tab();
  await hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t }).signIn({ event: 'gala' });
  const url = new URL(t.location.assigned[0]);
  assert.equal(url.origin + url.pathname, CONFIG.auth.authorize);
  const pending = JSON.parse(t.storage.getItem('seatpilot.signin.pending'));
  assert.equal(url.searchParams.get('code_challenge'), createHash('sha256').update(pending.verifier).digest('base64url'));
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('state'), pending.state);
  assert.equal(url.searchParams.get('redirect_uri'), REDIRECT);
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'client123');
  assert.deepEqual(pending.appState, { event: 'gala' });
});

test('the way back exchanges the code with the verifier and keeps the tokens in the tab only', async () => {
  const t = tab();
  const now = Date.now();
  const signIn = hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t, now: () => now });
  await signIn.signIn({ event: 'gala' });
  const pending = JSON.parse(t.storage.getItem('seatpilot.signin.pending'));
  t.location.href = `${REDIRECT}?lang=es&code=the-code&state=${pending.state}`;
  const calls = fakeFetch([tokenAnswer(now, { refresh_token: 'refresh-1' })]);
  const session = await signIn.complete();
  assert.equal(session.tenant, 'acme');
  assert.deepEqual(session.appState, { event: 'gala' });
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, CONFIG.auth.token);
  assert.equal(calls[0].body.get('grant_type'), 'authorization_code');
  assert.equal(calls[0].body.get('code'), 'the-code');
  assert.equal(calls[0].body.get('code_verifier'), pending.verifier);
  assert.equal(calls[0].body.get('redirect_uri'), REDIRECT);
  assert.equal(t.location.href, `${REDIRECT}?lang=es`, 'the code and state leave the address bar');
  assert.equal(t.storage.getItem('seatpilot.signin.pending'), null, 'a pending sign-in is spent');
  assert.ok((await signIn.idToken()).startsWith('eyJ'));
});

test('a changed state is refused and no code is exchanged', async () => {
  const t = tab();
  const signIn = hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t });
  await signIn.signIn();
  t.location.href = `${REDIRECT}?code=the-code&state=someone-elses`;
  const calls = fakeFetch([]);
  await assert.rejects(signIn.complete(), SignInError);
  assert.equal(calls.length, 0);
  assert.equal(signIn.session(), null);
  assert.equal(await signIn.idToken(), null);
});

test('an answer this tab did not ask for is refused', async () => {
  const t = tab(`${REDIRECT}?code=planted&state=x`);
  const calls = fakeFetch([]);
  await assert.rejects(hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t }).complete(), SignInError);
  assert.equal(calls.length, 0);
});

test('a token near its expiry is refreshed with the refresh token before it is handed out', async () => {
  const t = tab();
  let now = Date.now();
  const signIn = hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t, now: () => now });
  await signIn.signIn();
  t.location.href = `${REDIRECT}?code=c&state=${JSON.parse(t.storage.getItem('seatpilot.signin.pending')).state}`;
  fakeFetch([tokenAnswer(now, { refresh_token: 'refresh-1' })]);
  const first = (await signIn.complete()) && await signIn.idToken();
  now += 3600 * 1000 - REFRESH_MARGIN_MS + 1000;
  const calls = fakeFetch([tokenAnswer(now + 1)]);
  const second = await signIn.idToken();
  assert.equal(calls.length, 1);
  assert.equal(calls[0].body.get('grant_type'), 'refresh_token');
  assert.equal(calls[0].body.get('refresh_token'), 'refresh-1');
  assert.notEqual(second, first);
  assert.equal(JSON.parse(t.storage.getItem('seatpilot.signin.tokens')).refreshToken, 'refresh-1', 'kept: Cognito sends none back');
});

test('offline (no site config) a tab that signed in keeps its sign-in; one that did not has none', () => {
  const t = tab();
  assert.equal(hostedSignIn({}, { redirectUri: REDIRECT, ...t }), null);
  assert.notEqual(hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t }), null);
  assert.notEqual(hostedSignIn({}, { redirectUri: REDIRECT, ...t }), null, 'the settings this tab was given');
  assert.equal(hostedSignIn({ sign_in: 'local' }, { redirectUri: REDIRECT, ...t }), null, 'a site that says local is local');
});

test('sign-out forgets the tokens and goes through the logout endpoint back to the app', async () => {
  const t = tab();
  t.storage.setItem('seatpilot.signin.tokens', JSON.stringify({ idToken: 'x', expiresAt: Date.now() + 3600_000 }));
  hostedSignIn(CONFIG, { redirectUri: REDIRECT, ...t }).signOut();
  assert.equal(t.storage.getItem('seatpilot.signin.tokens'), null);
  const url = new URL(t.location.assigned[0]);
  assert.equal(url.origin + url.pathname, CONFIG.auth.logout);
  assert.equal(url.searchParams.get('client_id'), 'client123');
  assert.equal(url.searchParams.get('logout_uri'), REDIRECT);
});
