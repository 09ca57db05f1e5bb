// The verifier's message catalogues: every language has every message English has (and no other), with the
// same arguments, each a valid ICU MessageFormat string that formats; translated, not English left over.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { REASON_CODES } from '../../src/core/reasons.js';
import { ERROR_CODES, FIELD_CODES } from '../../src/errors.js';
import { LANGUAGE_NAMES, LANGUAGES, message, pickLanguage } from '../../src/i18n/verifier.js';
import { CATALOGS } from '../../src/i18n/verifier-catalogs.js';

const DIR = join(import.meta.dirname, '..', '..', 'locales', 'verifier');
const args = (m: string) => [...m.matchAll(/\{(\w+)/g)].map((x) => x[1]).sort();
const SAMPLE = {
  n: 4,
  number: 2,
  listsFrom: 'X',
  office: 'X',
  when: 'X',
  sequence: 3,
  ago: 'X',
  issued: 'X',
  next: 'X',
  count: 5,
  state: 'X',
  purpose: 'X',
  reason: 'X',
  authority: 'X',
};

describe('verifier catalogues', () => {
  const en = CATALOGS.en as Record<string, string>;

  it('has the 19 languages the issue names, each with a file and a name', () => {
    expect([...LANGUAGES].sort()).toEqual(
      [
        'en',
        'be',
        'pl',
        'lt',
        'de',
        'lv',
        'et',
        'cs',
        'sk',
        'uk',
        'ka',
        'fr',
        'it',
        'es',
        'nl',
        'sv',
        'fi',
        'pt',
        'el',
      ].sort(),
    );
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace('.json', ''));
    expect(files.sort()).toEqual([...LANGUAGES].sort());
    for (const l of LANGUAGES) expect(LANGUAGE_NAMES[l]).toBeTruthy();
  });

  it('gives every reason code, in English, a text', () => {
    for (const code of REASON_CODES) expect(en[`reason.${code}`], code).toBeTruthy();
  });

  it('names every field of every document type and every type (the console and print views use them too)', () => {
    for (const type of new DocumentTypeRegistry().all()) {
      expect(en[`type.${type.name}`], type.name).toBeTruthy();
      for (const field of Object.keys(type.schema.properties))
        expect(en[`field.${field}`], `${type.name}.${field}`).toBeTruthy();
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s: every message, the same arguments, valid ICU', (lang) => {
    const raw = JSON.parse(readFileSync(join(DIR, `${lang}.json`), 'utf8')) as Record<string, string>;
    expect(Object.keys(raw).sort()).toEqual(Object.keys(en).sort());
    const same: string[] = [];
    for (const [key, text] of Object.entries(raw)) {
      expect(text.trim(), `${lang} ${key}`).not.toBe('');
      expect(args(text), `${lang} ${key}`).toEqual(args(en[key]!));
      expect(() => new IntlMessageFormat(text, lang).format(SAMPLE), `${lang} ${key}`).not.toThrow();
      if (text === en[key] && text.replace(/\{\w+\}/g, '').trim().length > 8) same.push(key);
    }
    // Long texts identical to English were not translated (short ones like "online" may be the same word).
    expect(same, `${lang}: English left in`).toEqual([]);
  });

  it('gives the console the same rules: Belarusian has every English message, each valid ICU', () => {
    const console = (l: string) =>
      JSON.parse(readFileSync(join(DIR, '..', 'console', `${l}.json`), 'utf8')) as Record<string, string>;
    const [enC, beC] = [console('en'), console('be')];
    expect(Object.keys(beC).sort()).toEqual(Object.keys(enC).sort());
    // Every argument given a number: plural arguments need one, simple ones take it.
    const values = (text: string) => Object.fromEntries([...text.matchAll(/\{(\w+)/g)].map((m) => [m[1], 2]));
    for (const [key, text] of Object.entries(beC)) {
      expect(() => new IntlMessageFormat(text, 'be').format(values(text)), key).not.toThrow();
      if (text === enC[key] && text.length > 8) throw new Error(`console be ${key} is English`);
    }
    // Every error code the API can answer has words in both.
    for (const code of ERROR_CODES) expect(enC[`error_${code}`], code).toBeTruthy();
    // And every field problem: the console says what a field needs in either language.
    for (const code of FIELD_CODES) expect(enC[`field_${code}`], code).toBeTruthy();
  });

  it("uses every console message, by its key or a code's prefix, and names no key the catalogue lacks", () => {
    const en = JSON.parse(readFileSync(join(DIR, '..', 'console', 'en.json'), 'utf8')) as Record<
      string,
      string
    >;
    const srcDir = join(import.meta.dirname, '..', '..', 'src', 'web', 'console');
    const source = readdirSync(srcDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(srcDir, f), 'utf8'))
      .join('\n');
    // Keys reached through a machine value: `${group}_${value}` (state.ts named, fieldText, errorText...).
    const DYNAMIC = /^(error|field|state|role|reason|action|audit|target|detail|sex|keyWarning)_/;
    // And form inputs labelled by their names (`inputs.officeId = h(...)`, field(n, t(n))).
    const input = (k: string) => new RegExp(`\\b${k}: h\\(|\\.${k} = h\\(`).test(source);
    const unused = Object.keys(en).filter((k) => !DYNAMIC.test(k) && !source.includes(`'${k}'`) && !input(k));
    expect(unused).toEqual([]);
    const named = [...source.matchAll(/\bt\('(\w+)'/g)].map((m) => m[1]!);
    expect(named.filter((k) => !(k in en))).toEqual([]);
  });

  it('formats with arguments and picks the browser language', () => {
    expect(message('de', 'checkedAt', { when: 'heute', sequence: 7 })).toBe(
      'Geprüft auf diesem Gerät: heute · Vertrauensliste Nr. 7',
    );
    expect(pickLanguage(['uk-UA', 'en'])).toBe('uk');
    expect(pickLanguage(['ru-RU'])).toBe('be');
    expect(pickLanguage(['ja', 'ka-GE'])).toBe('ka');
    expect(pickLanguage(['ja'])).toBe('en');
  });
});
