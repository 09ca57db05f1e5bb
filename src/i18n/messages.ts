// One ICU MessageFormat formatter over a set of catalogues (the verifier's 19, the console's two): each
// message compiled once per language, English (or the given fallback) where a catalogue lacks a key.
// intl-messageformat interprets messages, so the pages' CSP needs no 'unsafe-eval'.

import { IntlMessageFormat } from 'intl-messageformat';

export type Values = Record<string, string | number>;

export function catalogFormatter<L extends string>(
  catalogs: Record<L, Record<string, string>>,
  fallback: NoInfer<L>,
): (lang: L, key: string, values?: Values) => string {
  const compiled = new Map<string, IntlMessageFormat>();
  return (lang, key, values) => {
    const id = `${lang}\u0000${key}`;
    let mf = compiled.get(id);
    if (!mf) {
      const source = catalogs[lang][key] ?? catalogs[fallback][key];
      if (source === undefined) return key;
      mf = new IntlMessageFormat(source, lang);
      compiled.set(id, mf);
    }
    return String(mf.format(values));
  };
}
