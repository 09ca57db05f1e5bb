// How many people's records each account read per minute, counted in the database so that the budget holds
// across service instances (issue 10: lists bypassed the per-request limits).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('personal_data_reads')
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('personal_data_reads_pk', ['staff_id', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('personal_data_reads').execute();
}
