import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pbkdf2Sync, createHash } from 'node:crypto';
import { classify, codeHash, findByCode, findByPass, fold, householdMembers, indexDoorList, invitedAt, normaliseCode, offlineCard,
  searchNames, seatedAt }
  from '../js/doorlist.mjs';

const SALT = '00112233445566778899aabbccddeeff';
const sha = (text) => createHash('sha256').update(text).digest('hex');
// the server's side of code_hash, recomputed with node's own PBKDF2 (as the JDK's PBKDF2WithHmacSHA256 does)
const serverCodeHash = (code) => pbkdf2Sync(code, Buffer.from(SALT, 'hex'), 1000, 32, 'sha256').toString('hex');

const list = {
  event_id: 'gala-2026', version: 'v1', generated_at: 1, checked_in: ['g2'],
  code_hashing: { algorithm: 'PBKDF2-SHA256', salt: SALT, iterations: 1000, length_bits: 256 },
  guests: [
    { guest_id: 'g1', first_name: 'José', last_initial: 'N.', household_id: null, table_label: 'B-12', seat_label: '3',
      zone: { letter: 'B', color: 'blue' }, direction: { en: 'Zone B, table B-12', es: 'Zona B, mesa B-12' }, pmr: false,
      attention: ['vip'], pass_hashes: [sha('tokenJose0123456789abcdef')], code_hash: serverCodeHash('7KQ2M9XD'), name_keys: ['jos', 'nun'] },
    { guest_id: 'g2', first_name: 'Ana', last_initial: 'O.', table_label: 'A-1', zone: { letter: 'A', color: '#2E8B57' },
      pmr: true, attention: [], pass_hashes: [], code_hash: null, name_keys: ['ana', 'ort'] },
    { guest_id: 'h1a', first_name: 'Marta', last_initial: 'R.', household_id: 'h1', table_label: 'B-12', pmr: false,
      attention: [], pass_hashes: [], name_keys: ['mar', 'rui'] },
    { guest_id: 'h1b', first_name: 'Luis', last_initial: 'R.', household_id: 'h1', table_label: 'B-12', pmr: false,
      attention: [], pass_hashes: [], name_keys: ['lui', 'rui'] },
  ],
  households: [{ id: 'h1', pass_hashes: [sha('householdRuiz0123456789ab')], members: ['h1a', 'h1b'] }],
};

test('a scan is a pass (bare or in a pass page URL), a short code, or a name', () => {
  assert.deepEqual(classify('https://door.example/p/tokenJose0123456789abcdef'), { kind: 'pass', token: 'tokenJose0123456789abcdef' });
  assert.deepEqual(classify('  tokenJose0123456789abcdef\n'), { kind: 'pass', token: 'tokenJose0123456789abcdef' });
  assert.deepEqual(classify('7kq2-m9xd'), { kind: 'code', code: '7KQ2M9XD' });
  assert.deepEqual(classify('Núñez'), { kind: 'name', query: 'Núñez' });
  assert.deepEqual(classify('Gonzalez'), { kind: 'name', query: 'Gonzalez', code: 'G0NZA1EZ' }, 'eight letters: a name, else a code');
  assert.deepEqual(classify('Ana'), { kind: 'name', query: 'Ana' });
});

test('codes are read as the server reads them: I and L are 1, O is 0, U is never a code', () => {
  assert.equal(normaliseCode('ilo0 abcd'), '1100ABCD');
  assert.equal(normaliseCode('UUUUUUUU'), null);
  assert.equal(normaliseCode('12345'), null);
});

test('passes and household passes are found by their SHA-256', async () => {
  const index = indexDoorList(list);
  assert.deepEqual(await findByPass(index, 'tokenJose0123456789abcdef'), { kind: 'guest', id: 'g1' });
  assert.deepEqual(await findByPass(index, 'householdRuiz0123456789ab'), { kind: 'household', id: 'h1' });
  assert.equal(await findByPass(index, 'tokenUnknown0123456789abc'), null);
});

