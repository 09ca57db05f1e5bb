// The one place that knows about drivers: SQLite (better-sqlite3) by default, PostgreSQL (pg) when a
// postgres:// URL is given. Everything else talks to Kysely<Database>.

import { closeSync, openSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

const INT8_OID = 20;

export interface ConnectOptions {
  /** Told when the pool loses a connection (the default writes one line to stderr). */
  onConnectionLost?: (e: Error) => void;
  /** Told every statement executed, with its parameters (the query-plan test EXPLAINs them). */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void;
}

export function connect(url: string, options: ConnectOptions = {}): DbHandle {
  const { onQuery } = options;
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query') onQuery(event.query);
      }
    : undefined;
  const onConnectionLost =
    options.onConnectionLost ??
    ((e: Error) => process.stderr.write(`database: a connection was lost (${e.message}); reconnecting\n`));
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // bigint columns hold counters and audit sequence numbers well below 2^53: read them as numbers.
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
    };
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      types: types as pg.CustomTypesConfig,
      // A server that does not answer gives a retryable 503 within seconds rather than a hung request.
      connectionTimeoutMillis: 5_000,
    });
    // An idle client whose connection the server ends (restart, failover, pg_terminate_backend, an idle
    // reaper) emits 'error' on the pool; unhandled, that event kills the process. The pool has already
    // dropped the client and opens a new one on the next query, so there is nothing to do but say so.
    pool.on('error', (e) => onConnectionLost(e));
    // A client that is checked out (between the statements of a transaction, say) has no pool listener:
    // its 'error' would be unhandled too. The statement in progress fails on its own (503 to the caller), and
    // the pool discards a client that is no longer queryable when it is released.
    pool.on('connect', (client) => {
      client.on('error', (e) => onConnectionLost(e));
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  // Personal data: the file is created readable by its owner only; SQLite gives its -wal and -shm files the
  // database file's permissions (os_unix.c, robust_open with the main file's mode).
  if (file !== ':memory:' && file !== '') closeSync(openSync(file, 'a', 0o600));
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A deleted or rewritten row's bytes are overwritten with zeros, not left in free pages (issue 25: a
  // database copied after a correction or a migration must not keep the old plain values).
  sqlite.pragma('secure_delete = ON');
  // Memory-mapped reads make lookups cheaper (fewer copies through SQLite's page cache).
  sqlite.pragma('mmap_size = 268435456');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    ...(log ? { log } : {}),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}
