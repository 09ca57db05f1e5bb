// People's data encrypted at rest (issue 25, docs/data-at-rest.md). This migration makes the room: the data
// keys table (keys wrapped by a key-encryption key that is never in the database), the beacon columns that
// replace the indexes over plain names, birth dates and numbers, and a marker when rows written before it
// exist. It cannot encrypt them itself (it has no key): `nbr data-key migrate` does, in batches, and the
// service refuses to start while the marker stands, so nothing is served or written in plain text meanwhile.
import { sql, type Kysely } from 'kysely';

/** Tables whose rows hold people's data; any row in one means there is something to encrypt. */
const HOLDING = [
  'applicants',
  'applications',
  'documents',
  'photos',
  'revocation_requests',
  'document_events',
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('wrapped', 'text')
    .addColumn('kek_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema.alterTable('applicants').addColumn('birth_date_bx', 'text').execute();
  await db.schema.alterTable('applicants').addColumn('personal_number_bx', 'text').execute();
  await db.schema.alterTable('documents').addColumn('number_bx', 'text').execute();
  await db.schema.alterTable('documents').addColumn('personal_number_bx', 'text').execute();
  // Indexes over plain values would keep them readable in the index pages: gone; beacons take their place.
  await db.schema.dropIndex('applicants_personal_number_idx').execute();
  await db.schema.dropIndex('applicants_birth_date_idx').execute();
  await db.schema.dropIndex('documents_personal_number_idx').execute();
  await db.schema
    .createIndex('applicants_birth_date_bx_idx')
    .on('applicants')
    .columns(['office_id', 'birth_date_bx', 'id'])
    .execute();
  await db.schema
    .createIndex('applicants_personal_number_bx_idx')
    .on('applicants')
    .columns(['office_id', 'personal_number_bx'])
    .execute();
  await db.schema
    .createIndex('documents_number_bx_idx')
    .on('documents')
    .column('number_bx')
    .unique()
    .execute();
  await db.schema
    .createIndex('documents_personal_number_bx_idx')
    .on('documents')
    .columns(['personal_number_bx', 'document_type', 'state'])
    .execute();
  let holding = false;
  for (const table of HOLDING) {
    const row = await db.selectFrom(table).select(sql`1`.as('one')).limit(1).executeTakeFirst();
    if (row) holding = true;
  }
  if (holding) await db.insertInto('counters').values({ name: 'data_plaintext', value: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('counters').where('name', '=', 'data_plaintext').execute();
  await db.schema.dropIndex('documents_personal_number_bx_idx').execute();
  await db.schema.dropIndex('documents_number_bx_idx').execute();
  await db.schema.dropIndex('applicants_personal_number_bx_idx').execute();
  await db.schema.dropIndex('applicants_birth_date_bx_idx').execute();
  await db.schema
    .createIndex('documents_personal_number_idx')
    .on('documents')
    .columns(['personal_number', 'document_type', 'state'])
    .execute();
  await db.schema
    .createIndex('applicants_birth_date_idx')
    .on('applicants')
    .columns(['office_id', 'birth_date'])
    .execute();
  await db.schema
    .createIndex('applicants_personal_number_idx')
    .on('applicants')
    .columns(['office_id', 'personal_number'])
    .execute();
  await db.schema.alterTable('documents').dropColumn('personal_number_bx').execute();
  await db.schema.alterTable('documents').dropColumn('number_bx').execute();
  await db.schema.alterTable('applicants').dropColumn('personal_number_bx').execute();
  await db.schema.alterTable('applicants').dropColumn('birth_date_bx').execute();
  await db.schema.dropTable('data_keys').execute();
}
