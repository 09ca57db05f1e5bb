// Name search that scales (issue 11: `LIKE '%q%'` read every applicant of the office, 0.2-1 s at a million)
// over sealed names (issue 25). Each applicant's names, in Cyrillic and Latin, are split into words and folded;
// the first 2, 3, 5 and 8 letters of each word become beacons (a keyed, truncated HMAC) in a row of
// applicant_terms keyed (office, beacon, applicant), so a search is an equality lookup on that key; the rows it
// finds are opened and checked against the typed words (namesMatch). Portable: a B-tree on both databases.
//
// Folding lets a clerk type a name as the holder spells it or as a Russian keyboard does: lower case, marks
// dropped (й→и, ў→у, ё→е, š→s, ć→c), і→и, э→е, ł→l, apostrophes and ъ removed. Searches match the start of
// any word of the names (surname, given names, patronymic, both scripts); several words must all match.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { FieldCipher } from '../../crypto/field-cipher.js';
import { termBeacons } from '../store/beacons.js';
import { openRow } from '../store/row-codec.js';

const FOLD: Record<string, string> = { і: 'и', э: 'е', ъ: '', ł: 'l', "'": '', '’': '', ʼ: '' };

export function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[іэъł'’ʼ]/g, (c) => FOLD[c]!);
}

/** The folded words of a text, each at most 60 characters, without repeats. */
export function nameWords(text: string): string[] {
  return [
    ...new Set(
      foldName(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 0),
    ),
  ].map((w) => w.slice(0, 60));
}

export interface NamedRecord {
  id: string;
  office_id: string;
  surname: string;
  given_names: string;
  patronymic: string | null;
  surname_latin: string;
  given_names_latin: string;
}

export function termsOf(a: Omit<NamedRecord, 'id' | 'office_id'>): string[] {
  return nameWords(
    [a.surname, a.given_names, a.patronymic ?? '', a.surname_latin, a.given_names_latin].join(' '),
  );
}

/** Does every typed word start some word of the (opened) names? What a beacon match is confirmed by. */
export function namesMatch(a: Omit<NamedRecord, 'id' | 'office_id'>, words: string[]): boolean {
  const terms = termsOf(a);
  return words.every((w) => terms.some((t) => t.startsWith(w)));
}

/**
 * Writes an applicant's search index (after creation, or replacing it after a correction): the beacons of the
 * prefixes of each folded word (services/store/beacons.ts), never the words themselves (issue 25).
 */
export async function writeTerms(
  trx: Kysely<Database> | Transaction<Database>,
  cipher: FieldCipher,
  a: NamedRecord,
): Promise<void> {
  await trx.deleteFrom('applicant_terms').where('applicant_id', '=', a.id).execute();
  const terms = termBeacons(cipher, a.office_id, termsOf(a));
  for (let i = 0; i < terms.length; i += 300)
    await trx
      .insertInto('applicant_terms')
      .values(terms.slice(i, i + 300).map((term) => ({ office_id: a.office_id, term, applicant_id: a.id })))
      .execute();
}

/**
 * (Re)builds every applicant's search beacons, in batches by id so that memory stays flat at any size: after a
 * restore (the index is not in backups; it follows from the names, opened with the registry's data key).
 */
export async function rebuildTerms(
  db: Kysely<Database>,
  cipher: FieldCipher,
  batch = 2_000,
): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const rows = await db
      .selectFrom('applicants')
      .select([
        'id',
        'office_id',
        'surname',
        'given_names',
        'patronymic',
        'surname_latin',
        'given_names_latin',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (rows.length === 0) return written;
    const values = rows.flatMap((sealed) => {
      const a = openRow(cipher, 'applicants', sealed);
      return termBeacons(cipher, a.office_id, termsOf(a)).map((term) => ({
        office_id: a.office_id,
        term,
        applicant_id: a.id,
      }));
    });
    // 3 parameters a row: 300 rows stay far below SQLite's and PostgreSQL's parameter limits.
    await db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('applicant_terms')
        .where(
          'applicant_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      for (let i = 0; i < values.length; i += 300)
        await trx
          .insertInto('applicant_terms')
          .values(values.slice(i, i + 300))
          .execute();
    });
    written += values.length;
    after = rows[rows.length - 1]!.id;
  }
}
