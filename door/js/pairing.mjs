// The pairing code an admin screen shows after POST /v1/devices, and a kiosk reads (QR or pasted): what the kiosk
// needs to sign — key id, secret, tenant, event, device id — as "SPK1." + base64url(JSON). It is a credential:
// the admin page shows it once, the kiosk turns the secret into a non-extractable key and keeps only that.

const PREFIX = 'SPK1.';

function toBase64Url(text) {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodePairing({ key_id, secret, tenant, event, device_id }) {
  return PREFIX + toBase64Url(JSON.stringify({ key_id, secret, tenant, event, device_id }));
}

/** The pairing, or null when the text is not a whole, well-formed code. */
export function decodePairing(text) {
  const code = text.trim();
  if (!code.startsWith(PREFIX)) return null;
  try {
    const p = JSON.parse(fromBase64Url(code.slice(PREFIX.length)));
    const ok = ['key_id', 'secret', 'tenant', 'event', 'device_id'].every((k) => typeof p[k] === 'string' && p[k].length > 0);
    return ok ? p : null;
  } catch {
    return null;
  }
}
