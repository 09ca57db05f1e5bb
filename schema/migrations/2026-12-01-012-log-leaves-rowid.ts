// SQLite: log_leaves keyed by its rowid (INTEGER PRIMARY KEY) instead of a separate bigint primary-key index:
// one B-tree fewer to write for every document issued (bench/log.ts). PostgreSQL is left as it is.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`CREATE TABLE log_leaves_new (
    idx INTEGER PRIMARY KEY,
    entry BLOB NOT NULL,
    document_id TEXT NOT NULL UNIQUE REFERENCES documents(id)
  )`.execute(db);
  await sql`INSERT INTO log_leaves_new (idx, entry, document_id) SELECT idx, entry, document_id FROM log_leaves`.execute(
    db,
  );
  await sql`DROP TABLE log_leaves`.execute(db);
  await sql`ALTER TABLE log_leaves_new RENAME TO log_leaves`.execute(db);
}

export async function down(): Promise<void> {
  // The rowid-keyed table holds the same rows; nothing to undo.
}
