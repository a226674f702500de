// The page's translators for tests: the real bundles, so a test reads the words a person would.
import { readFileSync } from 'node:fs';
import { translator } from '../js/i18n.mjs';

export const bundle = (lang) => JSON.parse(readFileSync(new URL(`../i18n/${lang}.json`, import.meta.url), 'utf8'));
export const en = translator(bundle('en'), 'en');
export const es = translator(bundle('es'), 'es');
