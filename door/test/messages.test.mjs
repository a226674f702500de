import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { format, pickLanguage, translator } from '../js/i18n.mjs';
import { decodePairing, encodePairing } from '../js/pairing.mjs';
import { BATCH, checkinEnvelope, exportRefused, flush } from '../js/outbox.mjs';

const bundle = (lang) => JSON.parse(readFileSync(new URL(`../i18n/${lang}.json`, import.meta.url), 'utf8'));

test('Spanish and English bundles hold the same messages with the same holes', () => {
  const en = bundle('en');
  const es = bundle('es');
  assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort());
  const holes = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(en)) assert.deepEqual(holes(es[key]), holes(en[key]), key);
});

test('the language: ?lang= first, then the browser, then English', () => {
  assert.equal(pickLanguage('?lang=es', ['en-GB']), 'es');
  assert.equal(pickLanguage('', ['es-MX', 'en']), 'es');
  assert.equal(pickLanguage('?lang=fr', ['de']), 'en');
  assert.equal(format('{n} of {m}', { n: 2 }), '2 of {m}');
  assert.equal(translator({ a: 'x {y}' })('a', { y: 1 }), 'x 1');
});

test('a pairing code round-trips and anything else is refused', () => {
  const pairing = { key_id: 'k1', secret: 's3cr3t', tenant: 't', event: 'gala-2026', device_id: 'door-1' };
  assert.deepEqual(decodePairing(`  ${encodePairing(pairing)}\n`), pairing);
  assert.equal(decodePairing('SPK1.bm90IGpzb24'), null);
  assert.equal(decodePairing(encodePairing({ ...pairing, secret: '' })), null);
  assert.equal(decodePairing('hello'), null);
});

const item = (n) => ({ id: `c${n}`, envelope: checkinEnvelope({ tenant: 't', eventId: 'gala-2026', checkinId: `c${n}`,
  guestId: `g${n}`, mode: 'qr', scannedAt: 1000 + n, deviceId: 'door-1', locale: 'es' }) });

test('a kiosk uploads oldest first, in batches of at most 100, and keeps what the server did not take', async () => {
  const calls = [];
  const items = Array.from({ length: 250 }, (_, n) => item(249 - n));
  const call = async (method, path, body) => {
    calls.push({ method, path, size: body.events.length, first: body.events[0].ts_ms });
    return calls.length < 3 ? { status: 202 } : { status: 503 };
  };
  const { sent, refused } = await flush(call, items, 'kiosk');
  assert.deepEqual(calls.map((c) => c.size), [BATCH, BATCH, 50]);
  assert.equal(calls[0].first, 1000);
  assert.equal(sent.length, 200);
  assert.deepEqual(refused, []);
});

test('a 207 answer: rejected envelopes come back as refused with their reason, the rest as sent', async () => {
  const call = async () => ({ status: 207, json: { results: [{ status: 'accepted' },
    { status: 'rejected', reason: 'schema_mismatch' }, { status: 'duplicate' }] } });
  const { sent, refused } = await flush(call, [item(0), item(1), item(2)], 'kiosk');
  assert.deepEqual(sent, ['c0', 'c2']);
  assert.deepEqual(refused, [{ id: 'c1', status: 422, reason: 'schema_mismatch' }]);
});

test('a refused batch is refused item by item; a clock skew or a 429 only waits', async () => {
  const answers = [{ status: 401, json: { reason: 'key_invalid' } }];
  const call = async () => answers.shift();
  assert.deepEqual((await flush(call, [item(0), item(1)], 'kiosk')).refused.map((r) => [r.id, r.reason]),
    [['c0', 'key_invalid'], ['c1', 'key_invalid']]);
  for (const waits of [{ status: 401, json: { reason: 'timestamp_skew' } }, { status: 429, json: { reason: 'rate_limited' } },
    { status: 503, json: null }]) {
    const { sent, refused } = await flush(async () => waits, [item(0)], 'kiosk');
    assert.deepEqual([sent, refused], [[], []], JSON.stringify(waits));
  }
});

test('items refused before wait for the volunteer: a flush leaves them out, an export keeps them whole', async () => {
  const refusedBefore = { ...item(0), refused: { status: 422, reason: 'schema_mismatch', at: 5 } };
  const calls = [];
  const { sent } = await flush(async (m, p, body) => { calls.push(body.events.length); return { status: 202 }; },
    [refusedBefore, item(1)], 'kiosk');
  assert.deepEqual([sent, calls], [['c1'], [1]]);
  const file = exportRefused([refusedBefore, item(1)], { eventId: 'gala-2026', deviceId: 'door-1', at: 9 });
  assert.deepEqual(file.refused.map((r) => [r.id, r.refused.reason, r.envelope.payload.guest_id]), [['c0', 'schema_mismatch', 'g0']]);
});

test('a staff door replays through check-ins: a 409 is settled, a 403 refused, an expired sign-in waits', async () => {
  const answers = [{ status: 409, json: {} }, { status: 403, json: { reason: 'not_invited' } }, { status: 401, json: { reason: 'unauthorized' } }];
  const { sent, refused } = await flush(async () => answers.shift(), [item(0), item(1), item(2)], 'staff');
  assert.deepEqual(sent, ['c0']);
  assert.deepEqual(refused, [{ id: 'c1', status: 403, reason: 'not_invited' }]);
});

test("the envelope is the catalogue's checkin.success with the real scan time", () => {
  const { envelope } = item(7);
  assert.equal(envelope.event_name, 'checkin.success');
  assert.equal(envelope.event_id, 'c7');
  assert.equal(envelope.ts_ms, 1007);
  assert.deepEqual(envelope.payload, { event: 'gala-2026', guest_id: 'g7', mode: 'qr', scanned_at: 1007 });
});
