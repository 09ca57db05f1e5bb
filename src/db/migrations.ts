// The migration list. Static imports (not a folder scan) so that the set is fixed at build time and the
// order is the sorted names, as kysely's Migrator requires.

import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m001 from '../../schema/migrations/2026-11-26-001-initial.js';
import * as m002 from '../../schema/migrations/2026-11-26-002-superseded-by.js';
import * as m003 from '../../schema/migrations/2026-11-27-003-login-lockout.js';
import * as m004 from '../../schema/migrations/2026-11-27-004-applicant-duplicates.js';
import * as m005 from '../../schema/migrations/2026-11-27-005-document-photos.js';
import * as m006 from '../../schema/migrations/2026-12-01-006-holder-index.js';
import * as m007 from '../../schema/migrations/2026-12-01-007-application-photos.js';
import * as m008 from '../../schema/migrations/2026-12-01-008-transparency-log.js';
import * as m009 from '../../schema/migrations/2026-12-01-009-document-personal-number.js';
import * as m010 from '../../schema/migrations/2026-12-01-010-revocation-requests.js';
import * as m011 from '../../schema/migrations/2026-12-01-011-personal-data-reads.js';
import * as m012 from '../../schema/migrations/2026-12-01-012-log-leaves-rowid.js';
import * as m013 from '../../schema/migrations/2026-12-01-013-staff-requests.js';
import * as m014 from '../../schema/migrations/2026-12-01-014-search-and-list-indexes.js';
import * as m015 from '../../schema/migrations/2026-12-01-015-integrator-keys.js';
import * as m016 from '../../schema/migrations/2026-12-01-016-applications-creator-index.js';
import * as m017 from '../../schema/migrations/2026-12-03-017-approval-snapshot-and-activation.js';
import * as m018 from '../../schema/migrations/2026-12-03-018-sealed-face.js';
import * as m019 from '../../schema/migrations/2026-12-03-019-data-at-rest.js';
import * as m020 from '../../schema/migrations/2026-12-04-020-revoked-entries-index.js';
import * as m021 from '../../schema/migrations/2026-12-04-021-staff-requests-index.js';
import * as m022 from '../../schema/migrations/2026-12-04-022-drop-qr-svg.js';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-26-001-initial': m001,
  '2026-11-26-002-superseded-by': m002,
  '2026-11-27-003-login-lockout': m003,
  '2026-11-27-004-applicant-duplicates': m004,
  '2026-11-27-005-document-photos': m005,
  '2026-12-01-006-holder-index': m006,
  '2026-12-01-007-application-photos': m007,
  '2026-12-01-008-transparency-log': m008,
  '2026-12-01-009-document-personal-number': m009,
  '2026-12-01-010-revocation-requests': m010,
  '2026-12-01-011-personal-data-reads': m011,
  '2026-12-01-012-log-leaves-rowid': m012,
  '2026-12-01-013-staff-requests': m013,
  '2026-12-01-014-search-and-list-indexes': m014,
  '2026-12-01-015-integrator-keys': m015,
  '2026-12-01-016-applications-creator-index': m016,
  '2026-12-03-017-approval-snapshot-and-activation': m017,
  '2026-12-03-018-sealed-face': m018,
  '2026-12-03-019-data-at-rest': m019,
  '2026-12-04-020-revoked-entries-index': m020,
  '2026-12-04-021-staff-requests-index': m021,
  '2026-12-04-022-drop-qr-svg': m022,
};

export function migrator(db: Kysely<any>, upTo?: string): Migrator {
  const migrations = upTo
    ? Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name <= upTo))
    : MIGRATIONS;
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies pending migrations; throws with the failing migration's name when one fails. */
export async function migrateToLatest(db: Kysely<any>, upTo?: string): Promise<MigrationResultSet> {
  const result = upTo ? await migrator(db, upTo).migrateTo(upTo) : await migrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(result.error as Error).message}`, {
      cause: result.error,
    });
  }
  return result;
}
