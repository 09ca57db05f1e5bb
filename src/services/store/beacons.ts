// The beacons (keyed blind indexes) that keep sealed data searchable (issue 25; docs/data-at-rest.md section
// 4). Each is HMAC-SHA-256 under the index key, truncated: 32 bits for searches within one office (a beacon
// then stands for a handful of values among an office's records, so it narrows a query without naming
// anyone), 64 bits for the registry-wide ones that must be unique or nearly so (document numbers; personal
// numbers across offices). Candidates found by a beacon are always opened and compared with the query.

import type { FieldCipher } from '../../crypto/field-cipher.js';

/**
 * The prefix lengths a name word is indexed by: its first 2, 3, 5 and 8 letters (a one-letter word, an initial,
 * by that letter). A typed word is looked up by its longest indexed prefix and the rest checked once opened: at
 * most four index rows a word instead of one a letter, so that the index stays a few times the names' size,
 * while a surname typed in full (most are 6 to 12 letters) still finds few candidates (issue 25).
 */
export const TERM_PREFIXES = [2, 3, 5, 8] as const;

function indexedLength(letters: number): number {
  let best = letters === 1 ? 1 : 0;
  for (const n of TERM_PREFIXES) if (n <= letters) best = n;
  return best;
}

/** The beacons of the indexed prefixes of each folded name word, without repeats. */
export function termBeacons(cipher: FieldCipher, officeId: string, words: string[]): string[] {
  const prefixes = new Set<string>();
  for (const w of words) {
    const letters = [...w];
    if (letters.length === 1) prefixes.add(w);
    for (const n of TERM_PREFIXES) if (n <= letters.length) prefixes.add(letters.slice(0, n).join(''));
  }
  return [...new Set([...prefixes].map((p) => cipher.beacon('name-prefix', officeId, p, 32)))];
}

/** The beacon a typed (folded) word is looked up by: that of its longest indexed prefix. */
export const queryTermBeacon = (cipher: FieldCipher, officeId: string, word: string): string => {
  const letters = [...word];
  return cipher.beacon('name-prefix', officeId, letters.slice(0, indexedLength(letters.length)).join(''), 32);
};

export const birthDateBeacon = (cipher: FieldCipher, officeId: string, date: string): string =>
  cipher.beacon('birth-date', officeId, date, 32);

export const personalNumberBeacon = (cipher: FieldCipher, officeId: string, pn: string): string =>
  cipher.beacon('personal-number', officeId, pn, 32);

/** Registry-wide and unique (documents_number_bx_idx): collisions at 64 bits are negligible at any scale. */
export const documentNumberBeacon = (cipher: FieldCipher, number: string): string =>
  cipher.beacon('document-number', '', number, 64);

/** Registry-wide, for the cross-office report (one person with valid passports at two offices). */
export const holderNumberBeacon = (cipher: FieldCipher, pn: string): string =>
  cipher.beacon('personal-number', '', pn, 64);

/**
 * The beacon columns of an applicant row, from its plain values: what every writer of applicants stores
 * (creation and correction, the migration, the scale bench), so that the rule lives in one place.
 */
export function applicantBeacons(
  cipher: FieldCipher,
  a: { office_id: string; birth_date: string; personal_number: string | null },
): { birth_date_bx: string; personal_number_bx: string | null } {
  return {
    birth_date_bx: birthDateBeacon(cipher, a.office_id, a.birth_date),
    personal_number_bx: a.personal_number
      ? personalNumberBeacon(cipher, a.office_id, a.personal_number)
      : null,
  };
}

/** The beacon columns of a document row, from its plain number and personal number (as applicantBeacons). */
export function documentBeacons(
  cipher: FieldCipher,
  d: { number: string; personal_number: string | null },
): { number_bx: string; personal_number_bx: string | null } {
  return {
    number_bx: documentNumberBeacon(cipher, d.number),
    personal_number_bx: d.personal_number ? holderNumberBeacon(cipher, d.personal_number) : null,
  };
}
