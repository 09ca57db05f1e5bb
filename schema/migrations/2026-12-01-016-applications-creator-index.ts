// "My drafts" and "my applications" (GET /api/v1/applications?mine=true): a clerk's own, newest first. Staff
// belong to one office, so the creator and the id order serve the query alone; without it a clerk with few
// applications in a large office walked the office's whole list to fill a page.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('applications_creator_idx')
    .on('applications')
    .columns(['created_by', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_creator_idx').execute();
}
