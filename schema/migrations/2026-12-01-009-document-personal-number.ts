// The cross-office duplicate report reads the personal number the passport was issued with, copied from
// its own record at issuance, not the applicant record a clerk can still edit (issue 10).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('personal_number', 'text').execute();
  // Documents issued before: their signed record (documents.data) holds the number.
  const rows = await db.selectFrom('documents').select(['id', 'data']).execute();
  for (const row of rows) {
    const pn = (JSON.parse(row.data) as { personalNumber?: string }).personalNumber;
    if (pn) await db.updateTable('documents').set({ personal_number: pn }).where('id', '=', row.id).execute();
  }
  await db.schema
    .createIndex('documents_personal_number_idx')
    .on('documents')
    .columns(['personal_number', 'document_type', 'state'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_personal_number_idx').execute();
  await db.schema.alterTable('documents').dropColumn('personal_number').execute();
}
