// Issue 21. (1) What the approver was shown: the holder's valid documents of a one-per-holder type (passports)
// that issuing the application would supersede, as a sorted JSON array of document ids, recorded at approval.
// Issuance refuses when the holder's valid documents have changed since (a stale approval must not revoke a
// passport its approver never saw). Null for applications approved before this migration: issuance then
// treats any valid document as a change. (2) Accounts created or reset by request start with a one-time
// activation code instead of a password the requester chose: until activation_expires_at is cleared by the
// owner's own new password, the account's sessions can do nothing but set it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('applications').addColumn('approved_supersedes', 'text').execute();
  await db.schema.alterTable('staff').addColumn('activation_expires_at', 'text').execute();
  // A request to reset a password no longer carries the new password's hash, only that a reset was asked.
  await db.schema
    .alterTable('staff_requests')
    .addColumn('reset_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .updateTable('staff_requests')
    .set({ reset_password: 1 })
    .where('kind', '=', 'change')
    .where('password_hash', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_requests').dropColumn('reset_password').execute();
  await db.schema.alterTable('staff').dropColumn('activation_expires_at').execute();
  await db.schema.alterTable('applications').dropColumn('approved_supersedes').execute();
}
