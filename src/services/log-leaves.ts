// The write side of the transparency log inside the issuance transaction: a log index taken from the
// 'log' counter (its row lock orders concurrent issuers, so leaves become visible in index order and the
// integrator never sees a gap), and the leaf written with the document it belongs to.

import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/** The next log index. Lock order: after the audit head (services/audit.ts lockAuditHead). */
export async function takeLogIndex(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'log')
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - 1;
}

export async function writeLogLeaf(
  trx: Transaction<Database>,
  index: number,
  entry: Uint8Array,
  documentId: string,
): Promise<void> {
  await trx.insertInto('log_leaves').values({ idx: index, entry, document_id: documentId }).execute();
}
