// The door's calls to the HTTP API: a kiosk signs each request (SPEC §4) with the repository's signer and its
// non-extractable key; staff send their bearer token. A network failure is reported as such (never as an HTTP
// status), so the page can fall back to the door list.
import { createSigner } from '../lib/signer/seatpilot-signer.mjs';

export class NetworkError extends Error {}

const TIMEOUT_MS = 5000;

/** @param lang the UI's language, asked of the server too (the door answer's direction is in es or en) */
export function createApi(base, device, lang) {
  const sign = device.mode === 'kiosk' ? createSigner({ cryptoKey: device.cryptoKey, keyId: device.keyId }) : null;
  return async function call(method, path, body, headers = {}) {
    const raw = body === undefined ? undefined : JSON.stringify(body);
    const auth = sign ? await sign({ method, path, body: raw ?? '' }) : { authorization: `Bearer ${device.token}` };
    let response;
    try {
      response = await fetch(base + path, {
        method, body: raw, signal: AbortSignal.timeout(TIMEOUT_MS), cache: 'no-store',
        headers: { ...(raw === undefined ? {} : { 'content-type': 'application/json' }), 'accept-language': lang, ...auth, ...headers },
      });
    } catch (e) {
      throw new NetworkError(e.message);
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    return { status: response.status, json, headers: response.headers };
  };
}
