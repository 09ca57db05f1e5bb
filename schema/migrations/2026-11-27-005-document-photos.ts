// The portrait as it was when a document was issued: a reprint must show the face the document was issued
// to, even if the applicant's record gets a new photo later.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('document_photos')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', isPg ? sql`bytea` : sql`blob`, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('document_photos').execute();
}
