// Issuing a document from an approved application: assemble and validate the record, allocate a random
// status-list index and an unguessable document number, sign with the office's current issuer key, store,
// and record the event, all in one transaction.

import { openRow, sealRow } from '../store/row-codec.js';
import { documentBeacons } from '../store/beacons.js';
import { addYears } from '../../core/dates.js';
import { td3 } from '../../core/mrz.js';
import { signDocument } from '../../core/sign-document.js';
import type { Transaction } from 'kysely';
import type { PortraitToSeal } from '../../core/payload.js';
import type { Application, Database, DocumentRow } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { requireRole, requireSameOffice } from '../access.js';
import { recordEvent, returnForApproval, sealOrRefuse } from './applications.js';
import { approvalStillHolds, validDocumentsOf } from './supersede-snapshot.js';
import { takeStatusEntry } from '../status/status-entries.js';
import { appendAudit, lockAuditHead } from '../audit.js';
import { takeLogIndex, writeLogLeaf } from '../log/log-leaves.js';
import { isoNow, type Actor, type Deps } from '../deps.js';
import { documentView, revokeInTransaction, type DocumentView } from './documents.js';

// No I, O or Q: document numbers are read aloud and typed by hand.
const NUMBER_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';

/** Office series (2 letters) + 7 random characters: 33^7 ≈ 4.3e10 numbers per office, 9 characters for the MRZ. */
export function documentNumber(series: string, random: (n: number) => Uint8Array): string {
  let out = series;
  while (out.length < 9) {
    for (const b of random(8)) {
      // Rejection sampling keeps every character equally likely (256 = 7*33 + 25).
      if (b < 231 && out.length < 9) out += NUMBER_ALPHABET[b % 33];
    }
  }
  return out;
}

