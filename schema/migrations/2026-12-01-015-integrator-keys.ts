// API keys for integrators (issue 15): a host state's migration office or a bank that verifies many codes
// from one address gets a verification budget of its own instead of sharing the public one. Only the key's
// SHA-256 is stored; the key itself is shown once, when it is created.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('integrator_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_by', 'text', (c) => c.references('staff.id'))
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('integrator_keys').execute();
}
