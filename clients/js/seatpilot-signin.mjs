// Hosted sign-in for the people's screens (SPEC §15): the door app in staff mode and the dashboard send people to
// the user pool's hosted sign-in (locally, the stack's stand-in) with the authorization code and PKCE, and keep the
// tokens for this tab only. The protocol is oauth4webapi's (vendor/, MIT): the S256 challenge through WebCrypto, the
// state check, the code exchange, the ID token's claims check (issuer, audience, expiry) and the refresh grant.
// What is ours: where things are kept (sessionStorage, never localStorage: closing the tab signs the screen out,
// and nothing outlives the tab for a script on another visit to find), when to refresh, and the way back.
//
// The apps send the ID token to the API: Cognito puts the tenant (custom:tenant_id) and the groups in it, and its
// audience is the client the HTTP API's authorizer trusts.
import * as oauth from './vendor/oauth4webapi.mjs';

const PENDING = 'seatpilot.signin.pending';
const TOKENS = 'seatpilot.signin.tokens';
const WANTED = 'seatpilot.signin.hosted';
const AUTH = 'seatpilot.signin.auth';
/** Refresh this long before the ID token expires, so no call goes out with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const RETRY_MS = 30 * 1000;
/** What the authorization response adds to the app's URL, taken off again once read. */
const RESPONSE_PARAMS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri'];

export class SignInError extends Error {}

/**
 * Where the app reads its site config: deployed, /config.json offers the hosted sign-in itself; locally it does so
 * only when the page was opened with `?signin=hosted`, which this tab then remembers across the round trip.
 */
export function siteConfigUrl(search, storage = globalThis.sessionStorage) {
  if (new URLSearchParams(search).get('signin') === 'hosted') storage.setItem(WANTED, 'yes');
  return storage.getItem(WANTED) === 'yes' ? '/config.json?signin=hosted' : '/config.json';
}

/**
 * The hosted sign-in a site config offers (`auth`: issuer, authorize, token, logout, client_id, scope), or null when
 * it offers none: then the app keeps to the pasted local token.
 *
 * @param options.redirectUri the app's own address, registered with the client (…/door/ or …/ops/)
 */
export function hostedSignIn(config, { redirectUri, storage = globalThis.sessionStorage, location = globalThis.location,
  history = globalThis.history, now = () => Date.now() } = {}) {
  // Offline the site config may not load ({}): a tab that signed in keeps its sign-in's settings for the session,
  // so a door reloaded without network still knows its staff member.
  const auth = config?.auth ?? (config?.sign_in ? null : JSON.parse(storage.getItem(AUTH) ?? 'null'));
  if (!auth || config?.sign_in === 'local') return null;
  storage.setItem(AUTH, JSON.stringify(auth));
  const as = { issuer: auth.issuer, authorization_endpoint: auth.authorize, token_endpoint: auth.token,
    end_session_endpoint: auth.logout };
  const client = { client_id: auth.client_id };
  const token = new URL(auth.token);
  // oauth4webapi speaks HTTPS only, as it should; the local stack's stand-in is plain HTTP on this machine.
  const options = token.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(token.hostname)
    ? { [oauth.allowInsecureRequests]: true } : {};
  const read = (key) => JSON.parse(storage.getItem(key) ?? 'null');

  function keep(result, refreshToken) {
    const claims = oauth.getValidatedIdTokenClaims(result);
    const session = { idToken: result.id_token, refreshToken: result.refresh_token ?? refreshToken,
      expiresAt: now() + result.expires_in * 1000, tenant: claims.tenant_id ?? claims['custom:tenant_id'], sub: claims.sub };
    storage.setItem(TOKENS, JSON.stringify(session));
    return session;
  }

  async function refresh(session) {
    const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), session.refreshToken, options);
    return keep(await oauth.processRefreshTokenResponse(as, client, response), session.refreshToken);
  }

  return {
    /** Sends the browser to the sign-in page; `appState` (e.g. the event) comes back from {@link complete}. */
    async signIn(appState = {}) {
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      storage.setItem(PENDING, JSON.stringify({ verifier, state, appState }));
      const url = new URL(as.authorization_endpoint);
      url.search = new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri,
        scope: auth.scope ?? 'openid email profile', state, code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256' });
      location.assign(url.href);
    },

    /**
     * On the way back from the sign-in page: checks the state against this tab's, exchanges the code with the
     * verifier and keeps the tokens. Null when the page was not opened by a sign-in; a SignInError when the answer
     * is not this tab's (a changed or missing state), an error, or refused at the token endpoint. The pending
     * sign-in is spent either way, and the answer's parameters leave the address bar.
     */
    async complete() {
      const url = new URL(location.href);
      if (!RESPONSE_PARAMS.some((name) => url.searchParams.has(name))) return null;
      const pending = read(PENDING);
      storage.removeItem(PENDING);
      const clean = new URL(url);
      RESPONSE_PARAMS.forEach((name) => clean.searchParams.delete(name));
      history.replaceState(null, '', clean.href);
      if (!pending) throw new SignInError('no sign-in was started in this tab');
      try {
        const params = oauth.validateAuthResponse(as, client, url, pending.state);
        const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri,
          pending.verifier, options);
        const session = keep(await oauth.processAuthorizationCodeResponse(as, client, response, { requireIdToken: true }));
        return { ...session, appState: pending.appState };
      } catch (e) {
        throw new SignInError(e.message, { cause: e });
      }
    },

    /** This tab's session (tenant, sub, expiry; it may have expired), or null; the tokens stay inside this module's calls. */
    session() {
      const session = read(TOKENS);
      return session && { tenant: session.tenant, sub: session.sub, expiresAt: session.expiresAt };
    },

    /**
     * The ID token to send, refreshed first when it expires within {@link REFRESH_MARGIN_MS}; null when there is no
     * session or it has run out and cannot be refreshed (signed out elsewhere, or no network to refresh it over).
     */
    async idToken() {
      const session = read(TOKENS);
      if (!session) return null;
      if (session.expiresAt - now() > REFRESH_MARGIN_MS) return session.idToken;
      try {
        return (await refresh(session)).idToken;
      } catch {
        return session.expiresAt > now() ? session.idToken : null;
      }
    },

    /** Calls `onToken` with each refreshed ID token, a margin before the current one expires, until stopped. */
    keepFresh(onToken, { setTimer = setTimeout, clearTimer = clearTimeout } = {}) {
      let timer;
      // A refresh that failed (no network) is tried again every RETRY_MS, after the token expired too: the refresh
      // token outlives it, so a door that was offline gets a token again when the network returns.
      const plan = () => {
        const session = read(TOKENS);
        if (!session) return;
        timer = setTimer(async () => {
          const fresh = await this.idToken();
          if (fresh && fresh !== session.idToken) onToken(fresh);
          plan();
        }, Math.max(RETRY_MS, session.expiresAt - REFRESH_MARGIN_MS - now()));
      };
      plan();
      return () => clearTimer(timer);
    },

    /** Forgets this tab's tokens and ends the hosted session, which sends the browser back to `redirectUri`. */
    signOut() {
      storage.removeItem(TOKENS);
      storage.removeItem(PENDING);
      const url = new URL(as.end_session_endpoint);
      url.search = new URLSearchParams({ client_id: client.client_id, logout_uri: redirectUri });
      location.assign(url.href);
    },
  };
}