test('a short code is found by the same PBKDF2 the server computed, and only the right code', async () => {
  const index = indexDoorList(list);
  assert.equal(await codeHash('7KQ2M9XD', index.codeParams), serverCodeHash('7KQ2M9XD'));
  assert.deepEqual(await findByCode(index, '7KQ2M9XD'), { kind: 'guest', id: 'g1' });
  assert.equal(await findByCode(index, '7KQ2M9XE'), null);
});

test('names: accent- and case-insensitive, on the three-letter keys and the first name', () => {
  const index = indexDoorList(list);
  assert.deepEqual(searchNames(index, 'nuñez').map((g) => g.guest_id), ['g1']);
  assert.deepEqual(searchNames(index, 'JOSE n').map((g) => g.guest_id), ['g1']);
  assert.deepEqual(searchNames(index, 'ruiz').map((g) => g.guest_id), ['h1a', 'h1b']);
  assert.deepEqual(searchNames(index, 'luis ruiz').map((g) => g.guest_id), ['h1b']);
  assert.deepEqual(searchNames(index, 'zz'), []);
  assert.equal(fold('  Sofía  Núñez-Ortiz '), 'sofia nunez ortiz');
});

test('the offline card has the server card shape, with the household still to come', () => {
  const index = indexDoorList(list);
  const present = new Set(['h1a']);
  const card = offlineCard(index, 'h1a', 'c-1', 5, present, () => 'Table B-12');
  assert.equal(card.first_name, 'Marta');
  assert.deepEqual(card.household, { expected: 2, arrived: 1, missing: ['Luis'] });
  const jose = offlineCard(index, 'g1', 'c-2', 6, new Set(['g1']), (g) => g.direction.es);
  assert.equal(jose.direction, 'Zona B, mesa B-12');
  assert.equal(jose.require_attention, true);
  assert.deepEqual(jose.zone, { letter: 'B', color: 'blue' });
  assert.equal(indexDoorList(list).checkedIn.has('g2'), true);
});

test('stops (SPEC §16): a guest is checked in offline only at a stop they are invited to, and a stop without seating shows no table', () => {
  const wedding = indexDoorList({ ...list, stop_id: 'ceremony',
    stops: [{ id: 'ceremony', name: 'Ceremonia', seated: false }, { id: 'reception', name: 'Banquete' }],
    guests: [{ ...list.guests[0], stops: ['ceremony', 'reception'] }, { ...list.guests[1], stops: ['reception'] }] });
  assert.equal(wedding.stopId, 'ceremony');
  assert.equal(invitedAt(wedding, 'g1'), true);
  assert.equal(invitedAt(wedding, 'g2'), false, 'Ana is invited to the reception only');
  assert.equal(seatedAt(wedding), false);
  const card = offlineCard(wedding, 'g1', 'c1', 5, new Set(), (g) => g.direction?.en ?? 'sit anywhere');
  assert.equal(card.table_label, null);
  assert.equal(card.zone, null);
  assert.equal(card.direction, 'sit anywhere');

  const reception = indexDoorList({ ...list, stop_id: 'reception', stops: wedding.stops,
    guests: [{ ...list.guests[0], stops: ['ceremony', 'reception'] }, { ...list.guests[1], stops: ['reception'] }] });
  assert.equal(invitedAt(reception, 'g2'), true);
  assert.equal(seatedAt(reception), true);
  assert.equal(offlineCard(reception, 'g1', 'c2', 5, new Set(), (g) => g.direction.en).table_label, 'B-12');
  // a household member invited to the reception only is neither offered nor awaited at the ceremony
  const paz = { guests: [{ ...list.guests[2], stops: ['ceremony', 'reception'] }, { ...list.guests[3], stops: ['reception'] }],
    households: list.households, stops: wedding.stops };
  assert.deepEqual(householdMembers(indexDoorList({ ...paz, stop_id: 'ceremony' }), 'h1').map((g) => g.guest_id), ['h1a']);
  assert.deepEqual(householdMembers(indexDoorList({ ...paz, stop_id: 'reception' }), 'h1').map((g) => g.guest_id), ['h1a', 'h1b']);
  // a list from before stops: everyone everywhere, seated
  const old = indexDoorList(list);
  assert.equal(invitedAt(old, 'g2'), true);
  assert.equal(seatedAt(old), true);
});
