// Revocation takes two people, like issuance (issue 10: one approver could revoke every document of the
// office alone and irreversibly). One approver or office admin asks, with the reason; another of the same
// office confirms (the document is revoked in that transaction) or refuses. Superseding by a new passport
// stays automatic: that issuance already took two people.

import { openRow, sealRow } from '../store/row-codec.js';
import type { RevocationRequestTable, RevocationReason } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { requireRole, requireSameOffice } from '../access.js';
import { appendAudit, lockAuditHead } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';
import { recordEvent } from './applications.js';
import { latinNameOf, personNameOf } from '../../core/display.js';
import { documentView, REVOCATION_REASONS, revokeInTransaction, type DocumentView } from './documents.js';

export interface RevocationRequestView {
  id: string;
  documentId: string;
  documentNumber: string;
  documentType: string;
  reason: string;
  note: string | null;
  state: RevocationRequestTable['state'];
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** In the list to decide: whose document it is, as it names them (issue 24, item 6). */
  holder?: string;
}

function view(
  r: RevocationRequestTable,
  doc: { number: string; document_type: string },
  requester: string,
): RevocationRequestView {
  return {
    id: r.id,
    documentId: r.document_id,
    documentNumber: doc.number,
    documentType: doc.document_type,
    reason: r.reason,
    note: r.note,
    state: r.state,
    requestedBy: r.requested_by,
    requestedByName: requester,
    requestedAt: r.requested_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

/** The first step: records the request; nothing is revoked yet. One open request per document. */
export async function requestRevocation(
  deps: Deps,
  actor: Actor,
  documentId: string,
  input: { reason: RevocationReason; note?: string },
): Promise<RevocationRequestView> {
  requireRole(actor, 'approver', 'office_admin');
  if (!REVOCATION_REASONS.includes(input.reason) || input.reason === 'superseded')
    throw new AppError('VALIDATION_FAILED', 'invalid reason', [
      {
        field: 'reason',
        code: 'ONE_OF',
        params: { values: 'lost, stolen, cancelled' },
        message: 'one of lost, stolen, cancelled (superseding is done by issuing)',
      },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx); // lock order: audit head first (services/audit.ts)
    const stored = await trx
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', documentId)
      .executeTakeFirst();
    requireSameOffice(actor, stored?.office_id, 'document');
    const doc = openRow(deps.cipher, 'documents', stored!);
    if (doc!.state !== 'issued') throw new AppError('INVALID_STATE', 'the document is already revoked');
    const open = await trx
      .selectFrom('revocation_requests')
      .select('id')
      .where('document_id', '=', documentId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (open)
      throw new AppError('CONFLICT', 'a revocation of this document is already waiting for confirmation');
    const row: RevocationRequestTable = {
      id: deps.ids(),
      document_id: documentId,
      office_id: doc!.office_id,
      reason: input.reason,
      note: input.note ?? null,
      state: 'pending',
      requested_by: actor.staffId,
      requested_at: isoNow(deps.clock),
      decided_by: null,
      decided_at: null,
    };
    await trx
      .insertInto('revocation_requests')
      .values(sealRow(deps.cipher, 'revocation_requests', row))
      .execute();
    // The document's history says a revocation was asked for, by whom and why (issue 24, item 6).
    await recordEvent(trx, deps, actor, {
      officeId: doc!.office_id,
      documentId,
      action: 'revocation_requested',
      reason: input.reason,
    });
    await appendAudit(trx, deps, actor, {
      action: 'document.revoke.request',
      targetType: 'document',
      targetId: documentId,
      details: { request: row.id, reason: input.reason },
    });
    const me = await trx
      .selectFrom('staff')
      .select('display_name')
      .where('id', '=', actor.staffId)
      .executeTakeFirst();
    return view(row, doc!, me?.display_name ?? '');
  });
}

/** The second step, by another person of the office: confirm (the document is revoked) or refuse. */
export async function decideRevocation(
  deps: Deps,
  actor: Actor,
  requestId: string,
  decision: 'confirm' | 'refuse',
): Promise<{ request: RevocationRequestView; document?: DocumentView }> {
  requireRole(actor, 'approver', 'office_admin');
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx);
    const storedReq = await trx
      .selectFrom('revocation_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    requireSameOffice(actor, storedReq?.office_id, 'revocation request');
    const req = openRow(deps.cipher, 'revocation_requests', storedReq!);
    if (req!.state !== 'pending') throw new AppError('INVALID_STATE', `the request is already ${req!.state}`);
    if (req!.requested_by === actor.staffId)
      throw new AppError(
        'TWO_PERSON_RULE',
        'you asked for this revocation, so another person must confirm it',
      );
    const set = {
      state: (decision === 'confirm' ? 'confirmed' : 'refused') as RevocationRequestTable['state'],
      decided_by: actor.staffId,
      decided_at: isoNow(deps.clock),
    };
    const moved = await trx
      .updateTable('revocation_requests')
      .set(set)
      .where('id', '=', requestId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('CONFLICT', 'the request was decided meanwhile');
    const doc = openRow(
      deps.cipher,
      'documents',
      await trx
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', req!.document_id)
        .executeTakeFirstOrThrow(),
    );
    const requester = await trx
      .selectFrom('staff')
      .select('display_name')
      .where('id', '=', req!.requested_by)
      .executeTakeFirst();
    const request = view({ ...req!, ...set }, doc, requester?.display_name ?? '');
    if (decision === 'refuse') {
      await recordEvent(trx, deps, actor, {
        officeId: doc.office_id,
        documentId: doc.id,
        action: 'revocation_refused',
        reason: req!.reason,
      });
      await appendAudit(trx, deps, actor, {
        action: 'document.revoke.refuse',
        targetType: 'document',
        targetId: doc.id,
        details: { request: requestId },
      });
      return { request };
    }
    if (doc.state !== 'issued') throw new AppError('INVALID_STATE', 'the document is already revoked');
    const revoked = await revokeInTransaction(trx, deps, actor, doc, {
      reason: req!.reason as RevocationReason,
      ...(req!.note ? { note: req!.note } : {}),
    });
    return { request, document: documentView(revoked) };
  });
}

/** Open requests of the actor's office (for the people who can decide them), newest first. */
export async function listRevocationRequests(deps: Deps, actor: Actor): Promise<RevocationRequestView[]> {
  requireRole(actor, 'approver', 'office_admin');
  const rows = await deps.db
    .selectFrom('revocation_requests')
    .innerJoin('documents', 'documents.id', 'revocation_requests.document_id')
    .innerJoin('staff', 'staff.id', 'revocation_requests.requested_by')
    .selectAll('revocation_requests')
    .select(['documents.number', 'documents.document_type', 'documents.data', 'staff.display_name'])
    .where('revocation_requests.office_id', '=', actor.officeId ?? '')
    .where('revocation_requests.state', '=', 'pending')
    .orderBy('revocation_requests.requested_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => {
    const doc = openRow(deps.cipher, 'documents', { number: r.number, data: r.data }, r.document_id);
    return {
      ...view(openRow(deps.cipher, 'revocation_requests', r), { ...r, number: doc.number }, r.display_name),
      holder: holderOf(JSON.parse(doc.data) as Record<string, string>),
    };
  });
}

/** Whose document: its person's names as the document holds them, with a passport's Latin ones. */
function holderOf(data: Record<string, string>): string {
  const name = personNameOf(data);
  return data.surnameLatin ? `${name} (${latinNameOf(data)})` : name;
}

/** The revocation waiting for a second person, if any, for the document page (issue 24, item 6). */
export async function pendingRevocationOf(
  deps: Deps,
  documentId: string,
): Promise<
  | { id: string; reason: string; requestedBy: string; requestedByName: string; requestedAt: string }
  | undefined
> {
  const r = await deps.db
    .selectFrom('revocation_requests')
    .innerJoin('staff', 'staff.id', 'revocation_requests.requested_by')
    .select([
      'revocation_requests.id',
      'revocation_requests.reason',
      'revocation_requests.requested_at',
      'revocation_requests.requested_by',
      'staff.display_name',
    ])
    .where('revocation_requests.document_id', '=', documentId)
    .where('revocation_requests.state', '=', 'pending')
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      reason: r.reason,
      requestedBy: r.requested_by,
      requestedByName: r.display_name,
      requestedAt: r.requested_at,
    }
  );
}