function yearsBetween(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years--;
  return years;
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The issued document, and the numbers of the holder's earlier documents it superseded (onePerHolder types). */
export async function issueDocument(
  deps: Deps,
  actor: Actor,
  applicationId: string,
  /** Only bench/log.ts sets this, to measure what the log costs; no route or command can reach it. */
  bench?: { withoutLog: true },
): Promise<DocumentView & { superseded: string[] }> {
  requireRole(actor, 'clerk', 'approver');
  const nowMs = deps.clock.now();

  // The face sealed into the document (issue 23): made from the portrait frozen at submission, before the
  // transaction, so that encoding it holds no lock. That portrait never changes once submitted.
  const portrait = await faceToSeal(deps, applicationId);
  let issued;
  try {
    issued = await issueInTransaction(deps, actor, applicationId, nowMs, bench, portrait);
  } catch (e) {
    // Rolled back whole; the approval no longer says what issuing would revoke: back to the approval queue,
    // in a transaction of its own, and the caller learns why (APPROVAL_STALE).
    if (e instanceof AppError && e.code === 'APPROVAL_STALE')
      await returnForApproval(deps, actor, applicationId).catch(() => {});
    throw e;
  }
  // The new leaf is committed: this instance's verifier copy takes it at once (others within a second).
  await deps.logView?.refresh?.().catch(() => {});
  return issued;
}

async function issueInTransaction(
  deps: Deps,
  actor: Actor,
  applicationId: string,
  nowMs: number,
  bench: { withoutLog: true } | undefined,
  portrait: PortraitToSeal | undefined,
): Promise<DocumentView & { superseded: string[] }> {
  const nowSec = Math.floor(nowMs / 1000);
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx); // lock order: audit head first (services/audit.ts)
    const app = await trx
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    requireSameOffice(actor, app?.office_id, 'application');
    if (app!.state !== 'approved')
      throw new AppError(
        'INVALID_STATE',
        `the application is ${app!.state}; only approved applications can be issued`,
      );
    const office = await trx
      .selectFrom('offices')
      .selectAll()
      .where('id', '=', app!.office_id)
      .executeTakeFirstOrThrow();
    const docType = deps.documentTypes.byName(app!.document_type)!;
    const meta = docType.schema['x-nbr'];

    const signing = deps.keyring.signerFor(office.code, docType.name, nowSec);
    if (!signing)
      throw new AppError(
        'NO_SIGNING_KEY',
        `no issuer key of ${office.code} may sign ${docType.name} now; ask the Cabinet for a key (keys/README.md)`,
      );

    const fields: Record<string, string> = {
      ...(JSON.parse(openRow(deps.cipher, 'applications', app!).data) as Record<string, string>),
      issueDate: today,
    };
    if (meta.assigned?.includes('expiryDate') && meta.validityYears) {
      const minor = fields.birthDate !== undefined && yearsBetween(fields.birthDate, today) < 18;
      fields.expiryDate = dayBefore(
        addYears(today, minor && meta.minorValidityYears ? meta.minorValidityYears : meta.validityYears),
      );
    }

    const statusIndex = await takeStatusEntry(trx, deps.config.statusListSize, deps.random, deps.clock);
    if (statusIndex === undefined)
      throw new AppError('STATUS_LIST_FULL', 'every status list entry is taken: raise NBR_STATUS_LIST_SIZE');

    // The document's position in the transparency log, signed into it (docs/transparency-log.md).
    const logIndex = bench?.withoutLog ? 0 : await takeLogIndex(trx);
    const id = deps.ids();
    for (let attempt = 0; attempt < 10; attempt++) {
      fields.number = documentNumber(office.series, deps.random);
      const record = deps.validator.checkRecord(docType.name, fields);
      let signed;
      try {
        signed = await signDocument(
          {
            type: docType.name,
            office: office.code,
            issuedAt: nowSec,
            statusIndex,
            logIndex,
            fields: record,
            ...(portrait ? { portrait } : {}),
          },
          signing.signer,
          deps.documentTypes,
        );
      } catch (e) {
        if (e instanceof RangeError) throw new AppError('VALIDATION_FAILED', e.message);
        throw e;
      }
      const mrz =
        docType.name === 'passport'
          ? td3({
              documentCode: deps.config.passportDocumentCode,
              issuingState: deps.config.issuingState,
              nationality: 'BLR',
              surname: record.surnameLatin!,
              givenNames: record.givenNamesLatin!,
              number: record.number!,
              birthDate: record.birthDate!,
              sex: record.sex as 'F' | 'M' | 'X',
              expiryDate: record.expiryDate!,
              ...(record.personalNumber ? { personalNumber: record.personalNumber } : {}),
            }).join('\n')
          : null;
      const row: DocumentRow = {
        id,
        office_id: office.id,
        application_id: app!.id,
        applicant_id: app!.applicant_id,
        document_type: docType.name,
        number: record.number!,
        status_index: statusIndex,
        kid: signing.key.kid,
        qr_text: signed.qrText,
        data: JSON.stringify(record),
        mrz,
        state: 'issued',
        issued_at: new Date(nowMs).toISOString(),
        issued_by: actor.staffId,
        revoked_at: null,
        revoked_by: null,
        revocation_reason: null,
        superseded_by: null,
        personal_number: record.personalNumber || null,
        ...documentBeacons(deps.cipher, {
          number: record.number!,
          personal_number: record.personalNumber || null,
        }),
      };
      const inserted = await trx
        .insertInto('documents')
        .values(sealRow(deps.cipher, 'documents', row))
        .onConflict((oc) => oc.column('number_bx').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue; // number taken by a concurrent issuance: draw another
      // Never a document without its leaf, never a leaf without its document: one transaction.
      if (!bench?.withoutLog) await writeLogLeaf(trx, logIndex, signed.logEntry, id);
      await trx
        .updateTable('status_entries')
        .set({ document_id: id })
        .where('idx', '=', statusIndex)
        .execute();
      // The face the document is issued to, kept with it: reprints show it even after the record's photo changes.
      // Only the portrait frozen at submission, never the record's current photo (issue 10, photo swap).
      const photo = await trx
        .selectFrom('application_photos')
        .select(['mime', 'data'])
        .where('application_id', '=', app!.id)
        .executeTakeFirst();
      if (meta.portrait && !photo)
        throw new AppError(
          'INVALID_STATE',
          'no portrait was submitted with this application; submit it again',
        );
      // Sealed again for its new place: the associated data names the table and row (store/row-codec.ts).
      if (photo)
        await trx
          .insertInto('document_photos')
          .values(
            sealRow(deps.cipher, 'document_photos', {
              document_id: id,
              mime: photo.mime,
              data: openRow(deps.cipher, 'application_photos', photo, app!.id).data,
            }),
          )
          .execute();
      const moved = await trx
        .updateTable('applications')
        .set({ state: 'issued', updated_at: isoNow(deps.clock) })
        .where('id', '=', app!.id)
        .where('state', '=', 'approved')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1)
        throw new AppError('CONFLICT', 'the application was issued meanwhile');
      await recordEvent(trx, deps, actor, {
        officeId: office.id,
        applicationId: app!.id,
        documentId: id,
        action: 'issue',
      });
      await appendAudit(trx, deps, actor, {
        action: 'document.issue',
        targetType: 'document',
        targetId: id,
        details: { documentType: docType.name, kid: signing.key.kid },
      });
      const superseded = meta.onePerHolder
        ? await supersedeEarlier(trx, deps, actor, { app: app!, documentId: id, number: record.number! })
        : [];
      return { ...documentView(row), superseded };
    }
    throw new AppError('INTERNAL', 'could not draw a free document number');
  });
}

