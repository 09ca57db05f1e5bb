// Logical backups of the registry: every table (but live sessions) as JSON lines, gzip, sealed with a backup
// passphrase (src/crypto/sealed-stream.ts). The same file restores into SQLite or PostgreSQL, so it is also
// how an embassy moves from the embedded default to a shared PostgreSQL server. A backup holds every
// applicant's personal data: it is never written unencrypted, and restoring it checks every byte first.
//
// A backup is one snapshot (issue 11: taken under load, pages read at different moments could hold a document
// without its audit entries): all its reads run in one REPEATABLE READ, READ ONLY transaction on PostgreSQL,
// one read transaction on SQLite (WAL: the snapshot of its first read), while the service goes on writing.
// Time is linear in the data: each table is read in primary-key pages. A restore reads the file twice: once
// to check every byte and count, then to insert in transactions of bounded size, so that the database's
// journal never holds the whole registry; a marker row says a restore is under way until its last commit.

import { createReadStream, createWriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../errors.js';
import { openStream, sealStream } from '../crypto/sealed-stream.js';
import type { ScryptCost } from '../crypto/key-file.js';
import { MIGRATIONS } from './migrations.js';
import type { Database } from './schema.js';

const CONTENT = 'registry-backup';

/** Parents before children (foreign keys); sessions are left out: a restored service starts with no one logged in. */
export const BACKUP_TABLES = [
  ['offices', 'id'],
  ['staff', 'id'],
  ['staff_requests', 'id'],
  ['integrator_keys', 'id'],
  ['issuer_keys', 'kid'],
  // Wrapped by the key-encryption key, which is not in the backup: a backup alone opens no one's data.
  ['data_keys', 'id'],
  ['applicants', 'id'],
  ['photos', 'applicant_id'],
  ['applications', 'id'],
  ['application_photos', 'application_id'],
  ['documents', 'id'],
  ['document_photos', 'document_id'],
  ['log_leaves', 'idx'],
  ['revocation_requests', 'id'],
  ['log_checkpoints', 'size'],
  ['document_events', 'id'],
  ['status_entries', 'idx'],
  ['counters', 'name'],
  ['audit_log', 'seq'],
] as const satisfies readonly (readonly [keyof Database, string | readonly [string, string]])[];

type Line =
  | { schema: string[] }
  | { table: string; row: Record<string, unknown> }
  | { end: true; counts: Record<string, number> };

/**
 * Columns a later migration dropped: a backup from before it still restores, without them (022: the
 * documents' cached QR SVG, drawn from the QR text when needed).
 */
const RETIRED_COLUMNS: Partial<Record<string, readonly string[]>> = { documents: ['qr_svg'] };

const PAGE = 2_000;
/** Rows a restore commits at once (or fewer, by bytes): the journal holds at most this much. */
const RESTORE_COMMIT_ROWS = 20_000;
const RESTORE_COMMIT_BYTES = 64 * 1024 * 1024;
/** The counters row a restore holds until its last commit (services refuse to start while it exists). */
export const RESTORE_MARKER = 'restore_in_progress';
/**
 * The counters row of a restored copy (issue 22): it holds the live registry's log key, so if it signed
 * checkpoints and asked the witnesses to cosign them, they would see a fork. A service on it starts with the
 * log integrator and witness calls off until `nbr mark-live` says this copy is now the live registry.
 */
export const RESTORED_COPY = 'restored_copy';

/** Binary columns (photos) travel as {"$b64": "..."}. */
function encodeValue(v: unknown): unknown {
  return v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
}
function decodeValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && '$b64' in v
    ? Buffer.from(String((v as { $b64: string }).$b64), 'base64')
    : v;
}

/**
 * The backup's lines, a page of rows to a chunk (one write into gzip per page, not per row: each write is a
 * round trip to zlib's thread, and per row they were most of a backup's time). `written` gets the row count
 * of each table that has rows.
 */
async function* lines(
  db: Kysely<Database>,
  pageSize: number,
  written: Record<string, number>,
  report?: () => void,
): AsyncGenerator<string> {
  const anyDb = db as unknown as Kysely<any>;
  yield `${JSON.stringify({ schema: Object.keys(MIGRATIONS) } satisfies Line)}\n`;
  const counts: Record<string, number> = {};
  for (const [table, key] of BACKUP_TABLES) {
    counts[table] = 0;
    let after: unknown;
    for (;;) {
      // A page at a time in primary-key order, each page starting after the last key seen (an index range,
      // so every page costs the same: linear in all). All pages read the transaction's one snapshot.
      const keys: readonly string[] = typeof key === 'string' ? [key] : key;
      let q = anyDb.selectFrom(table).selectAll().limit(pageSize);
      for (const k of keys) q = q.orderBy(k);
      if (after !== undefined) {
        const last = after as Record<string, unknown>;
        // Keyset paging on a two-column key: (a, b) > (a0, b0), written out for both databases.
        q =
          keys.length === 1
            ? q.where(keys[0]!, '>', last[keys[0]!])
            : q.where((eb: any) =>
                eb.or([
                  eb(keys[0]!, '>', last[keys[0]!]),
                  eb.and([eb(keys[0]!, '=', last[keys[0]!]), eb(keys[1]!, '>', last[keys[1]!])]),
                ]),
              );
      }
      const rows = (await q.execute()) as Record<string, unknown>[];
      let chunk = '';
      for (const row of rows) {
        if (table === 'counters' && (row.name === RESTORE_MARKER || row.name === RESTORED_COPY)) continue;
        chunk += `${JSON.stringify({ table, row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encodeValue(v)])) } satisfies Line)}\n`;
        counts[table]++;
        written[table] = counts[table];
      }
      if (chunk) yield chunk;
      report?.();
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1];
    }
  }
  yield `${JSON.stringify({ end: true, counts } satisfies Line)}\n`;
}

