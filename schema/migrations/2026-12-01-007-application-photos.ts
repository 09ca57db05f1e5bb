// The portrait frozen with an application when it is submitted: the approver approves that face, and the
// document is issued with it, whatever happens to the applicant record's photo afterwards (the photo-swap
// attack of issue 10: upload A, get A approved, upload B, issue).
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('application_photos')
    .addColumn('application_id', 'text', (c) => c.primaryKey().references('applications.id'))
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('data', isPg ? sql`bytea` : sql`blob`, (c) => c.notNull())
    .execute();
  // Applications already submitted or approved keep the photo their approver could see until now.
  await sql`insert into application_photos (application_id, mime, data)
    select a.id, p.mime, p.data from applications a join photos p on p.applicant_id = a.applicant_id
    where a.state in ('submitted', 'approved')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('application_photos').execute();
}
