// The verifier page's languages. Every text lives in messages/<lang>.json, one ICU MessageFormat string a
// key (https://unicode-org.github.io/icu/userguide/format_parse/messages/), so a native speaker can review a
// catalogue without reading code. Keys: UI texts by name, reason texts as reason.<core reason code>,
// field labels as field.<schema field name>, document types as type.<type id>. Formatting goes through
// intl-messageformat (src/i18n/messages.ts).

import { catalogFormatter, type Values } from './messages.js';
import type { ReasonCode } from '../core/reasons.js';
import { CATALOGS, type Lang } from './verifier-catalogs.js';

export { LANGUAGES, type Lang } from './verifier-catalogs.js';

/** Each language's name in itself (what a speaker looks for in the list). */
export const LANGUAGE_NAMES: Record<Lang, string> = {
  en: 'English',
  be: 'Беларуская',
  pl: 'Polski',
  lt: 'Lietuvių',
  de: 'Deutsch',
  lv: 'Latviešu',
  et: 'Eesti',
  cs: 'Čeština',
  sk: 'Slovenčina',
  uk: 'Українська',
  ka: 'ქართული',
  fr: 'Français',
  it: 'Italiano',
  es: 'Español',
  nl: 'Nederlands',
  sv: 'Svenska',
  fi: 'Suomi',
  pt: 'Português',
  el: 'Ελληνικά',
};

export type MessageKey = keyof (typeof CATALOGS)['en'];

/** The message in `lang`, falling back to English for a key a catalogue lacks (a test forbids that). */
export const message: (lang: Lang, key: string, values?: Values) => string = catalogFormatter(
  CATALOGS as Record<Lang, Record<string, string>>,
  'en',
);

export const reasonText = (lang: Lang, code: ReasonCode) => message(lang, `reason.${code}`);

/** A field's label, or its schema name where no catalogue has it (a type added after this page). */
export function fieldLabel(lang: Lang, field: string): string {
  const key = `field.${field}`;
  return key in CATALOGS.en ? message(lang, key) : field;
}

export function typeTitle(lang: Lang, type: string): string {
  const key = `type.${type}`;
  return key in CATALOGS.en ? message(lang, key) : type;
}

/**
 * The first of the browser's languages the page has. Russian-speaking Belarusians read Belarusian; a
 * language the page lacks falls through to the next preference, then English.
 */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]!;
    if (base === 'ru') return 'be';
    if (base in CATALOGS) return base as Lang;
  }
  return 'en';
}
