// What an application of a document type takes from the person's record: x-nbr.fromApplicant (fields of the
// same name: surname, birthDate...) and x-nbr.fromApplicantAs (a field filled from a record field of another
// name, or from the full name: a power of attorney's principal is the holder). Shared by the registry, where
// these are defaults under what the clerk sent, and the console, which prefills its forms with them and lists
// the applications a correction to the record did not reach.

/** The parts of a document type's schema this reads (DocumentSchema, or the console's copy of it). */
export interface PrefillSchema {
  properties: Record<string, { maxLength?: number }>;
  'x-nbr': { fromApplicant?: string[]; fromApplicantAs?: Record<string, string> };
}

/** The person's record as the API answers it (ApplicantView: surname, givenNames, birthDate...). */
export type PersonRecord = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A record value by name; `fullName`: Cyrillic surname, given names, patronymic, as certificates write it. */
function recordValue(person: PersonRecord, name: string): string {
  if (name !== 'fullName') return text(person[name]);
  return [person.surname, person.givenNames, person.patronymic].map(text).filter(Boolean).join(' ');
}

/**
 * Each field the type takes from the person, with the record field it comes from. `copied`: only the fields
 * copied as they are (fromApplicant). A composed value (a full name) is a suggestion the clerk may write
 * otherwise, so a record's correction does not make it out of date, and re-applying keeps what was written.
 */
export function prefillSources(schema: PrefillSchema, copied = false): [field: string, from: string][] {
  const x = schema['x-nbr'];
  const same = (x.fromApplicant ?? []).map((f): [string, string] => [f, f]);
  return copied ? same : [...same, ...Object.entries(x.fromApplicantAs ?? {})];
}

/**
 * The values the type takes from the person. Empty values are left out, and so is a value longer than its
 * field allows (a long full name): the clerk enters that one, rather than an application failing on a field
 * nobody typed.
 */
export function prefillFromApplicant(
  schema: PrefillSchema,
  person: PersonRecord,
  copied = false,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, from] of prefillSources(schema, copied)) {
    const value = recordValue(person, from);
    const max = schema.properties[field]?.maxLength;
    if (value && (max === undefined || value.length <= max)) out[field] = value;
  }
  return out;
}
