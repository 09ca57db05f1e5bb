// A revoked document may point at the document that replaced it (revocation reason "superseded").
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('superseded_by', 'text').execute();
  await db.schema
    .createIndex('applicants_search_idx')
    .on('applicants')
    .columns(['office_id', 'search_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applicants_search_idx').execute();
  await db.schema.alterTable('documents').dropColumn('superseded_by').execute();
}
