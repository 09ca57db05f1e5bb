// The transparency log (docs/transparency-log.md): one leaf per issued document, written in the issuance
// transaction; tiles and checkpoints written by the integrator (services/log-integrator.ts).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const blob = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('log_leaves')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('entry', blob, (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().unique().references('documents.id'))
    .execute();
  // Each tile is the concatenation of its hashes (C2SP tlog-tiles); a partial tile grows in place.
  await db.schema
    .createTable('log_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hashes', blob, (c) => c.notNull())
    .addPrimaryKeyConstraint('log_tiles_pk', ['level', 'idx'])
    .execute();
  await db.schema
    .createTable('log_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cosigned', 'text')
    .addColumn('cosigned_at', 'text')
    .execute();
  // log: the next log index (the number of leaves); log_integrated: the size the tiles cover.
  await db
    .insertInto('counters')
    .values([
      { name: 'log', value: 0, hash: null },
      { name: 'log_integrated', value: 0, hash: null },
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('counters').where('name', 'in', ['log', 'log_integrated']).execute();
  await db.schema.dropTable('log_checkpoints').execute();
  await db.schema.dropTable('log_tiles').execute();
  await db.schema.dropTable('log_leaves').execute();
}
