// What issuing a one-per-holder document (a passport) will supersede, and whether that is still what the
// approver was shown (issue 21). The approver approves "this passport, revoking X"; if the holder's valid
// passports have changed by the time someone issues it (another application was issued meanwhile, or X was
// revoked), issuing would revoke a document the approver never saw: one person's irreversible step. Issuance
// therefore compares the snapshot taken at approval with the holder's documents inside its own transaction,
// after the holder's row is locked (services/registry/issuance.ts), and refuses when they differ.

import type { FieldCipher } from '../../crypto/field-cipher.js';
import { openRow } from '../store/row-codec.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The holder's valid documents of one type, ids sorted: the snapshot's form. */
export async function validDocumentsOf(
  db: Kysely<Database>,
  cipher: FieldCipher,
  applicantId: string,
  documentType: string,
): Promise<{ id: string; number: string }[]> {
  const rows = await db
    .selectFrom('documents')
    .select(['id', 'number'])
    .where('applicant_id', '=', applicantId)
    .where('document_type', '=', documentType)
    .where('state', '=', 'issued')
    .orderBy('id')
    .execute();
  return rows.map((r) => openRow(cipher, 'documents', r));
}

export const snapshotOf = (docs: { id: string }[]): string => JSON.stringify(docs.map((d) => d.id).sort());

/**
 * Does the approval still describe what issuing would supersede? An approval older than the snapshot column
 * (null) is taken to have been shown nothing, so it holds only while the holder has no valid document.
 */
export function approvalStillHolds(approved: string | null, current: { id: string }[]): boolean {
  return (approved ?? '[]') === snapshotOf(current);
}
