// Issuing a passport looks up the holder's earlier passports inside the write transaction; without this
// index that was a scan of every document (1.7 s at 1,000,000 documents, with all issuance waiting on it).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('documents_holder_idx')
    .on('documents')
    .columns(['applicant_id', 'document_type', 'state'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_holder_idx').execute();
}
