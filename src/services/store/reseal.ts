// Walks every sealed column of every row, in batches, and seals what is not sealed under the active data key:
// plain text left from before migration 019 (`nbr data-key migrate`), or values under a key being retired
// (`nbr data-key rotate`). Each batch is one transaction that also moves the walk's cursor in counters, so a
// walk killed at any moment (kill -9, power) resumes where its last batch committed, and a row is never left
// half-sealed: its columns change together or not at all. docs/data-at-rest.md section 6.

import { sql, type Kysely, type Transaction } from 'kysely';
import { sealedKeyId, type FieldCipher } from '../../crypto/field-cipher.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeTerms } from '../registry/name-terms.js';
import { applicantBeacons, documentBeacons } from './beacons.js';
import { PLAINTEXT_MARKER } from './data-keys.js';
import { PERSONAL_COLUMNS, SEALED_TABLES, type SealedTable } from './personal-columns.js';
import { openRow } from './row-codec.js';

export type ResealMode = 'migrate' | 'rotate';

export interface ResealProgress {
  table: string;
  /** Rows walked in this table so far (including those resumed past), and the table's rows. */
  done: number;
  total: number;
  /** Values sealed anew in the whole walk so far. */
  resealed: number;
}

const CURSOR = (mode: ResealMode) => `reseal_${mode}`;

interface Cursor {
  table: string;
  after: string;
}

async function readCursor(db: Kysely<Database>, mode: ResealMode): Promise<Cursor | undefined> {
  const row = await db
    .selectFrom('counters')
    .select('hash')
    .where('name', '=', CURSOR(mode))
    .executeTakeFirst();
  return row?.hash ? (JSON.parse(row.hash) as Cursor) : undefined;
}

async function writeCursor(trx: Transaction<Database>, mode: ResealMode, cursor: Cursor | null) {
  if (cursor === null) {
    await trx.deleteFrom('counters').where('name', '=', CURSOR(mode)).execute();
    return;
  }
  await trx
    .insertInto('counters')
    .values({ name: CURSOR(mode), value: 0, hash: JSON.stringify(cursor) })
    .onConflict((oc) => oc.column('name').doUpdateSet({ hash: JSON.stringify(cursor) }))
    .execute();
}

/** The beacons a row of this table carries, from its opened values (migrate mode: they did not exist). */
function beaconsOf(
  cipher: FieldCipher,
  table: SealedTable,
  plain: Record<string, unknown>,
): Record<string, unknown> {
  if (table === 'applicants') return { search_key: '', ...applicantBeacons(cipher, plain as never) };
  if (table === 'documents') return documentBeacons(cipher, plain as never);
  return {};
}

/**
 * Reseals one table's batch after `after`; returns the last row key walked (undefined when the table is done)
 * and how many values were sealed anew.
 */
async function resealBatch(
  trx: Transaction<Database>,
  cipher: FieldCipher,
  mode: ResealMode,
  table: SealedTable,
  after: string,
  batch: number,
): Promise<{ last?: string; resealed: number; rows: number }> {
  const spec = PERSONAL_COLUMNS[table];
  const db = trx as unknown as Kysely<any>;
  const rows = (await db
    .selectFrom(table)
    .selectAll()
    .where(spec.rowKey, '>', after)
    .orderBy(spec.rowKey)
    .limit(batch)
    .execute()) as Record<string, unknown>[];
  let resealed = 0;
  for (const row of rows) {
    const key = String(row[spec.rowKey]);
    const set: Record<string, unknown> = {};
    const plain: Record<string, unknown> = { ...row };
    for (const column of [...spec.sealed, ...spec.sealedBytes]) {
      const v = row[column] as string | Uint8Array | null;
      if (v === null || v === undefined) continue;
      const id = sealedKeyId(v);
      if (id === undefined && mode === 'rotate')
        throw new AppError(
          'DATA_CORRUPT',
          `${table}.${column} of row ${key} is not sealed: run nbr data-key migrate`,
        );
      const opened = id === undefined ? v : openRow(cipher, table, { [column]: v }, key)[column];
      plain[column] = opened;
      if (id === cipher.activeKeyId) continue;
      set[column] =
        typeof opened === 'string'
          ? cipher.sealText({ table, column, row: key }, opened)
          : cipher.sealBytes({ table, column, row: key }, opened as Uint8Array);
      resealed++;
    }
    if (mode === 'migrate') Object.assign(set, beaconsOf(cipher, table, plain));
    if (Object.keys(set).length) await db.updateTable(table).set(set).where(spec.rowKey, '=', key).execute();
    if (mode === 'migrate' && table === 'applicants') await writeTerms(trx, cipher, plain as never);
  }
  return {
    ...(rows.length === batch ? { last: String(rows[rows.length - 1]![spec.rowKey]) } : {}),
    resealed,
    rows: rows.length,
  };
}

/**
 * One walk over every sealed table, resumable. Returns the number of values sealed anew; 0 on a rotation
 * means nothing uses any other key any more.
 */
export async function resealAll(
  db: Kysely<Database>,
  cipher: FieldCipher,
  mode: ResealMode,
  opts: { batch?: number; onProgress?: (p: ResealProgress) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 500;
  const start = await readCursor(db, mode);
  let resealed = 0;
  let started = start === undefined;
  for (const table of SEALED_TABLES) {
    if (!started && start!.table !== table) continue;
    let after = !started ? start!.after : '';
    started = true;
    const anyDb = db as unknown as Kysely<any>;
    const total = Number(
      (
        await anyDb
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    let done = after
      ? Number(
          (
            await anyDb
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .where(PERSONAL_COLUMNS[table].rowKey, '<=', after)
              .executeTakeFirstOrThrow()
          ).n,
        )
      : 0;
    for (;;) {
      const r = await db.transaction().execute(async (trx) => {
        const out = await resealBatch(trx, cipher, mode, table, after, batch);
        const next = SEALED_TABLES[SEALED_TABLES.indexOf(table) + 1];
        await writeCursor(
          trx,
          mode,
          out.last !== undefined ? { table, after: out.last } : next ? { table: next, after: '' } : null,
        );
        return out;
      });
      resealed += r.resealed;
      done += r.rows;
      opts.onProgress?.({ table, done, total, resealed });
      if (r.last === undefined) break;
      after = r.last;
    }
  }
  return resealed;
}

/**
 * `nbr data-key migrate`: seals every plain value and writes the beacons, then lifts the marker that keeps
 * the service from starting, and compacts the database so that no page keeps an old plain row.
 */
export async function migrateToSealed(
  db: Kysely<Database>,
  cipher: FieldCipher,
  opts: { batch?: number; onProgress?: (p: ResealProgress) => void; postgres: boolean },
): Promise<number> {
  const n = await resealAll(db, cipher, 'migrate', opts);
  await db.deleteFrom('counters').where('name', '=', PLAINTEXT_MARKER).execute();
  await compact(db, opts.postgres);
  return n;
}

/** Drops old row versions: VACUUM FULL of the sealed tables (PostgreSQL); VACUUM and a WAL truncation (SQLite). */
export async function compact(db: Kysely<Database>, postgres: boolean): Promise<void> {
  if (postgres) {
    for (const table of [...SEALED_TABLES, 'applicant_terms'])
      await sql`VACUUM FULL ${sql.table(table)}`.execute(db);
    return;
  }
  await sql`VACUUM`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
