// The write side of the transparency log inside the issuance transaction: the next log index, and the leaf
// written with the document it belongs to. The index is the leaf count, read under the audit head lock that
// every issuance takes first (services/audit.ts lockAuditHead): issuers are serialised by it, so leaves
// become visible in index order and the integrator never sees a gap. Were that lock ever dropped, two
// issuers reading the same count would collide on the primary key and one would fail, not corrupt the log.
// (A counter row of its own cost an extra write per document: bench/log.ts.)

import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The next log index. The caller holds the audit head lock (see above). */
export async function takeLogIndex(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .selectFrom('log_leaves')
    .select((eb) => eb.fn.max('idx').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function writeLogLeaf(
  trx: Transaction<Database>,
  index: number,
  entry: Uint8Array,
  documentId: string,
): Promise<void> {
  await trx.insertInto('log_leaves').values({ idx: index, entry, document_id: documentId }).execute();
}
