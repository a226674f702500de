// SeatPilot request signer (SPEC §4) for browsers, PWAs and Node >= 20. WebCrypto only, no dependencies.
//
//   string to sign = METHOD + "|" + PATH + "|" + x-ts + "|" + x-nonce + "|" + RAW_BODY   (UTF-8 bytes)
//   x-sig          = lowercase hex HMAC-SHA256(key = UTF-8 bytes of the secret string, string to sign)
//
// The secret is used exactly as the admin API returned it (a base64url string): it is never decoded.
// PATH is the request path without query string (and without any API Gateway stage prefix).
// The body is signed byte for byte: send exactly the string or bytes you signed, never re-serialise.

const NONCE_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;
const TS_FORMAT = /^[0-9]{1,15}$/;
const encoder = new TextEncoder();

function webCrypto() {
  const c = globalThis.crypto;
  if (!c || !c.subtle) {
    throw new Error("WebCrypto (crypto.subtle) is not available: browsers only expose it in secure contexts (HTTPS or localhost)");
  }
  return c;
}

/** The path to sign: the query string and fragment are removed; it must start with "/". */
export function canonicalPath(path) {
  if (typeof path !== "string") throw new TypeError("path must be a string");
  const end = path.search(/[?#]/);
  const p = end === -1 ? path : path.slice(0, end);
  if (!p.startsWith("/")) throw new TypeError(`path must start with "/" (a path such as /v1/events, not a full URL): ${path}`);
  return p;
}

function bodyBytes(body) {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("body must be the exact string or bytes that will be sent (serialise JSON once, sign it, send that string)");
}

function timestamp(ts) {
  const value = ts === undefined || ts === null ? String(Date.now()) : typeof ts === "number" ? String(ts) : ts;
  if (typeof value !== "string" || !TS_FORMAT.test(value) || (typeof ts === "number" && !Number.isSafeInteger(ts))) {
    throw new TypeError("ts must be Unix epoch milliseconds written in decimal digits");
  }
  return value;
}

/** A fresh nonce: crypto.randomUUID() where available, else 128 random bits in base64url. */
export function newNonce() {
  const c = webCrypto();
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const bytes = c.getRandomValues(new Uint8Array(16));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function nonceOf(nonce) {
  const value = nonce ?? newNonce();
  if (typeof value !== "string" || !NONCE_FORMAT.test(value)) {
    throw new TypeError("nonce must be 16-64 characters of [A-Za-z0-9_-]");
  }
  return value;
}

function toHex(buffer) {
  let hex = "";
  for (const b of new Uint8Array(buffer)) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** The bytes of METHOD|PATH|x-ts|x-nonce|RAW_BODY. */
export function stringToSignBytes({ method, path, ts, nonce, body }) {
  const prefix = encoder.encode(`${method}|${path}|${ts}|${nonce}|`);
  const raw = bodyBytes(body);
  const out = new Uint8Array(prefix.length + raw.length);
  out.set(prefix, 0);
  out.set(raw, prefix.length);
  return out;
}

/** METHOD|PATH|x-ts|x-nonce|RAW_BODY as a string (for debugging and tests; the signature uses the bytes). */
export function stringToSign({ method, path, ts, nonce, body = "" }) {
  return `${method}|${path}|${ts}|${nonce}|${typeof body === "string" ? body : new TextDecoder().decode(bodyBytes(body))}`;
}

/**
 * Imports a device secret as a non-extractable HMAC-SHA256 CryptoKey (its UTF-8 bytes, never decoded). A kiosk
 * keeps this key (IndexedDB stores CryptoKeys by structured clone) and drops the secret string: script on the page
 * can then sign with the key but never read it back.
 * @param {string} secret
 * @returns {Promise<CryptoKey>}
 */
export function importSigningKey(secret) {
  if (typeof secret !== "string" || secret.length === 0) throw new TypeError("secret must be the non-empty string issued by the admin API");
  return webCrypto().subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

/**
 * A signer bound to one device key: either its secret string (imported once, non-extractable, and reused) or a
 * CryptoKey from importSigningKey (e.g. read back from IndexedDB).
 * @param {{secret?: string, cryptoKey?: CryptoKey, keyId: string}} key
 * @returns {(req: {method: string, path: string, body?: string|Uint8Array|ArrayBuffer, ts?: number|string, nonce?: string}) => Promise<Record<string,string>>}
 */
export function createSigner({ secret, cryptoKey, keyId }) {
  if (cryptoKey === undefined && (typeof secret !== "string" || secret.length === 0)) {
    throw new TypeError("secret must be the non-empty string issued by the admin API");
  }
  if (cryptoKey !== undefined && (typeof cryptoKey !== "object" || cryptoKey === null || cryptoKey.algorithm?.name !== "HMAC")) {
    throw new TypeError("cryptoKey must be an HMAC CryptoKey (see importSigningKey)");
  }
  if (typeof keyId !== "string" || keyId.length === 0) throw new TypeError("keyId must be a non-empty string");
  let imported = cryptoKey;
  const key = () => (imported ??= importSigningKey(secret));
  return async function sign({ method, path, body, ts, nonce }) {
    if (typeof method !== "string" || !/^[A-Za-z]+$/.test(method)) throw new TypeError("method must be an HTTP method name");
    const m = method.toUpperCase();
    const p = canonicalPath(path);
    const t = timestamp(ts);
    const n = nonceOf(nonce);
    const mac = await webCrypto().subtle.sign("HMAC", await key(), stringToSignBytes({ method: m, path: p, ts: t, nonce: n, body }));
    return { "x-key": keyId, "x-ts": t, "x-nonce": n, "x-sig": toHex(mac) };
  };
}

/**
 * Signs one request and returns the four headers {x-key, x-ts, x-nonce, x-sig}.
 * ts defaults to Date.now(), nonce to crypto.randomUUID(); a query string in path is stripped (it is not signed).
 */
export async function signRequest({ secret, keyId, method, path, body, ts, nonce }) {
  return createSigner({ secret, keyId })({ method, path, body, ts, nonce });
}
