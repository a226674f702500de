import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { format, pickLanguage, translator } from '../js/i18n.mjs';
import { decodePairing, encodePairing } from '../js/pairing.mjs';
import { BATCH, checkinEnvelope, flush } from '../js/outbox.mjs';

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
  const { sent, rejected } = await flush(call, items, 'kiosk');
  assert.deepEqual(calls.map((c) => c.size), [BATCH, BATCH, 50]);
  assert.equal(calls[0].first, 1000);
  assert.equal(sent.length, 200);
  assert.deepEqual(rejected, []);
});

test('a 207 answer: rejected envelopes leave the outbox as rejected, the rest as sent', async () => {
  const call = async () => ({ status: 207, json: { results: [{ status: 'accepted' }, { status: 'rejected' }, { status: 'duplicate' }] } });
  const { sent, rejected } = await flush(call, [item(0), item(1), item(2)], 'kiosk');
  assert.deepEqual(sent, ['c0', 'c2']);
  assert.deepEqual(rejected, ['c1']);
});

test("the envelope is the catalogue's checkin.success with the real scan time", () => {
  const { envelope } = item(7);
  assert.equal(envelope.event_name, 'checkin.success');
  assert.equal(envelope.event_id, 'c7');
  assert.equal(envelope.ts_ms, 1007);
  assert.deepEqual(envelope.payload, { event: 'gala-2026', guest_id: 'g7', mode: 'qr', scanned_at: 1007 });
});
