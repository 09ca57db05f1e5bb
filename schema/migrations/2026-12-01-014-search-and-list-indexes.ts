// Every query on a request path uses an index at a million documents (issue 11):
// - applicant_terms: the folded words of each applicant's names, for prefix search by name
//   (services/name-terms.ts), replacing LIKE '%q%' over the office's rows;
// - documents filtered by state or type, newest first: (office, filter, id), so that a page is read in index
//   order instead of sorting every match (by issue date they use the id order: db/ids.ts); applications of the office newest first
//   (by state they had theirs from 001); the audit trail of one office or one action.
// The terms are computed by services/name-terms.ts as it is now; a change to its folding comes with a
// migration that rebuilds them.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Byte order on PostgreSQL, so that [prefix, prefix + U+10FFFF) is exactly "starts with prefix" whatever the
  // database's collation; SQLite compares text as bytes already.
  await db.schema
    .createTable('applicant_terms')
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addColumn('term', postgres ? sql`text collate "C"` : 'text', (c) => c.notNull())
    .addColumn('applicant_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('applicant_terms_pk', ['office_id', 'term', 'applicant_id'])
    .execute();
  await db.schema
    .createIndex('applicant_terms_applicant_idx')
    .on('applicant_terms')
    .columns(['applicant_id', 'term'])
    .execute();
  await rebuildTerms(db); // the existing applicants'
  await db.schema.dropIndex('applicants_search_idx').execute();
  await db.schema
    .createIndex('documents_office_state_idx')
    .on('documents')
    .columns(['office_id', 'state', 'id'])
    .execute();
  await db.schema
    .createIndex('documents_office_type_idx')
    .on('documents')
    .columns(['office_id', 'document_type', 'id'])
    .execute();
  // One holder's records, newest first (the applicant page).
  for (const table of ['applications', 'documents'])
    await db.schema.createIndex(`${table}_applicant_idx`).on(table).columns(['applicant_id', 'id']).execute();
  await db.schema
    .createIndex('applications_office_idx')
    .on('applications')
    .columns(['office_id', 'id'])
    .execute();
  // The audit trail newest first, of one office or one action (without them, a walk back through every entry).
  await db.schema.createIndex('audit_log_office_idx').on('audit_log').columns(['office_id', 'seq']).execute();
  await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_applicant_idx').execute();
  await db.schema.dropIndex('applications_applicant_idx').execute();
  await db.schema.dropIndex('audit_log_action_idx').execute();
  await db.schema.dropIndex('audit_log_office_idx').execute();
  await db.schema.dropIndex('applications_office_idx').execute();
  await db.schema.dropIndex('documents_office_type_idx').execute();
  await db.schema.dropIndex('documents_office_state_idx').execute();
  await db.schema
    .createIndex('applicants_search_idx')
    .on('applicants')
    .columns(['office_id', 'search_key'])
    .execute();
  await db.schema.dropTable('applicant_terms').execute();
}

// The folding and term rebuild as they were when this migration was written (frozen here: the service's
// search index has since become beacons, migration 019 and `nbr data-key migrate`).
const FOLD: Record<string, string> = { і: 'и', э: 'е', ъ: '', ł: 'l', "'": '', '’': '', ʼ: '' };

function foldName(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[іэъł'’ʼ]/g, (c) => FOLD[c]!);
}

/** The folded words of a text, each at most 60 characters, without repeats. */
function nameWords(text: string): string[] {
  return [
    ...new Set(
      foldName(text)
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 0),
    ),
  ].map((w) => w.slice(0, 60));
}

interface NamedRecord {
  id: string;
  office_id: string;
  surname: string;
  given_names: string;
  patronymic: string | null;
  surname_latin: string;
  given_names_latin: string;
}

function termsOf(a: NamedRecord): string[] {
  return nameWords(
    [a.surname, a.given_names, a.patronymic ?? '', a.surname_latin, a.given_names_latin].join(' '),
  );
}

/**
 * (Re)builds every applicant's terms, in batches by id so that memory stays flat at any size: after the
 * migration that introduced them, and after a restore (terms follow from the names, so backups leave them out).
 */
async function rebuildTerms(db: Kysely<any>, batch = 2_000): Promise<number> {
  let after = '';
  let written = 0;
  for (;;) {
    const rows = (await db
      .selectFrom('applicants')
      .select([
        'id',
        'office_id',
        'surname',
        'given_names',
        'patronymic',
        'surname_latin',
        'given_names_latin',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batch)
      .execute()) as NamedRecord[];
    if (rows.length === 0) return written;
    const values = rows.flatMap((a) =>
      termsOf(a).map((term) => ({ office_id: a.office_id, term, applicant_id: a.id })),
    );
    // 3 parameters a row: 300 rows stay far below SQLite's and PostgreSQL's parameter limits. A batch is one
    // transaction (unless the caller's transaction holds them all, as a migration's does).
    const insert = async (q: Kysely<any>) => {
      for (let i = 0; i < values.length; i += 300)
        await q
          .insertInto('applicant_terms')
          .values(values.slice(i, i + 300))
          .execute();
    };
    if (db.isTransaction) await insert(db);
    else await db.transaction().execute(insert);
    written += values.length;
    after = rows[rows.length - 1]!.id;
  }
}
