// Per-account lockout after repeated wrong passwords. The per-address rate limit alone does not stop a
// guesser spreading attempts on one staff account over many addresses; these columns live in the shared
// database, so the count holds across service instances.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('staff').addColumn('locked_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('locked_until').execute();
  await db.schema.alterTable('staff').dropColumn('failed_logins').execute();
}
