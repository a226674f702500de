// The door list (SPEC §15) as the kiosk uses it offline: an index from pass hash, code hash and folded name to the
// guests, and the door card the server would show, built from the list alone. Pure functions over WebCrypto, so
// node's test runner checks them and the page and the benchmark use the same code.

const encoder = new TextEncoder();

export function hex(buffer) {
  let out = '';
  for (const b of new Uint8Array(buffer)) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(text) {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** Accent- and case-insensitive form of a name, as the server folds names for search. */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** A short code as typed (case, hyphens and spaces ignored; I and L read as 1, O as 0), or null if it cannot be one. */
export function normaliseCode(text) {
  const code = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]{8}$/.test(code) ? code : null;
}

/** What a scan or a typed text is: a pass token (bare or inside a pass page URL), a short code, or a name. */
export function classify(text) {
  const input = text.trim();
  const fromUrl = input.match(/\/p\/([A-Za-z0-9_-]{16,256})(?:[/?#]|$)/);
  if (fromUrl) return { kind: 'pass', token: fromUrl[1] };
  if (/^[A-Za-z0-9_-]{20,256}$/.test(input)) return { kind: 'pass', token: input };
  const code = normaliseCode(input);
  // a code typed with a digit or a hyphen is a code; eight letters may be a name ("Gonzalez") or one code in
  // twenty (no digit drawn): searched as a name first, tried as a code when no name matches
  if (code && /[\d-]/.test(input)) return { kind: 'code', code };
  return code ? { kind: 'name', query: input, code } : { kind: 'name', query: input };
}

/** The code hash's parameters as the list gives them (`code_hashing`): PBKDF2-SHA256, hex salt, iterations, bits. */
export function codeHashParams(list) {
  const p = list.code_hashing;
  if (!p || p.algorithm !== 'PBKDF2-SHA256') return null;
  return { salt: p.salt, iterations: p.iterations, lengthBits: p.length_bits ?? 256 };
}

const fromHex = (text) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

export async function codeHash(code, params) {
  const material = await crypto.subtle.importKey('raw', encoder.encode(code), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromHex(params.salt),
    iterations: params.iterations }, material, params.lengthBits);
  return hex(bits);
}

/** Indexes a door list once, on download: lookups at the door are then map reads. */
export function indexDoorList(list) {
  const guests = new Map();
  const byPassHash = new Map();
  const byCodeHash = new Map();
  const names = [];
  for (const guest of list.guests ?? []) {
    guests.set(guest.guest_id, guest);
    for (const h of guest.pass_hashes ?? []) byPassHash.set(h, { kind: 'guest', id: guest.guest_id });
    if (guest.code_hash) byCodeHash.set(guest.code_hash, { kind: 'guest', id: guest.guest_id });
    const keys = new Set([...(guest.name_keys ?? []), fold(guest.first_name ?? '')]);
    names.push({ id: guest.guest_id, keys: [...keys].filter(Boolean) });
  }
  const households = new Map();
  for (const household of list.households ?? []) {
    households.set(household.id, household);
    for (const h of household.pass_hashes ?? []) byPassHash.set(h, { kind: 'household', id: household.id });
    if (household.code_hash) byCodeHash.set(household.code_hash, { kind: 'household', id: household.id });
  }
  // the stop this door checks guests in at (SPEC §16): the list is made for it (a kiosk's own, or the staff's pick)
  const stops = list.stops ?? [];
  const stopId = list.stop_id ?? stops[0]?.id ?? null;
  return { eventId: list.event_id, version: list.version, generatedAt: list.generated_at, guests, households, byPassHash,
    byCodeHash, names, codeParams: codeHashParams(list), checkedIn: new Set(list.checked_in ?? []), stops, stopId };
}

/** Whether the guest is invited to the list's stop (a list without stops, or a guest without them: every stop). */
export function invitedAt(index, guestId) {
  const stops = index.guests.get(guestId)?.stops;
  return !stops || !index.stopId || stops.includes(index.stopId);
}

/** Whether the list's stop is seated by the plan; a stop with `seated: false` (a ceremony) shows no table. */
export function seatedAt(index) {
  return index.stops.find((s) => s.id === index.stopId)?.seated !== false;
}

export async function findByPass(index, token) {
  return index.byPassHash.get(await sha256Hex(token)) ?? null;
}

export async function findByCode(index, code) {
  if (!index.codeParams) return null;
  return index.byCodeHash.get(await codeHash(code, index.codeParams)) ?? null;
}

/**
 * Guests matching every word typed, at most 20 (as the server's name search). The list carries only the first
 * three folded letters of each name word (never whole last names), so a longer word matches on those three, and
 * the volunteer picks among the candidates.
 */
export function searchNames(index, query, limit = 20) {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const matches = (word, key) => (word.length <= key.length ? key.startsWith(word) : word.startsWith(key));
  const hits = [];
  for (const entry of index.names) {
    if (words.every((w) => entry.keys.some((k) => k.split(' ').some((part) => matches(w, part))))) {
      hits.push(index.guests.get(entry.id));
      if (hits.length >= limit) break;
    }
  }
  return hits;
}

/** The household's members expected at this door's stop (one invited to other stops only is not). */
export function householdMembers(index, householdId) {
  const household = index.households.get(householdId);
  const ids = household?.members ?? [...index.guests.values()].filter((g) => g.household_id === householdId).map((g) => g.guest_id);
  return ids.filter((id) => invitedAt(index, id)).map((id) => index.guests.get(id)).filter(Boolean);
}

/**
 * The door card for a guest checked in offline, in the server's shape (SPEC §7) so one renderer draws both.
 * {@code present} holds the guests known to be in (the list's checked_in plus this kiosk's own scans). At a stop
 * without seating the card has no place, as the server's.
 */
export function offlineCard(index, guestId, checkinId, checkedInAt, present, direction) {
  const listed = index.guests.get(guestId);
  const g = seatedAt(index) ? listed : { ...listed, table_label: null, seat_label: null, zone: null, direction: null };
  let household = null;
  if (g.household_id) {
    const members = householdMembers(index, g.household_id);
    const missing = members.filter((m) => !present.has(m.guest_id) && m.guest_id !== guestId).map((m) => m.first_name);
    household = { expected: members.length, arrived: members.length - missing.length, missing };
  }
  return { checkin_id: checkinId, checked_in_at: checkedInAt, guest_id: guestId, first_name: g.first_name,
    last_initial: g.last_initial, table_label: g.table_label ?? null, seat_label: g.seat_label ?? null, zone: g.zone ?? null,
    direction: direction(g), accessible_route: Boolean(g.pmr), household, require_attention: (g.attention ?? []).length > 0,
    attention: g.attention ?? [] };
}
