// Spanish and English from JSON message bundles (i18n/<lang>.json): `?lang=` wins, then the browser's languages,
// then English. Messages are whole sentences with {named} holes, never concatenated fragments.

export const LANGUAGES = ['en', 'es'];

/** The UI language for a page URL's query and navigator.languages. */
export function pickLanguage(search, preferred = []) {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of [asked, ...preferred]) {
    const base = (tag ?? '').toLowerCase().split(/[-_]/)[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/** Fills {name} holes; a missing value leaves the hole visible rather than printing "undefined". */
export function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (hole, name) => (values[name] === undefined ? hole : String(values[name])));
}

/** A translator over one bundle; an unknown key shows itself, so a missing message is seen in testing. */
export function translator(messages) {
  return (key, values) => format(messages[key] ?? key, values);
}

export async function loadMessages(lang, base = new URL('../i18n/', import.meta.url)) {
  const response = await fetch(new URL(`${lang}.json`, base));
  if (!response.ok) throw new Error(`No messages for ${lang}`);
  return response.json();
}

/** Translates every [data-i18n] element's text in place. */
export function translatePage(root, t) {
  for (const element of root.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
}
