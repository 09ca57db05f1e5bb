// How a signed field is shown beside a verdict (issue 24, items 3 and 5): dates as printed on the document
// (DD.MM.YYYY), and a name or place in Cyrillic also in Latin letters for officials who do not read Cyrillic.
// A document's own Latin fields (a passport's surnameLatin) are rows of their own, signed; a Cyrillic field
// with none gets a transliteration by the ICAO 9303 Part 3 table the MRZ uses, labelled as ours.

import type { DocumentPayload } from '../../core/payload.js';
import { DocumentTypeRegistry } from '../../core/document-types.js';
import { transliterateBelarusian } from '../../core/transliterate.js';

const registry = new DocumentTypeRegistry();
const CYRILLIC = /[\u0400-\u04FF]/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface ShownField {
  name: string;
  value: string;
  /** A transliteration into Latin letters, when the document carries no Latin form of this field. */
  latin?: string;
}

export function shownFields(doc: DocumentPayload): ShownField[] {
  const schema = registry.byName(doc.type)?.schema;
  return Object.entries(doc.fields).map(([name, value]) => {
    const date = schema?.properties[name]?.format === 'date' ? ISO_DATE.exec(value) : null;
    if (date) return { name, value: `${date[3]}.${date[2]}.${date[1]}` };
    if (CYRILLIC.test(value) && doc.fields[`${name}Latin`] === undefined)
      return { name, value, latin: latinOf(value) };
    return { name, value };
  });
}

/**
 * Each run of Cyrillic letters (with the apostrophes inside words) through the ICAO table; digits,
 * punctuation and Latin letters (a place's "вул. 1", an address) are kept as they are. Never throws.
 */
function latinOf(value: string): string {
  return value.replace(/[\u0400-\u04FF'’ʼ]+/g, (word) => {
    try {
      return transliterateBelarusian(word);
    } catch {
      return word;
    }
  });
}
