// Spanish and English from JSON message bundles (i18n/<lang>.json), as the door app does: `?lang=` wins, then the
// browser's languages, then the event's default_locale when the page knows it, then English. Messages are whole
// sentences with {named} holes, never concatenated fragments; numbers and times go through Intl in the page's language.

export const LANGUAGES = ['en', 'es'];

const base = (tag) => (tag ?? '').toLowerCase().split(/[-_]/)[0];

/** The UI language for a page URL's query, navigator.languages and the event's default locale (if known). */
export function pickLanguage(search, preferred = [], eventLocale = null) {
  const asked = new URLSearchParams(search).get('lang');
  return [asked, ...preferred, eventLocale].map(base).find((tag) => LANGUAGES.includes(tag)) ?? 'en';
}

/**
 * A translator over one bundle: `t(key, values)`. Number values are written by Intl in the bundle's language
 * ("1,5" in Spanish); an unknown key shows itself and a missing value leaves its hole, so a gap is seen in testing.
 * `t.plural(key, count, values)` picks the plural form; `t.number(n, options)` and `t.time(ms)` format values that are not whole messages.
 */
export function translator(messages, lang) {
  const numbers = new Intl.NumberFormat(lang);
  const number = (n, options) => (options ? new Intl.NumberFormat(lang, options) : numbers).format(n);
  const times = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const t = (key, values = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (hole, name) => {
    const value = values[name];
    if (value === undefined || value === null) return hole;
    return typeof value === 'number' ? number(value) : String(value);
  });
  // plural forms by the language's rules: `key.one`, `key.other` (`key.many` falls back to `key.other`)
  const plurals = new Intl.PluralRules(lang);
  const plural = (key, count, values = {}) => {
    const form = `${key}.${plurals.select(count)}`;
    return t(messages[form] === undefined ? `${key}.other` : form, { count, ...values });
  };
  return Object.assign(t, { lang, number, plural, time: (ms) => times.format(new Date(ms)) });
}

export async function loadMessages(lang, at = new URL('../i18n/', import.meta.url)) {
  const response = await fetch(new URL(`${lang}.json`, at));
  if (!response.ok) throw new Error(`i18n/${lang}.json: ${response.status}`);
  return response.json();
}

/**
 * Translates the static page: `data-i18n` sets an element's text, `data-i18n-<attribute>` one of its attributes
 * (aria-label, placeholder, title); the document's `lang` follows.
 */
export function translatePage(root, t) {
  root.documentElement?.setAttribute('lang', t.lang);
  for (const element of root.querySelectorAll('*')) {
    for (const [name, key] of Object.entries(element.dataset)) {
      if (name === 'i18n') element.textContent = t(key);
      else if (name.startsWith('i18n')) element.setAttribute(name.slice(4).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, ''), t(key));
    }
  }
}
