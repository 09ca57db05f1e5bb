// Indexes for finding possible duplicate applicant records within an office (same personal number, or same
// Latin names and birth date): src/services/applicants.ts possibleDuplicates.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('applicants_personal_number_idx')
    .on('applicants')
    .columns(['office_id', 'personal_number'])
    .execute();
  await db.schema
    .createIndex('applicants_birth_date_idx')
    .on('applicants')
    .columns(['office_id', 'birth_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applicants_birth_date_idx').execute();
  await db.schema.dropIndex('applicants_personal_number_idx').execute();
}