/**
 * The face to seal for an application whose type carries a portrait: the one made from the frozen portrait at
 * submission (deps.sealFace). Undefined for other types, or when no portrait was frozen (issuance refuses).
 */
async function faceToSeal(deps: Deps, applicationId: string): Promise<PortraitToSeal | undefined> {
  const app = await deps.db
    .selectFrom('applications')
    .select('document_type')
    .where('id', '=', applicationId)
    .executeTakeFirst();
  if (!app || !deps.documentTypes.byName(app.document_type)?.schema['x-nbr'].portrait) return undefined;
  const photo = await deps.db
    .selectFrom('application_photos')
    .select(['data', 'seal_format', 'seal'])
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  if (!photo) return undefined;
  const opened = openRow(deps.cipher, 'application_photos', photo, applicationId);
  // Made at submission and approved with the data; applications submitted before migration 018 have none.
  if (opened.seal && opened.seal_format)
    return { format: opened.seal_format as PortraitToSeal['format'], image: opened.seal };
  return sealOrRefuse(deps, opened.data);
}

/**
 * Revokes the holder's earlier documents of a one-per-holder type (passports) that the new one replaces, after
 * checking that they are exactly the ones the approver was shown (services/registry/supersede-snapshot.ts), and lapses
 * the holder's other approved applications of the type, so that no stale approval can be issued later and
 * revoke this document behind its approver's back (issue 21).
 */
async function supersedeEarlier(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  issued: { app: Application; documentId: string; number: string },
): Promise<string[]> {
  const { app } = issued;
  // In the same transaction: the new document never exists beside a still-valid earlier one. Two instances
  // issuing to one holder at once must not each miss the other's new passport: the no-op update locks the
  // holder's row until commit (PostgreSQL; SQLite has one writer anyway), so the select below, a new
  // statement under READ COMMITTED, sees every passport committed before it.
  // test/registry/concurrency.test.ts fails without a lock taken before this select.
  // (A column no foreign key refers to: rewriting the key made SQLite check every application for it.)
  await trx
    .updateTable('applicants')
    .set((eb) => ({ search_key: eb.ref('search_key') }))
    .where('id', '=', app.applicant_id)
    .execute();
  const earlier = (await validDocumentsOf(trx, deps.cipher, app.applicant_id, app.document_type)).filter(
    (d) => d.id !== issued.documentId,
  );
  if (!approvalStillHolds(app.approved_supersedes, earlier))
    throw new AppError(
      'APPROVAL_STALE',
      "the holder's valid documents changed after this application was approved; it is back in the " +
        'approval queue, to be approved again with what issuing it will now supersede',
    );
  const superseded: string[] = [];
  for (const { id } of earlier) {
    const old = openRow(
      deps.cipher,
      'documents',
      await trx.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
    await revokeInTransaction(trx, deps, actor, old, {
      reason: 'superseded',
      note: `by ${issued.number}`,
      supersededBy: issued.documentId,
    });
    superseded.push(old.number);
  }
  const others = await trx
    .selectFrom('applications')
    .select('id')
    .where('applicant_id', '=', app.applicant_id)
    .where('document_type', '=', app.document_type)
    .where('state', '=', 'approved')
    .where('id', '!=', app.id)
    .execute();
  for (const other of others) {
    await trx
      .updateTable('applications')
      .set({ state: 'lapsed', updated_at: isoNow(deps.clock) })
      .where('id', '=', other.id)
      .where('state', '=', 'approved')
      .execute();
    await recordEvent(trx, deps, actor, {
      officeId: app.office_id,
      applicationId: other.id,
      action: 'lapsed',
      reason: `lapsed: by ${issued.number}`,
    });
    await appendAudit(trx, deps, actor, {
      action: 'application.lapsed',
      targetType: 'application',
      targetId: other.id,
      details: { by: issued.documentId },
    });
  }
  return superseded;
}
