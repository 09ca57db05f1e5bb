// Staff console texts in English and Belarusian: locales/console/<lang>.json, one ICU MessageFormat string a
// key, the same format as the verifier's catalogues (a native speaker reviews the file, not code). Field
// labels come from the verifier's catalogues (same field names as the schemas). Server errors are shown
// by their stable code (error_<CODE>), so they read in the console's language, not the server's English.

import be from '../../../locales/console/be.json' with { type: 'json' };
import en from '../../../locales/console/en.json' with { type: 'json' };

export type ConsoleLang = 'en' | 'be';
export type ConsoleKey = keyof typeof en;

export const STRINGS: Record<ConsoleLang, Record<ConsoleKey, string>> = { en, be };
