// The rules for people's names and free text, in one place for applicant records and document records alike
// (issue 21: an application's surname `<img src=x onerror=alert(1)>` was approved, signed and verified VALID,
// because only the applicant record checked names). Records already signed are what they are; what is
// signed from now on holds to these rules. Pure: the registry, the console and a verifier may share them.

import type { FieldCode } from '../errors.js';

/** Belarusian Cyrillic letters, spaces, hyphens and apostrophes (the three apostrophes people type). */
export const CYRILLIC_NAME = /^[А-ЯЁІЎа-яёіў'’ʼ -]{1,60}$/u;
/** ICAO 9303 Part 3 Latin names: capital Latin letters, spaces, hyphens and apostrophes. */
export const LATIN_NAME = /^[A-Z][A-Z '-]{0,59}$/;
/**
 * Other people's full names in certificates (a spouse, a parent, an agent), who may be of any nationality:
 * letters of any alphabet with their marks, spaces, hyphens, apostrophes and dots; a letter first.
 */
export const PERSON_NAME = /^\p{L}[\p{L}\p{M}'’ʼ. -]*$/u;
/**
 * Free text (places, powers, record numbers): anything printable but markup and control characters,
 * including the invisible format characters (bidirectional overrides) that make text read otherwise.
 */
export const PLAIN_TEXT = /^[^<>\p{Cc}\p{Cf}]*$/u;

/** The holder's own names, which come from the applicant record and are Belarusian Cyrillic. */
const HOLDER_NAMES = new Set(['surname', 'givenNames', 'patronymic']);
/** Fields holding someone's full name: motherName, spouse1NameBefore, principalName, nameAfter... */
const FULL_NAME = /(^name|Name)(Before|After)?$/;

/** Which rule a document field's text follows, by the field's name (schema/documents/*.json). */
export function textRuleOf(field: string): { rule: RegExp; code: FieldCode; message: string } {
  if (HOLDER_NAMES.has(field))
    return {
      rule: CYRILLIC_NAME,
      code: 'CYRILLIC_NAME',
      message: 'Belarusian Cyrillic letters, spaces, hyphens and apostrophes, 1-60 characters',
    };
  if (field.endsWith('Latin'))
    return {
      rule: LATIN_NAME,
      code: 'LATIN_NAME',
      message: 'capital Latin letters, spaces, hyphens and apostrophes only',
    };
  if (FULL_NAME.test(field))
    return {
      rule: PERSON_NAME,
      code: 'PERSON_NAME',
      message: 'letters, spaces, hyphens, apostrophes and dots, starting with a letter',
    };
  return { rule: PLAIN_TEXT, code: 'PLAIN_TEXT', message: 'no markup (< >) or control characters' };
}
