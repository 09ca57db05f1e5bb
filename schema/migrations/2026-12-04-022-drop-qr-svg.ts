// The documents' cached QR SVG goes (services/registry/documents.ts draws it each time). Sealed, the cache was
// a second copy of every printed document, some 10 KB of ciphertext each that no backup could compress; and
// viewing a code wrote to the database. SQLite rewrites the table without the column (with secure_delete on,
// the freed pages are zeroed); PostgreSQL drops it from the catalogue, and the bytes, ciphertext, go as rows
// are rewritten. A backup from before this migration still restores (db/backup.ts RETIRED_COLUMNS).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').dropColumn('qr_svg').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('qr_svg', 'text').execute();
}
