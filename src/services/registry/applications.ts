// Applications and their lifecycle: draft -> submitted -> approved | rejected -> issued (or lapsed, when another
// approved passport application of the holder was issued first; or back to submitted when the approval went stale).
// Each transition is allowed only from the right state and role and is recorded as an event and in the audit log.

import { openRow, sealRow } from '../store/row-codec.js';
import type { Transaction } from 'kysely';
import type { Application, ApplicationState, Database } from '../../db/schema.js';
import { prefillFromApplicant, type PersonRecord } from '../../core/applicant-prefill.js';
import { nameFieldOf } from '../../core/mrz.js';
import { AppError } from '../../errors.js';
import { ownOffice, page, requireRole, requireSameOffice } from '../access.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';
import { getApplicant, type ApplicantView } from './applicants.js';
import { snapshotOf, validDocumentsOf } from './supersede-snapshot.js';
import type { PortraitToSeal } from '../../core/payload.js';

export interface ApplicationView {
  id: string;
  applicantId: string;
  documentType: string;
  data: Record<string, string>;
  state: ApplicationState;
  createdBy: string;
  decidedBy: string | null;
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function applicationView(a: Application): ApplicationView {
  return {
    id: a.id,
    applicantId: a.applicant_id,
    documentType: a.document_type,
    data: JSON.parse(a.data) as Record<string, string>,
    state: a.state,
    createdBy: a.created_by,
    decidedBy: a.decided_by,
    decisionReason: a.decision_reason,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

export async function recordEvent(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  e: { officeId: string; applicationId?: string; documentId?: string; action: string; reason?: string },
): Promise<void> {
  await trx
    .insertInto('document_events')
    .values(
      sealRow(deps.cipher, 'document_events', {
        id: deps.ids(),
        office_id: e.officeId,
        application_id: e.applicationId ?? null,
        document_id: e.documentId ?? null,
        action: e.action,
        actor_id: actor.staffId,
        actor_role: actor.role,
        reason: e.reason ?? null,
        at: isoNow(deps.clock),
      }),
    )
    .execute();
}

/** The applicant's data that the document type takes from the person record (src/core/applicant-prefill.ts). */
function prefill(type: string, applicant: ApplicantView, deps: Deps, copied = false): Record<string, string> {
  const schema = deps.documentTypes.byName(type)?.schema;
  return schema ? prefillFromApplicant(schema, applicant as unknown as PersonRecord, copied) : {};
}

export async function createApplication(
  deps: Deps,
  actor: Actor,
  input: { applicantId: string; documentType: string; data?: Record<string, unknown> },
): Promise<ApplicationView> {
  requireRole(actor, 'clerk');
  const officeId = ownOffice(actor);
  if (!deps.documentTypes.byName(input.documentType))
    throw new AppError('VALIDATION_FAILED', 'unknown document type', [
      {
        field: 'documentType',
        code: 'UNKNOWN_DOCUMENT_TYPE',
        params: {
          values: deps.documentTypes
            .all()
            .map((t) => t.name)
            .join(', '),
        },
        message: `one of ${deps.documentTypes
          .all()
          .map((t) => t.name)
          .join(', ')}`,
      },
    ]);
  const applicant = await getApplicant(deps, actor, input.applicantId);
  const data = deps.validator.checkApplication(input.documentType, {
    ...prefill(input.documentType, applicant, deps),
    ...(input.data ?? {}),
  });
  const row = draftRow(deps, actor, officeId, applicant.id, input.documentType, data);
  await deps.db.transaction().execute((trx) => insertDraft(trx, deps, actor, row));
  return applicationView(row);
}

function draftRow(
  deps: Deps,
  actor: Actor,
  officeId: string,
  applicantId: string,
  documentType: string,
  data: Record<string, string>,
): Application {
  const now = isoNow(deps.clock);
  return {
    id: deps.ids(),
    office_id: officeId,
    applicant_id: applicantId,
    document_type: documentType,
    data: JSON.stringify(data),
    state: 'draft',
    created_by: actor.staffId,
    decided_by: null,
    decision_reason: null,
    created_at: now,
    updated_at: now,
    approved_supersedes: null,
  };
}

/** A new draft with its history's first entry and its audit entry (`replaces`: the application it follows). */
async function insertDraft(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  row: Application,
  replaces?: string,
): Promise<void> {
  await trx
    .insertInto('applications')
    .values(sealRow(deps.cipher, 'applications', row))
    .execute();
  await recordEvent(trx, deps, actor, { officeId: row.office_id, applicationId: row.id, action: 'create' });
  await appendAudit(trx, deps, actor, {
    action: 'application.create',
    targetType: 'application',
    targetId: row.id,
    details: { documentType: row.document_type, ...(replaces ? { replaces } : {}) },
  });
}

async function loadForUpdate(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Application> {
  const row = await trx.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  requireSameOffice(actor, row?.office_id, 'application');
  return openRow(deps.cipher, 'applications', row!);
}

/**
 * Moves an application from one state to the next inside a transaction. The UPDATE is conditional on the
 * expected state, so two staff members acting at once cannot both succeed.
 */
async function transition(
  deps: Deps,
  actor: Actor,
  id: string,
  from: ApplicationState,
  to: ApplicationState,
  opts: {
    reason?: string;
    check?: (a: Application) => void;
    data?: Record<string, string>;
    /** Runs inside the transaction after the state change, before the event and audit entry. */
    alsoIn?: (trx: Transaction<Database>, a: Application) => Promise<void>;
  },
): Promise<ApplicationView> {
  return deps.db.transaction().execute(async (trx) => {
    const app = await loadForUpdate(trx, deps, actor, id);
    if (app.state !== from)
      throw new AppError('INVALID_STATE', `the application is ${app.state}; this action needs it ${from}`);
    opts.check?.(app);
    const set: Partial<Application> = { state: to, updated_at: isoNow(deps.clock) };
    if (to === 'approved' || to === 'rejected') {
      set.decided_by = actor.staffId;
      set.decision_reason = opts.reason ?? null;
    }
    if (from === 'approved' && to === 'submitted') {
      set.decided_by = null;
      set.approved_supersedes = null;
    }
    if (opts.data) set.data = JSON.stringify(opts.data);
    const res = await trx
      .updateTable('applications')
      .set(sealRow(deps.cipher, 'applications', set, id))
      .where('id', '=', id)
      .where('state', '=', from)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1)
      throw new AppError('CONFLICT', 'the application changed meanwhile; reload it');
    await opts.alsoIn?.(trx, app);
    await recordEvent(trx, deps, actor, {
      officeId: app.office_id,
      applicationId: id,
      action: to,
      ...(opts.reason ? { reason: opts.reason } : {}),
    });
    await appendAudit(trx, deps, actor, {
      action: `application.${to}`,
      targetType: 'application',
      targetId: id,
    });
    return applicationView({ ...app, ...set });
  });
}

export async function updateDraft(
  deps: Deps,
  actor: Actor,
  id: string,
  data: Record<string, unknown>,
): Promise<ApplicationView> {
  requireRole(actor, 'clerk');
  const current = await getApplication(deps, actor, id);
  const checked = deps.validator.checkApplication(current.documentType, data);
  return transition(deps, actor, id, 'draft', 'draft', { data: checked });
}

/**
 * A clerk takes back an application not yet decided (a draft, or one waiting for approval): a mistake, the
 * applicant's wish, or a correction to the applicant record that the application must carry (register it
 * again). Final: a withdrawn application is kept, with its history, but can no longer move.
 */
export async function withdrawApplication(deps: Deps, actor: Actor, id: string): Promise<ApplicationView> {
  requireRole(actor, 'clerk');
  const current = await undecided(deps, actor, id);
  return transition(deps, actor, id, current.state, 'withdrawn', {});
}

async function undecided(deps: Deps, actor: Actor, id: string): Promise<ApplicationView> {
  const current = await getApplication(deps, actor, id);
  if (current.state !== 'draft' && current.state !== 'submitted')
    throw new AppError(
      'INVALID_STATE',
      `the application is ${current.state}; only drafts and submitted ones can be withdrawn`,
    );
  return current;
}

/**
 * Withdraws an undecided application and registers its successor, in one transaction (never one without the
 * other): the same person and document type, the fields the type takes from the person as their record is now
 * (what a correction to the record needs), the rest as the old application held them. The successor is a draft
 * for the clerk to check and submit; an approval, if the old one was waiting for it, must be asked again.
 */
export async function reapply(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<ApplicationView & { replaces: string }> {
  requireRole(actor, 'clerk');
  const current = await undecided(deps, actor, id);
  const applicant = await getApplicant(deps, actor, current.applicantId);
  const data = deps.validator.checkApplication(current.documentType, {
    ...current.data,
    ...prefill(current.documentType, applicant, deps, true),
  });
  const row = draftRow(deps, actor, ownOffice(actor), applicant.id, current.documentType, data);
  await transition(deps, actor, id, current.state, 'withdrawn', {
    alsoIn: (trx) => insertDraft(trx, deps, actor, row, id),
  });
  return { ...applicationView(row), replaces: id };
}

export async function submitApplication(deps: Deps, actor: Actor, id: string): Promise<ApplicationView> {
  requireRole(actor, 'clerk');
  return transition(deps, actor, id, 'draft', 'submitted', {
    // Freeze the portrait with the application: the approver approves this face, and issuance prints it,
    // even if the applicant record's photo is replaced afterwards (issue 10, the photo swap).
    alsoIn: async (trx, app) => {
      if (!deps.documentTypes.byName(app.document_type)?.schema['x-nbr'].portrait) return;
      const photo = await trx
        .selectFrom('photos')
        .select(['mime', 'data'])
        .where('applicant_id', '=', app.applicant_id)
        .executeTakeFirst();
      if (!photo)
        throw new AppError('VALIDATION_FAILED', "upload the applicant's portrait before submitting", [
          { field: 'photo', code: 'PHOTO_REQUIRED', message: 'a portrait is required for this document' },
        ]);
      // The face the document will seal, made now (issue 23): the approver sees and approves it, and issuance
      // only copies it. Refused here, while the person is at the desk, if the photo cannot give one.
      const portrait = openRow(deps.cipher, 'photos', photo, app.applicant_id).data;
      const seal = await sealOrRefuse(deps, portrait);
      await trx.deleteFrom('application_photos').where('application_id', '=', app.id).execute();
      await trx
        .insertInto('application_photos')
        .values(
          sealRow(deps.cipher, 'application_photos', {
            application_id: app.id,
            mime: photo.mime,
            data: portrait,
            seal_format: seal?.format ?? null,
            seal: seal?.image ?? null,
          }),
        )
        .execute();
    },
  });
}

/**
 * The face the document will carry, as made at submission (the approver approves it with the data); made from
 * the frozen portrait for applications submitted before migration 018.
 */
export async function applicationSeal(deps: Deps, actor: Actor, id: string): Promise<PortraitToSeal> {
  await getApplication(deps, actor, id);
  const stored = await deps.db
    .selectFrom('application_photos')
    .select(['data', 'seal', 'seal_format'])
    .where('application_id', '=', id)
    .executeTakeFirst();
  if (!stored) throw new AppError('NOT_FOUND', 'no portrait was submitted with this application');
  const photo = openRow(deps.cipher, 'application_photos', stored, id);
  if (photo.seal && photo.seal_format)
    return { format: photo.seal_format as PortraitToSeal['format'], image: photo.seal };
  const made = await sealOrRefuse(deps, photo.data);
  if (!made) throw new AppError('NOT_FOUND', 'no face is sealed for this application');
  return made;
}

/** The face sealed from a portrait; a portrait that gives none is the clerk's field problem. */
export async function sealOrRefuse(deps: Deps, photo: Uint8Array): Promise<PortraitToSeal | undefined> {
  try {
    return await deps.sealFace(photo);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `the portrait cannot be sealed: ${(e as Error).message}`, [
      { field: 'photo', code: 'PHOTO_UNREADABLE', message: 'the portrait cannot be read' },
    ]);
  }
}

/** The portrait frozen with the application at submission, as the approver must see it. */
export async function applicationPhoto(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ mime: string; data: Uint8Array }> {
  await getApplication(deps, actor, id);
  const photo = await deps.db
    .selectFrom('application_photos')
    .select(['mime', 'data'])
    .where('application_id', '=', id)
    .executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND', 'no portrait was submitted with this application');
  return openRow(deps.cipher, 'application_photos', photo, id);
}

export async function approveApplication(deps: Deps, actor: Actor, id: string): Promise<ApplicationView> {
  requireRole(actor, 'approver');
  return transition(deps, actor, id, 'submitted', 'approved', {
    check: (app) => {
      // Two-person rule: whoever registered the application cannot approve it.
      if (app.created_by === actor.staffId)
        throw new AppError(
          'TWO_PERSON_RULE',
          'you registered this application, so another approver must approve it',
        );
    },
    // What the approver is shown as willSupersede, recorded with the approval (services/registry/supersede-snapshot.ts).
    alsoIn: async (trx, app) => {
      if (!deps.documentTypes.byName(app.document_type)?.schema['x-nbr'].onePerHolder) return;
      const current = await validDocumentsOf(trx, deps.cipher, app.applicant_id, app.document_type);
      await trx
        .updateTable('applications')
        .set({ approved_supersedes: snapshotOf(current) })
        .where('id', '=', app.id)
        .execute();
    },
  });
}

/**
 * An approval that no longer describes what issuing would supersede goes back to the approval queue (issue
 * 21): the holder's valid documents changed after it was approved. Moving it back takes nothing from anyone,
 * so the person who tried to issue may do it; the approver then sees the current willSupersede.
 */
export async function returnForApproval(deps: Deps, actor: Actor, id: string): Promise<void> {
  await transition(deps, actor, id, 'approved', 'submitted', { reason: 'approval-stale' });
}

export async function rejectApplication(
  deps: Deps,
  actor: Actor,
  id: string,
  reason: string,
): Promise<ApplicationView> {
  requireRole(actor, 'approver');
  if (!reason.trim())
    throw new AppError('VALIDATION_FAILED', 'a reason is required', [
      { field: 'reason', code: 'REQUIRED', message: 'is required' },
    ]);
  return transition(deps, actor, id, 'submitted', 'rejected', { reason: reason.trim() });
}

/**
 * One application. While it can still be issued, `willSupersede` names the holder's valid documents of a
 * one-per-holder type (passports) that issuing it will revoke, so that the approver knows before approving.
 */
export async function getApplication(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<
  ApplicationView & { willSupersede?: { id: string; number: string }[]; mrzNameTruncated?: string }
> {
  requireRole(actor, 'clerk', 'approver', 'office_admin');
  const row = await deps.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  requireSameOffice(actor, row?.office_id, 'application');
  const view = applicationView(openRow(deps.cipher, 'applications', row!));
  const mrz = mrzNameTruncated(view);
  const shown = mrz ? { ...view, mrzNameTruncated: mrz } : view;
  const onePerHolder = deps.documentTypes.byName(row!.document_type)?.schema['x-nbr'].onePerHolder;
  if (!onePerHolder || !['draft', 'submitted', 'approved'].includes(row!.state)) return shown;
  const current = await validDocumentsOf(deps.db, deps.cipher, row!.applicant_id, row!.document_type);
  return { ...shown, willSupersede: current };
}

/**
 * A passport's MRZ name field as it will print, when ICAO 9303's 39 characters cut the name (issue 24, item 1):
 * the clerk and the approver are told before issuing. The data page and the code carry the whole name.
 */
function mrzNameTruncated(view: ApplicationView): string | undefined {
  const { surnameLatin, givenNamesLatin } = view.data;
  if (view.documentType !== 'passport' || !surnameLatin) return undefined;
  try {
    const { field, truncated } = nameFieldOf(surnameLatin, givenNamesLatin ?? '', 39);
    return truncated ? field : undefined;
  } catch {
    return undefined; // not yet in A-Z: the record's validation says so
  }
}

export async function listApplications(
  deps: Deps,
  actor: Actor,
  query: {
    state?: string;
    applicantId?: string;
    mine?: string;
    order?: 'newest' | 'oldest';
    cursor?: string;
    limit?: unknown;
  },
): Promise<{ items: (ApplicationView & StaffNames)[]; nextCursor: string | null }> {
  requireRole(actor, 'clerk', 'approver', 'office_admin');
  const officeId = ownOffice(actor);
  const limit = page(query.limit);
  let q = deps.db
    .selectFrom('applications as a')
    .leftJoin('staff as c', 'c.id', 'a.created_by')
    .leftJoin('staff as d', 'd.id', 'a.decided_by')
    .selectAll('a')
    .select(['c.display_name as created_by_name', 'd.display_name as decided_by_name'])
    .where('a.office_id', '=', officeId);
  if (query.state) q = q.where('a.state', '=', query.state as ApplicationState);
  if (query.applicantId) q = q.where('a.applicant_id', '=', query.applicantId);
  // The clerk's own work: "my drafts", "my applications waiting".
  if (query.mine === 'true') q = q.where('a.created_by', '=', actor.staffId);
  // Newest first, or oldest first (the approval queue, worked in the order it arrived); ids are time-ordered.
  const oldest = query.order === 'oldest';
  if (query.cursor) q = q.where('a.id', oldest ? '>' : '<', query.cursor);
  const rows = await q
    .orderBy('a.id', oldest ? 'asc' : 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit);
  return {
    items: items.map((row) => ({
      ...applicationView(openRow(deps.cipher, 'applications', row)),
      createdByName: row.created_by_name ?? null,
      decidedByName: row.decided_by_name ?? null,
    })),
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
  };
}

/** Who submitted and who decided, by name, for the lists (ids alone mean nothing to a clerk). */
export interface StaffNames {
  createdByName: string | null;
  decidedByName: string | null;
}

export async function applicationEvents(deps: Deps, actor: Actor, id: string) {
  await getApplication(deps, actor, id);
  const rows = await deps.db
    .selectFrom('document_events')
    .innerJoin('staff', 'staff.id', 'document_events.actor_id')
    .select([
      'document_events.id',
      'document_events.action',
      'document_events.actor_id',
      'document_events.actor_role',
      'document_events.reason',
      'document_events.at',
      'document_events.document_id',
      // Who took each step, by name, as a document's history shows it (services/registry/documents.ts).
      'staff.display_name as actor',
    ])
    .where('document_events.application_id', '=', id)
    .orderBy('document_events.id')
    .execute();
  return rows.map((r) => openRow(deps.cipher, 'document_events', r));
}
