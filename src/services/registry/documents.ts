// Issued documents: reading, listing, QR rendering and revocation.

import { openRow } from '../store/row-codec.js';
import { documentNumberBeacon } from '../store/beacons.js';
import type { Transaction } from 'kysely';
import type { Database, DocumentRow, DocumentState, RevocationReason } from '../../db/schema.js';
import { idFloor } from '../../db/ids.js';
import { AppError } from '../../errors.js';
import { renderPng, renderSvg } from '../../qr/render.js';
import { ownOffice, page, requireRole, requireSameOffice } from '../access.js';
import { recordEvent } from './applications.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';

export interface DocumentView {
  id: string;
  applicationId: string;
  applicantId: string;
  documentType: string;
  number: string;
  statusIndex: number;
  state: DocumentState;
  data: Record<string, string>;
  qrText: string;
  mrz: string[] | null;
  kid: string;
  issuedAt: string;
  issuedBy: string;
  revokedAt: string | null;
  revocationReason: string | null;
  supersededBy: string | null;
}

export function documentView(d: DocumentRow): DocumentView {
  return {
    id: d.id,
    applicationId: d.application_id,
    applicantId: d.applicant_id,
    documentType: d.document_type,
    number: d.number,
    statusIndex: d.status_index,
    state: d.state,
    data: JSON.parse(d.data) as Record<string, string>,
    qrText: d.qr_text,
    mrz: d.mrz ? d.mrz.split('\n') : null,
    kid: d.kid,
    issuedAt: d.issued_at,
    issuedBy: d.issued_by,
    revokedAt: d.revoked_at,
    revocationReason: d.revocation_reason,
    supersededBy: d.superseded_by,
  };
}

const READERS = ['clerk', 'approver', 'office_admin'] as const;

async function load(deps: Deps, actor: Actor, id: string): Promise<DocumentRow> {
  requireRole(actor, ...READERS);
  const row = await deps.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  requireSameOffice(actor, row?.office_id, 'document');
  return openRow(deps.cipher, 'documents', row!);
}

export async function getDocument(deps: Deps, actor: Actor, id: string): Promise<DocumentView> {
  return documentView(await load(deps, actor, id));
}

export interface DocumentQuery {
  type?: string;
  state?: string;
  from?: string;
  to?: string;
  applicantId?: string;
  order?: 'newest' | 'oldest';
  cursor?: string;
  limit?: unknown;
}

