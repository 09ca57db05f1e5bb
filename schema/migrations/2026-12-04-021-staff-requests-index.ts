// A cabinet admin's list of account changes to confirm (and the console menu's count of them, issue 24 item 9)
// reads every office's pending requests newest first: with an index on state alone the database sorted them in
// a temporary tree (the query-plan test). State and time together serve the filter and the order.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('staff_requests_state_time_idx')
    .on('staff_requests')
    .columns(['state', 'requested_at'])
    .execute();
  await db.schema.dropIndex('staff_requests_state_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('staff_requests_state_idx').on('staff_requests').column('state').execute();
  await db.schema.dropIndex('staff_requests_state_time_idx').execute();
}
