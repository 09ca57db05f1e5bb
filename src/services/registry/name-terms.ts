// Name search that scales (issue 11: `LIKE '%q%'` read every applicant of the office, 0.2-1 s at a million).
// Each applicant's names, in Cyrillic and Latin, are split into words and folded; each word is a row of
// applicant_terms keyed (office, term, applicant), so a search is a range scan on that key: the words that
// start with what was typed. Portable: the same B-tree range on SQLite and PostgreSQL (there with the
// byte-order "C" collation so that the range is by code point), no extension needed.
//
// Folding lets a clerk type a name as the holder spells it or as a Russian keyboard does: lower case, marks
// dropped (й→и, ў→у, ё→е, š→s, ć→c), і→и, э→е, ł→l, apostrophes and ъ removed. Searches match the start of
// any word of the names (surname, given names, patronymic, both scripts); several words must all match.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

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

export function termsOf(a: NamedRecord): string[] {
  return nameWords(
    [a.surname, a.given_names, a.patronymic ?? '', a.surname_latin, a.given_names_latin].join(' '),
  );
}

/** Writes an applicant's terms (after creation, or replacing the old ones after a correction). */
export async function writeTerms(
  trx: Kysely<Database> | Transaction<Database>,
  a: NamedRecord,
): Promise<void> {
  await trx.deleteFrom('applicant_terms').where('applicant_id', '=', a.id).execute();
  const terms = termsOf(a);
  if (terms.length)
    await trx
      .insertInto('applicant_terms')
      .values(terms.map((term) => ({ office_id: a.office_id, term, applicant_id: a.id })))
      .execute();
}

/**
 * (Re)builds every applicant's terms, in batches by id so that memory stays flat at any size: after the
 * migration that introduced them, and after a restore (terms follow from the names, so backups leave them out).
 */
export async function rebuildTerms(db: Kysely<any>, batch = 2_000): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const rows = (await db
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
      .execute()) as NamedRecord[];
    if (rows.length === 0) return written;
    const values = rows.flatMap((a) =>
      termsOf(a).map((term) => ({ office_id: a.office_id, term, applicant_id: a.id })),
    );
    // 3 parameters a row: 300 rows stay far below SQLite's and PostgreSQL's parameter limits. A batch is one
    // transaction (unless the caller's transaction holds them all, as a migration's does).
    const insert = async (q: Kysely<any>) => {
      for (let i = 0; i < values.length; i += 300)
        await q
          .insertInto('applicant_terms')
          .values(values.slice(i, i + 300))
          .execute();
    };
    if (db.isTransaction) await insert(db);
    else await db.transaction().execute(insert);
    written += values.length;
    after = rows[rows.length - 1]!.id;
  }
}

/** Above every character a name can hold: the end of a prefix range. */
export const PREFIX_END = '\u{10FFFF}';