export async function listDocuments(
  deps: Deps,
  actor: Actor,
  query: DocumentQuery,
): Promise<{ items: DocumentView[]; nextCursor: string | null }> {
  requireRole(actor, ...READERS);
  const officeId = ownOffice(actor);
  const limit = page(query.limit);
  let q = deps.db.selectFrom('documents').selectAll().where('office_id', '=', officeId);
  if (query.applicantId) q = q.where('applicant_id', '=', query.applicantId);
  if (query.type) q = q.where('document_type', '=', query.type);
  if (query.state) q = q.where('state', '=', query.state as DocumentState);
  // Issue dates become a range of time-ordered ids too (db/ids.ts), a day wider on each side for the clock
  // an id was drawn at: the page is then read newest first along (office, id), whatever the range's size,
  // instead of sorting every document of the range. The issued_at test stays exact.
  const DAY = 86_400_000;
  if (query.from) {
    q = q.where('issued_at', '>=', query.from);
    const ms = Date.parse(`${query.from.slice(0, 10)}T00:00:00Z`);
    if (Number.isFinite(ms)) q = q.where('id', '>=', idFloor(ms - DAY));
  }
  if (query.to) {
    q = q.where('issued_at', '<', `${query.to}T99`); // inclusive of the whole "to" day
    const ms = Date.parse(`${query.to.slice(0, 10)}T00:00:00Z`);
    if (Number.isFinite(ms)) q = q.where('id', '<', idFloor(ms + 2 * DAY));
  }
  // Ids are time-ordered (db/ids.ts): the id order is the issue order, either way along the same index.
  const oldest = query.order === 'oldest';
  if (query.cursor) q = q.where('id', oldest ? '>' : '<', query.cursor);
  const rows = await q
    .orderBy('id', oldest ? 'asc' : 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  return {
    items: items.map((r) => documentView(openRow(deps.cipher, 'documents', r))),
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
  };
}

/**
 * The office's document with this number: the desk's way in when a holder presents a document (to revoke a
 * lost one, say). Spaces, MRZ fillers and case are ignored; another office's number is "not found", like any
 * other record of another office.
 */
export async function findDocumentByNumber(deps: Deps, actor: Actor, number: string): Promise<DocumentView> {
  requireRole(actor, ...READERS);
  const officeId = ownOffice(actor);
  const normal = number.toUpperCase().replace(/[\s<]/g, '');
  // By the number's beacon (registry-wide, 64 bits), confirmed once opened (services/store/beacons.ts).
  const stored = /^[0-9A-Z]{1,9}$/.test(normal)
    ? await deps.db
        .selectFrom('documents')
        .selectAll()
        .where('number_bx', '=', documentNumberBeacon(deps.cipher, normal))
        .where('office_id', '=', officeId)
        .executeTakeFirst()
    : undefined;
  const row = stored && openRow(deps.cipher, 'documents', stored);
  if (!row || row.number !== normal)
    throw new AppError('NOT_FOUND', 'no document with this number in this office');
  return documentView(row);
}

/** The portrait kept with the document at issuance, if the applicant had one then. */
export async function documentPhoto(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ mime: string; data: Uint8Array } | undefined> {
  await load(deps, actor, id);
  const photo = await deps.db
    .selectFrom('document_photos')
    .select(['mime', 'data'])
    .where('document_id', '=', id)
    .executeTakeFirst();
  return photo && openRow(deps.cipher, 'document_photos', photo, id);
}

export async function documentEvents(deps: Deps, actor: Actor, id: string) {
  const doc = await load(deps, actor, id);
  const rows = await deps.db
    .selectFrom('document_events')
    .innerJoin('staff', 'staff.id', 'document_events.actor_id')
    .select([
      'document_events.id',
      'document_events.action',
      'document_events.actor_role',
      'document_events.reason',
      'document_events.at',
      'staff.display_name as actor',
    ])
    .where((eb) =>
      eb.or([
        eb('document_events.document_id', '=', id),
        eb('document_events.application_id', '=', doc.application_id),
      ]),
    )
    .orderBy('document_events.id')
    .execute();
  return rows.map((r) => openRow(deps.cipher, 'document_events', r));
}

/**
 * The code as SVG, drawn from the QR text each time (about 9 ms for a passport with its face). It was once
 * kept in the row: a second sealed copy of the whole document, some 10 KB a printed document in every backup,
 * since ciphertext does not compress (migration 022 dropped it).
 */
export async function documentQrSvg(deps: Deps, actor: Actor, id: string): Promise<string> {
  return renderSvg((await load(deps, actor, id)).qr_text);
}

export async function documentQrPng(deps: Deps, actor: Actor, id: string): Promise<Buffer> {
  return renderPng((await load(deps, actor, id)).qr_text);
}

export const REVOCATION_REASONS: RevocationReason[] = ['lost', 'stolen', 'cancelled', 'superseded'];

/**
 * The revocation itself, inside the caller's transaction: the row, its status-list bit, the status version
 * (every instance rebuilds its published list on its next look), the document event and the audit entry.
 */
export async function revokeInTransaction(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  doc: DocumentRow,
  input: { reason: RevocationReason; note?: string; supersededBy?: string },
): Promise<DocumentRow> {
  const set = {
    state: 'revoked' as const,
    revoked_at: isoNow(deps.clock),
    revoked_by: actor.staffId,
    revocation_reason: input.reason,
    superseded_by: input.supersededBy ?? null,
  };
  const res = await trx
    .updateTable('documents')
    .set(set)
    .where('id', '=', doc.id)
    .where('state', '=', 'issued')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'the document changed meanwhile');
  await trx.updateTable('status_entries').set({ revoked: 1 }).where('idx', '=', doc.status_index).execute();
  await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'status')
    .execute();
  await recordEvent(trx, deps, actor, {
    officeId: doc.office_id,
    documentId: doc.id,
    action: 'revoke',
    reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
  });
  await appendAudit(trx, deps, actor, {
    action: 'document.revoke',
    targetType: 'document',
    targetId: doc.id,
    details: { reason: input.reason, ...(input.supersededBy ? { supersededBy: input.supersededBy } : {}) },
  });
  return { ...doc, ...set };
}
