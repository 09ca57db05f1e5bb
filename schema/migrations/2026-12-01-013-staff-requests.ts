// Privileged account changes take two people (issue 10: one office admin created a clerk and an approver, or
// reset the approver's password, and issued alone). A new account, a role change, re-enabling and a password
// reset wait here until a second administrator confirms; the account does not exist, or keeps its old role,
// state and password, until then.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull()) // 'create' | 'change'
    // The account's id: for 'create', the id it will get on confirmation.
    .addColumn('staff_id', 'text', (c) => c.notNull())
    // The account's office (null for cabinet admins): who may see and decide the request.
    .addColumn('office_id', 'text', (c) => c.references('offices.id'))
    .addColumn('username', 'text')
    .addColumn('display_name', 'text')
    .addColumn('role', 'text')
    .addColumn('enable', 'integer')
    // The new password's hash, kept only while the request is pending.
    .addColumn('password_hash', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('staff_requests_state_idx')
    .on('staff_requests')
    .columns(['state', 'office_id', 'requested_at'])
    .execute();
  await db.schema.createIndex('staff_requests_staff_idx').on('staff_requests').column('staff_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_requests').execute();
}
