// How a signed field is shown beside a verdict (issue 24, items 3 and 5): dates as printed on the document
// (DD.MM.YYYY), and a name or place in Cyrillic also in Latin letters for officials who do not read Cyrillic.
// A document's own Latin fields (a passport's surnameLatin) are rows of their own, signed; a Cyrillic field
// with none gets a transliteration by the ICAO 9303 Part 3 table the MRZ uses, labelled as ours.

import type { DocumentPayload } from '../../core/payload.js';
import { DocumentTypeRegistry } from '../../core/document-types.js';
import { documentDate, hasCyrillic, latinOf } from '../../core/display.js';

const registry = new DocumentTypeRegistry();

export interface ShownField {
  name: string;
  value: string;
  /** A transliteration into Latin letters, when the document carries no Latin form of this field. */
  latin?: string;
}

export function shownFields(doc: DocumentPayload): ShownField[] {
  const schema = registry.byName(doc.type)?.schema;
  return Object.entries(doc.fields).map(([name, value]) => {
    if (schema?.properties[name]?.format === 'date') return { name, value: documentDate(value) };
    if (hasCyrillic(value) && doc.fields[`${name}Latin`] === undefined)
      return { name, value, latin: latinOf(value) };
    return { name, value };
  });
}
