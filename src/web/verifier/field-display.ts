// How a signed field is shown beside a verdict (issue 24, items 3 and 5): the rule is the core's
// (core/display.ts shownFields, which `nbr verify` uses too), with the page's own copy of the type schemas.

import type { DocumentPayload } from '../../core/payload.js';
import { DocumentTypeRegistry } from '../../core/document-types.js';
import { shownFields as shownFieldsOf, type ShownField } from '../../core/display.js';

const registry = new DocumentTypeRegistry();

export type { ShownField };

export function shownFields(doc: DocumentPayload): ShownField[] {
  return shownFieldsOf(doc.fields, registry.byName(doc.type)?.schema);
}
