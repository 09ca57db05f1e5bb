// Initial schema. Frozen: later changes go in new migrations. Written against Kysely<any> with portable
// column types only (text, integer, blob), so the same file runs on SQLite and PostgreSQL.

import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL's integer is 32-bit; bigint where values may grow, blob maps to bytea there.
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const blob = isPg ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('offices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('csrf_token', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applicants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('surname', 'text', (c) => c.notNull())
    .addColumn('given_names', 'text', (c) => c.notNull())
    .addColumn('patronymic', 'text')
    .addColumn('surname_latin', 'text', (c) => c.notNull())
    .addColumn('given_names_latin', 'text', (c) => c.notNull())
    .addColumn('latin_override', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('birth_place', 'text')
    .addColumn('personal_number', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applicants_office_idx')
    .on('applicants')
    .columns(['office_id', 'id'])
    .execute();

  await db.schema
    .createTable('photos')
    .addColumn('applicant_id', 'text', (c) => c.primaryKey().references('applicants.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('applications_office_state_idx')
    .on('applications')
    .columns(['office_id', 'state', 'id'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('application_id', 'text', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('applicants.id'))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status_index', 'integer', (c) => c.notNull().unique())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('qr_text', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('mrz', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('staff.id'))
    .addColumn('revocation_reason', 'text')
    .addColumn('qr_svg', 'text')
    .execute();
  await db.schema.createIndex('documents_office_idx').on('documents').columns(['office_id', 'id']).execute();

  await db.schema
    .createTable('document_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    .addColumn('document_id', 'text', (c) => c.references('documents.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('document_events_application_idx')
    .on('document_events')
    .column('application_id')
    .execute();
  await db.schema
    .createIndex('document_events_document_idx')
    .on('document_events')
    .column('document_id')
    .execute();

  await db.schema
    .createTable('status_entries')
    .addColumn('idx', 'integer', (c) => c.primaryKey())
    .addColumn('document_id', 'text')
    .addColumn('revoked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('allocated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_entries_revoked_idx').on('status_entries').column('revoked').execute();

  // Named counters with an optional hash: the audit chain head and the status list version. Updating the
  // row takes a row lock on PostgreSQL, which serialises writers across service instances.
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text')
    .execute();
  await db
    .insertInto('counters')
    .values([
      { name: 'audit', value: 0, hash: '0'.repeat(64) },
      { name: 'status', value: 0, hash: null },
    ])
    .execute();

  await db.schema
    .createTable('issuer_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('office_id', 'text', (c) => c.notNull().references('offices.id'))
    .addColumn('document_types', 'text', (c) => c.notNull())
    .addColumn('sign_from', 'text', (c) => c.notNull())
    .addColumn('sign_until', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('office_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'issuer_keys',
    'counters',
    'status_entries',
    'document_events',
    'documents',
    'applications',
    'photos',
    'applicants',
    'sessions',
    'staff',
    'offices',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
