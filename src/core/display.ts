// How signed values are shown to people (issue 24, items 3 and 5), the same on the verifier page and the
// print views: dates as Belarusian documents print them (DD.MM.YYYY), and Cyrillic in Latin letters by the
// ICAO 9303 Part 3 table the MRZ uses, for readers who do not read Cyrillic. Pure and never throws.

import type { DocumentSchema } from './document-types.js';
import { transliterateBelarusian } from './transliterate.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CYRILLIC = /[\u0400-\u04FF]/;

/** YYYY-MM-DD as DD.MM.YYYY; anything else as it is. */
export function documentDate(value: string): string {
  const m = ISO_DATE.exec(value);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

export function hasCyrillic(value: string): boolean {
  return CYRILLIC.test(value);
}

/**
 * Each run of Cyrillic letters (with the apostrophes inside words) through the ICAO table; digits,
 * punctuation and Latin letters (a place's "вул. 1") are kept. A letter outside the table stays as it is.
 */
export function latinOf(value: string): string {
  return value.replace(/[\u0400-\u04FF'’ʼ]+/g, (word) => {
    try {
      return transliterateBelarusian(word);
    } catch {
      return word;
    }
  });
}

/**
 * Whom a document is about, as it names them: the holder's surname and given names, else the name after a
 * change, both spouses, or the principal. Empty when the record names nobody.
 */
export function personNameOf(data: Record<string, string | undefined>): string {
  if (data.surname) return `${data.surname} ${data.givenNames ?? ''}`.trim();
  if (data.nameAfter) return data.nameAfter;
  if (data.spouse1NameAfter && data.spouse2NameAfter)
    return `${data.spouse1NameAfter} & ${data.spouse2NameAfter}`;
  return data.principalName ?? '';
}

/** The same in Latin letters for a one-line summary: a passport's own Latin fields, else transliterated. */
export function latinNameOf(data: Record<string, string | undefined>): string | undefined {
  if (data.surnameLatin) return `${data.surnameLatin} ${data.givenNamesLatin ?? ''}`.trim();
  const name = personNameOf(data);
  return name ? latinOf(name) : undefined;
}

export interface ShownField {
  name: string;
  value: string;
  /** A transliteration into Latin letters, when the document carries no Latin form of this field. */
  latin?: string;
}

/**
 * A document's signed fields as shown beside a verdict, on the page and by `nbr verify`: dates as printed
 * (DD.MM.YYYY, by the type's schema), and a Cyrillic value without a Latin field of its own (a passport's
 * surnameLatin is a signed row of its own) also in Latin letters, which the caller labels as a transliteration.
 */
export function shownFields(
  fields: Record<string, string>,
  schema: DocumentSchema | undefined,
): ShownField[] {
  return Object.entries(fields).map(([name, value]) => {
    if (schema?.properties[name]?.format === 'date') return { name, value: documentDate(value) };
    if (hasCyrillic(value) && fields[`${name}Latin`] === undefined)
      return { name, value, latin: latinOf(value) };
    return { name, value };
  });
}
