// The status list is built from the revoked entries only (services/status/status-list.ts). An index on the
// 0/1 `revoked` column alone made PostgreSQL fetch each revoked row from the heap, scattered over a table
// filled in random index order: 497 ms at a million documents against 28 ms at 10k (bench/scale.ts, issue
// 25). A partial index of the revoked entries' indices answers the query from the index alone, on both
// databases, and holds only the revoked few.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index status_entries_revoked_only_idx on status_entries (idx) where revoked = 1`.execute(
    db,
  );
  await db.schema.dropIndex('status_entries_revoked_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('status_entries_revoked_idx').on('status_entries').column('revoked').execute();
  await db.schema.dropIndex('status_entries_revoked_only_idx').execute();
}