/** Writes a sealed backup of the whole registry to `file`; returns the row count of each table. */
export async function writeBackup(
  db: Kysely<Database>,
  file: string,
  passphrase: string,
  cost?: ScryptCost,
  pageSize = PAGE,
  /** Rows written so far and in all, after each page (nbr backup's progress line). */
  onProgress?: (done: number, total: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const sealer = await sealStream(passphrase, CONTENT, cost);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const snapshot = postgres ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  await snapshot.execute(async (trx) => {
    if (postgres) await sql`set transaction read only`.execute(trx);
    let total = 0;
    if (onProgress)
      for (const [table] of BACKUP_TABLES)
        total += Number(
          (
            await (trx as unknown as Kysely<any>)
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
    const report =
      onProgress &&
      (() =>
        onProgress(
          Object.values(counts).reduce((a, b) => a + b, 0),
          total,
        ));
    const source = Readable.from(lines(trx, pageSize, counts, report));
    // Level 1: people's data is sealed (incompressible) since issue 25; harder deflating only costs time.
    await pipeline(source, createGzip({ level: 1 }), sealer, createWriteStream(file, { mode: 0o600 }));
  });
  return counts;
}

/**
 * Decrypts and decompresses a backup, calling `onLine` with each line in order; any failure (file,
 * decryption, gzip, a cut file) rejects.
 */
async function readLines(
  file: string,
  passphrase: string,
  onLine: (text: string) => Promise<void>,
): Promise<void> {
  await pipeline(
    createReadStream(file),
    openStream(passphrase, CONTENT),
    createGunzip(),
    async (source: AsyncIterable<Buffer>) => {
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for await (const chunk of source) {
        rest += decoder.write(chunk);
        let nl = rest.indexOf('\n');
        while (nl >= 0) {
          await onLine(rest.slice(0, nl));
          rest = rest.slice(nl + 1);
          nl = rest.indexOf('\n');
        }
      }
      rest += decoder.end();
      if (rest.length) await onLine(rest);
    },
  ).catch((e: unknown) => {
    if (e instanceof AppError) throw e;
    throw new AppError('BACKUP_INVALID', `cannot read the backup: ${(e as Error).message}`);
  });
}

/**
 * Checks a whole backup without writing anything: every chunk authenticated, every line parsed, the schema
 * known, every table's row count matching the end record. Returns the counts.
 */
export async function checkBackup(file: string, passphrase: string): Promise<Record<string, number>> {
  const known = new Set(BACKUP_TABLES.map(([t]) => t as string));
  const counts: Record<string, number> = {};
  let first = true;
  let ended: Record<string, number> | undefined;
  await readLines(file, passphrase, async (text) => {
    if (ended) throw new AppError('BACKUP_INVALID', 'data after the end of the backup');
    const line = JSON.parse(text) as Line;
    if (first) {
      first = false;
      if (!('schema' in line)) throw new AppError('BACKUP_INVALID', 'not a registry backup');
      const unknownMigrations = line.schema.filter((m) => !(m in MIGRATIONS));
      if (unknownMigrations.length)
        throw new AppError(
          'BACKUP_INVALID',
          `the backup comes from a newer version (schema ${unknownMigrations.join(', ')}): upgrade before restoring`,
        );
      return;
    }
    if ('end' in line) {
      ended = line.counts;
      return;
    }
    if (!('table' in line) || !known.has(line.table))
      throw new AppError('BACKUP_INVALID', 'unexpected record in the backup');
    counts[line.table] = (counts[line.table] ?? 0) + 1;
  });
  if (!ended) throw new AppError('BACKUP_INVALID', 'the backup is incomplete');
  for (const [table, n] of Object.entries(ended))
    if ((counts[table] ?? 0) !== n)
      throw new AppError('BACKUP_INVALID', `the backup's ${table} count does not match its rows`);
  return counts;
}

async function insertRows(trx: Transaction<Database>, table: string, rows: Record<string, unknown>[]) {
  const t = trx as unknown as Kysely<any>;
  if (table === 'counters') {
    // Counters exist after migration: the backup's values replace them.
    for (const row of rows) {
      const { name, ...rest } = row;
      await t
        .insertInto('counters')
        .values(row)
        .onConflict((oc: any) => oc.column('name').doUpdateSet(rest))
        .execute();
    }
    return;
  }
  // As many rows to a statement as stay under 20,000 parameters (SQLite allows 32,766, PostgreSQL 65,535),
  // or fewer when rows are large (portraits of up to 2 MiB each).
  const perStatement = Math.max(1, Math.floor(20_000 / Object.keys(rows[0] ?? { x: 0 }).length));
  let at = 0;
  while (at < rows.length) {
    let end = at;
    let bytes = 0;
    while (end < rows.length && end - at < perStatement && bytes < 8 * 1024 * 1024)
      bytes += rowBytes(rows[end++]!);
    await t.insertInto(table).values(rows.slice(at, end)).execute();
    at = end;
  }
}

const rowBytes = (row: Record<string, unknown>) =>
  Object.values(row).reduce<number>((n, v) => n + (v instanceof Uint8Array ? v.length : String(v).length), 0);

/**
 * Restores a sealed backup into `db`, which must be migrated and hold no registry data. The whole file is
 * checked first (a wrong passphrase, a damaged or cut file, or a backup from a newer schema leaves the
 * database as it was); then rows go in by transactions of at most RESTORE_COMMIT_ROWS. Should the restore
 * stop half-way (power, disk), RESTORE_MARKER stays in counters and the service refuses to start on that
 * database: restore again into an empty one.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  file: string,
  passphrase: string,
  /**
   * live: this copy replaces the live registry (no RESTORED_COPY marker; its log runs at once). onProgress:
   * rows inserted so far and in all, after each commit (nbr restore's progress line). derive: what the layer
   * above rebuilds from the restored rows before the copy may start (the name-search beacons, which need the
   * registry's data key: services/registry/name-terms.ts rebuildTerms).
   */
  opts: {
    live?: boolean;
    onProgress?: (done: number, total: number) => void;
    derive?: (db: Kysely<Database>) => Promise<unknown>;
  } = {},
): Promise<Record<string, number>> {
  const anyDb = db as unknown as Kysely<any>;
  for (const [table] of BACKUP_TABLES) {
    if (table === 'counters') continue; // the migrations create its rows
    const row = await anyDb
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0)
      throw new AppError(
        'CONFLICT',
        `the target database already holds ${table}: restore into an empty, migrated database`,
      );
  }
  const counts = await checkBackup(file, passphrase);
  await db
    .insertInto('counters')
    .values({ name: RESTORE_MARKER, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: 1 }))
    .execute();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  let inserted = 0;
  let pending: { table: string; rows: Record<string, unknown>[] }[] = [];
  let pendingRows = 0;
  let pendingBytes = 0;
  const commit = async () => {
    const groups = pending;
    pending = [];
    pendingRows = 0;
    pendingBytes = 0;
    if (groups.length)
      await db.transaction().execute(async (trx) => {
        for (const g of groups) await insertRows(trx, g.table, g.rows);
      });
    inserted += groups.reduce((n, g) => n + g.rows.length, 0);
    opts.onProgress?.(inserted, total);
  };
  let first = true;
  await readLines(file, passphrase, async (text) => {
    const line = JSON.parse(text) as Line;
    if (first || 'end' in line) {
      first = false;
      return;
    }
    if (!('table' in line)) return;
    const retired = RETIRED_COLUMNS[line.table];
    const row = Object.fromEntries(
      Object.entries(line.row)
        .filter(([k]) => !retired?.includes(k))
        .map(([k, v]) => [k, decodeValue(v)]),
    );
    const last = pending[pending.length - 1];
    if (last?.table === line.table) last.rows.push(row);
    else pending.push({ table: line.table, rows: [row] });
    pendingRows++;
    pendingBytes += text.length;
    if (pendingRows >= RESTORE_COMMIT_ROWS || pendingBytes >= RESTORE_COMMIT_BYTES) await commit();
  });
  await commit();
  // The search index follows from the names, and tiles from the leaves: neither is in the backup (the index
  // is as many rows again as everything else); the caller rebuilds the index, the integrator the tiles.
  await opts.derive?.(db);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('counters').set({ value: 0 }).where('name', '=', 'log_integrated').execute();
    await trx.deleteFrom('counters').where('name', '=', RESTORE_MARKER).execute();
    if (!opts.live)
      await trx
        .insertInto('counters')
        .values({ name: RESTORED_COPY, value: 1 })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value: 1 }))
        .execute();
  });
  return counts;
}

/** Is this database a restored copy not yet declared the live registry (RESTORED_COPY)? */
export async function isRestoredCopy(db: Kysely<Database>): Promise<boolean> {
  return (
    (await db.selectFrom('counters').select('name').where('name', '=', RESTORED_COPY).executeTakeFirst()) !==
    undefined
  );
}

/** Refuses a database a restore stopped in the middle of (services call it before starting). */
export async function requireNoInterruptedRestore(db: Kysely<Database>): Promise<void> {
  const marker = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', RESTORE_MARKER)
    .executeTakeFirst();
  if (marker)
    throw new AppError(
      'CONFLICT',
      'a restore into this database did not finish: restore the backup again into an empty database (docs/operations.md)',
    );
}
