// The face sealed into a document (issue 23), made when the portrait is frozen at submission: the approver
// approves the sealed face with the data, and issuance only copies its bytes into the signed payload (making
// it at issuance cost a passport about 80% of its issuing rate, docs/benchmarks.md). Null for applications
// submitted before this migration: issuance then makes it from the frozen portrait.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_photos').addColumn('seal_format', 'integer').execute();
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('application_photos')
    .addColumn('seal', isPg ? sql`bytea` : sql`blob`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_photos').dropColumn('seal').execute();
  await db.schema.alterTable('application_photos').dropColumn('seal_format').execute();
}
