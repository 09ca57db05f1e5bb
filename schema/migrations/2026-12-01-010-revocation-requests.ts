// Revocation takes two people (issue 10): one asks, with the reason; another of the office confirms or
// refuses. The document is revoked only on confirmation, in the same transaction.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('revocation_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('revocation_requests_office_state_idx')
    .on('revocation_requests')
    .columns(['office_id', 'state'])
    .execute();
  await db.schema
    .createIndex('revocation_requests_document_idx')
    .on('revocation_requests')
    .column('document_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('revocation_requests').execute();
}
