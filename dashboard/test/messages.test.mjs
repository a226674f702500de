import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { pickLanguage, translator } from '../js/i18n.mjs';
import { feedText } from '../js/render.mjs';
import { bundle, en, es } from './bundles.mjs';

const read = (path) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const scripts = readdirSync(new URL('../js/', import.meta.url)).filter((f) => f.endsWith('.mjs')).map((f) => [f, read(`js/${f}`)]);
const html = read('index.html');

test('Spanish and English bundles hold the same messages with the same holes', () => {
  const english = bundle('en');
  const spanish = bundle('es');
  assert.deepEqual(Object.keys(spanish).sort(), Object.keys(english).sort());
  const holes = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const key of Object.keys(english)) {
    assert.deepEqual(holes(spanish[key]), holes(english[key]), key);
    assert.ok(spanish[key].trim(), `${key} is empty in Spanish`);
  }
});

test('every key the page asks for is in the bundles', () => {
  const english = bundle('en');
  const asked = [
    ...[...html.matchAll(/data-i18n(?:-[\w-]+)?="([^"]+)"/g)].map((m) => m[1]),
    ...scripts.flatMap(([, code]) => [...code.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1])),
    ...scripts.flatMap(([, code]) => [...code.matchAll(/\bt\.plural\('([\w.]+)'/g)].map((m) => `${m[1]}.other`)),
  ];
  assert.ok(asked.length > 50, `found ${asked.length} keys: the scan itself is broken`);
  for (const key of asked) assert.ok(key in english, `missing message ${key}`);
  // keys built at run time: the connection states and the roll call's variants
  for (const status of ['connecting', 'live', 'resyncing', 'reconnecting', 'closed']) assert.ok(`connection.${status}` in english);
  for (const variant of ['', 'Assisted', 'Ended', 'EndedAssisted']) assert.ok(`rollcall.progress${variant}` in english);
});

/** Comments out, so their words are not taken for the page's. */
const code = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** The static parts of every string and template literal. */
function literals(source) {
  const found = [];
  for (const m of code(source).matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const text = m[1] ?? m[2] ?? m[3].replace(/\$\{[^}]*\}/g, ' ');
    found.push(text);
  }
  return found;
}

// Not read by people: a WebSocket close reason (protocol), and selectors.
const NOT_WORDS = new Set(['snapshot failed']);
const words = (text) => /\p{L}{2,}[\s,;:!?]+\p{L}{2,}/u.test(text) && !/^[#.]/.test(text) && !NOT_WORDS.has(text.trim());

test('no text a person reads is written in the page code: it all comes from the bundles', () => {
  for (const [file, source] of scripts) {
    const phrases = literals(source).filter(words);
    assert.deepEqual(phrases, [], `${file} writes words itself`);
    assert.doesNotMatch(code(source), /\.textContent\s*=\s*['"`][^'"`$]*\p{L}/u, `${file} sets literal text`);
    assert.doesNotMatch(code(source), /setAttribute\('(aria-label|title|placeholder)',\s*['"`]/, `${file} sets a literal label`);
  }
  // the HTML: every element with words of its own, and every label attribute, is translated by a key
  for (const m of html.matchAll(/<(\w+)([^>]*)>([^<]*)/g)) {
    const [, tag, attributes, text] = m;
    if (/\p{L}/u.test(text)) assert.match(attributes, /data-i18n="/, `<${tag}${attributes}> ${text.trim()}`);
    for (const a of attributes.matchAll(/\s(aria-label|title|placeholder)="([^"]*)"/g)) {
      // an example value in a field (an event id) is not a sentence
      if (/^[a-z0-9-]+$/.test(a[2])) continue;
      assert.match(attributes, new RegExp(`data-i18n-${a[1]}="`), `<${tag}> ${a[1]}="${a[2]}"`);
    }
  }
});

test('the scan catches what it is there for', () => {
  assert.ok(literals("el.textContent = 'no open alerts';").some(words));
  assert.ok(literals('x = `${n} guests checked in`;').some(words));
  assert.ok(!literals("document.querySelector('#zones tbody'); // two words here").some(words));
});

test('the language: ?lang= first, then the browser, then the event, then English', () => {
  assert.equal(pickLanguage('?lang=es', ['en-GB'], 'en'), 'es');
  assert.equal(pickLanguage('', ['es-MX', 'en'], 'en'), 'es');
  assert.equal(pickLanguage('?lang=fr', ['de'], 'es'), 'es');
  assert.equal(pickLanguage('', ['de'], null), 'en');
});

test('numbers, plurals and missing values in each language', () => {
  assert.equal(es('figure.number', { n: 12345.5 }), '12.345,5');
  assert.equal(en('figure.number', { n: 12345.5 }), '12,345.5');
  assert.equal(en.plural('arrivals.bar', 1), '1 arrival');
  assert.equal(es.plural('arrivals.bar', 3), '3 llegadas');
  assert.equal(translator({ a: '{x} and {y}' }, 'en')('a', { x: 1 }), '1 and {y}');
  assert.equal(en('no.such.key'), 'no.such.key');
});

test('feed lines in each language', () => {
  const item = { kind: 'checkin', guest: 'Ana M.', table: 'B-12' };
  assert.equal(feedText(item, en), '✓ checked in Ana M. → table B-12');
  assert.equal(feedText(item, es), '✓ registrado Ana M. → mesa B-12');
  assert.equal(feedText({ kind: 'conflict', guest_id: 'g1' }, es), '⚠ escaneo duplicado g1');
  assert.match(feedText({ ...item, ts: Date.UTC(2026, 0, 1, 18, 5, 9) }, en), /\d{2}:05:09.* ✓ checked in/);
});
