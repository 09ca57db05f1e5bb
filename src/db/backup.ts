// Logical backups of the registry: every table (but live sessions) as JSON lines, gzip, sealed with a backup
// passphrase (src/crypto/sealed-stream.ts). The same file restores into SQLite or PostgreSQL, so it is also
// how an embassy moves from the embedded default to a shared PostgreSQL server. A backup holds every
// applicant's personal data: it is never written unencrypted, and restoring it checks every byte first.

import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import type { Kysely } from 'kysely';
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
  ['issuer_keys', 'kid'],
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
] as const satisfies readonly (readonly [keyof Database, string])[];

type Line =
  | { schema: string[] }
  | { table: string; row: Record<string, unknown> }
  | { end: true; counts: Record<string, number> };

const PAGE = 500;

/** Binary columns (photos) travel as {"$b64": "..."}. */
function encodeValue(v: unknown): unknown {
  return v instanceof Uint8Array ? { $b64: Buffer.from(v).toString('base64') } : v;
}
function decodeValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && '$b64' in v
    ? Buffer.from(String((v as { $b64: string }).$b64), 'base64')
    : v;
}

async function* lines(db: Kysely<Database>, pageSize: number): AsyncGenerator<string> {
  const anyDb = db as unknown as Kysely<any>;
  yield `${JSON.stringify({ schema: Object.keys(MIGRATIONS) } satisfies Line)}\n`;
  const counts: Record<string, number> = {};
  for (const [table, key] of BACKUP_TABLES) {
    counts[table] = 0;
    let after: unknown;
    for (;;) {
      // A page at a time in primary-key order, each page starting after the last key seen. (Take the backup
      // while the service is idle, or from a replica: pages are not one snapshot.)
      let q = anyDb.selectFrom(table).selectAll().orderBy(key).limit(pageSize);
      if (after !== undefined) q = q.where(key, '>', after);
      const rows = (await q.execute()) as Record<string, unknown>[];
      for (const row of rows) {
        yield `${JSON.stringify({ table, row: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, encodeValue(v)])) } satisfies Line)}\n`;
        counts[table]++;
      }
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1]![key];
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
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const source = Readable.from(
    (async function* () {
      for await (const line of lines(db, pageSize)) {
        const parsed = JSON.parse(line) as Line;
        if ('table' in parsed) counts[parsed.table] = (counts[parsed.table] ?? 0) + 1;
        yield line;
      }
    })(),
  );
  await pipeline(
    source,
    createGzip(),
    await sealStream(passphrase, CONTENT, cost),
    createWriteStream(file, { mode: 0o600 }),
  );
  return counts;
}

/**
 * Restores a sealed backup into `db`, which must be migrated and hold no registry data. All in one
 * transaction: a wrong passphrase, a damaged or cut file, or a backup from a newer schema leaves the
 * database as it was.
 */
export async function restoreBackup(
  db: Kysely<Database>,
  file: string,
  passphrase: string,
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
  const known = new Set(BACKUP_TABLES.map(([t]) => t as string));
  return db.transaction().execute(async (trx) => {
    const t = trx as unknown as Kysely<any>;
    const counts: Record<string, number> = {};
    let ended: Record<string, number> | undefined;
    // Rows go in by the hundred, or fewer when they are large (portraits of up to 2 MiB each).
    let batch: { table: string; rows: Record<string, unknown>[]; bytes: number } | undefined;
    const flush = async () => {
      if (!batch || batch.rows.length === 0) return;
      // Counters exist after migration: the backup's values replace them.
      if (batch.table === 'counters') {
        for (const row of batch.rows) {
          const { name, ...rest } = row;
          await t
            .insertInto('counters')
            .values(row)
            .onConflict((oc: any) => oc.column('name').doUpdateSet(rest))
            .execute();
        }
      } else {
        await t.insertInto(batch.table).values(batch.rows).execute();
      }
      batch = undefined;
    };
    const raw = createReadStream(file);
    const opener = openStream(passphrase, CONTENT);
    const input = createGunzip();
    raw.pipe(opener).pipe(input);
    // pipe() does not pass errors on: whichever stage fails (file, decryption, gzip) ends the restore.
    const failed = new Promise<never>((_, reject) => {
      for (const s of [raw, opener, input]) {
        s.on('error', (e: Error) => {
          for (const x of [raw, opener, input]) x.destroy();
          reject(
            e instanceof AppError
              ? e
              : new AppError('BACKUP_INVALID', `cannot read the backup: ${e.message}`),
          );
        });
      }
    });
    const reader = createInterface({ input, crlfDelay: Infinity });
    const consume = (async () => {
      let first = true;
      for await (const text of reader) {
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
          continue;
        }
        if ('end' in line) {
          await flush();
          // Tiles are not backed up (they follow from the leaves): the integrator rebuilds them from 0.
          await t.updateTable('counters').set({ value: 0 }).where('name', '=', 'log_integrated').execute();
          ended = line.counts;
          continue;
        }
        if (!('table' in line) || !known.has(line.table))
          throw new AppError('BACKUP_INVALID', 'unexpected record in the backup');
        if (batch && batch.table !== line.table) await flush();
        batch ??= { table: line.table, rows: [], bytes: 0 };
        batch.rows.push(Object.fromEntries(Object.entries(line.row).map(([k, v]) => [k, decodeValue(v)])));
        batch.bytes += text.length;
        counts[line.table] = (counts[line.table] ?? 0) + 1;
        if (batch.rows.length >= 100 || batch.bytes > 8 * 1024 * 1024) await flush();
      }
    })();
    consume.catch(() => undefined); // its failure is reported by the race below; no unhandled rejection
    failed.catch(() => undefined);
    try {
      await Promise.race([consume, failed]);
    } finally {
      raw.destroy();
    }
    if (!ended) throw new AppError('BACKUP_INVALID', 'the backup is incomplete');
    for (const [table, n] of Object.entries(ended)) {
      if ((counts[table] ?? 0) !== n)
        throw new AppError('BACKUP_INVALID', `the backup's ${table} count does not match its rows`);
    }
    return counts;
  });
}
