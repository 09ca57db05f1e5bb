// Grows a registry to N documents by the fastest honest path, for bench/scale.ts: every row issuance and its
// workflow write (applicant with its search terms, application, document with a real Ed25519 signature and
// MRZ, status entry, log leaf, document events, hash-chained audit entries), computed with the same functions
// the services use, then written in large transactions instead of one per step. One exception, named in
// docs/benchmarks.md: the bulk documents carry no portrait rows (a million portraits are gigabytes that only
// backups would read); the documents issued during the measurement do.

import { td3 } from '../src/core/mrz.js';
import { signDocument } from '../src/core/sign-document.js';
import type { Kysely } from 'kysely';
import { transliterateBelarusian } from '../src/core/transliterate.js';
import type { Database } from '../src/db/schema.js';
import { entryHash } from '../src/services/audit.js';
import type { Actor, Deps } from '../src/services/deps.js';
import { documentNumber } from '../src/services/registry/issuance.js';
import { termsOf } from '../src/services/registry/name-terms.js';
import {
  applicantBeacons,
  documentBeacons,
  documentNumberBeacon,
  termBeacons,
} from '../src/services/store/beacons.js';
import { sealRow } from '../src/services/store/row-codec.js';
import { randomIndex } from '../src/services/status/status-entries.js';

const SURNAMES = ['Навіцкая', 'Каваль', 'Шчэрба', 'Дубовік', 'Лукашэвіч', 'Мароз', 'Ясюк', 'Бародзіч'];
const GIVEN = ['Кацярына', 'Алена', 'Янка', 'Міхась', 'Ганна', 'Павел', 'Вольга', 'Андрэй'];

/** A name no one else has: a syllable string from the counter, so that "a rare name" exists at every size. */
export function rareSurname(n: number): string {
  const syl = [
    'ба',
    'ва',
    'га',
    'да',
    'жа',
    'за',
    'ка',
    'ла',
    'ма',
    'на',
    'па',
    'ра',
    'са',
    'та',
    'фа',
    'ха',
  ];
  let s = '';
  for (let x = n; s.length < 10; x = Math.floor(x / 16)) s += syl[x % 16];
  return `Рэд${s}`;
}

interface Counters {
  audit: { value: number; hash: string };
  log: number;
}

/** Rows for `count` more issued passports at `office`, written `batch` documents to a transaction. */
export async function grow(
  deps: Deps,
  clerk: Actor,
  approver: Actor,
  from: number,
  count: number,
  batch = 2_000,
): Promise<void> {
  const db = deps.db as Kysely<Database>;
  const office = await db
    .selectFrom('offices')
    .selectAll()
    .where('id', '=', clerk.officeId!)
    .executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const nowSec = Math.floor(now / 1000);
  const signing = deps.keyring.signerFor(office.code, 'passport', nowSec)!;
  for (let start = from; start < from + count; start += batch) {
    const n = Math.min(batch, from + count - start);
    await db.transaction().execute(async (trx) => {
      const head = await trx
        .selectFrom('counters')
        .selectAll()
        .where('name', 'in', ['audit', 'log'])
        .execute();
      const c: Counters = {
        audit: {
          value: Number(head.find((h) => h.name === 'audit')!.value),
          hash: head.find((h) => h.name === 'audit')!.hash ?? '0'.repeat(64),
        },
        log:
          Number(
            (
              await trx
                .selectFrom('log_leaves')
                .select((eb) => eb.fn.max('idx').as('m'))
                .executeTakeFirst()
            )?.m ?? -1,
          ) + 1,
      };
      const rows = {
        applicants: [] as any[],
        terms: [] as any[],
        applications: [] as any[],
        documents: [] as any[],
        status: [] as any[],
        leaves: [] as any[],
        events: [] as any[],
        audit: [] as any[],
      };
      const at = new Date(now).toISOString();
      const audit = (actor: Actor, action: string, targetType: string, targetId: string, details = {}) => {
        const entry = {
          seq: ++c.audit.value,
          id: deps.ids(),
          at,
          actor_id: actor.staffId,
          actor_role: actor.role,
          office_id: actor.officeId,
          action,
          target_type: targetType,
          target_id: targetId,
          details: JSON.stringify(details),
        };
        const hash = entryHash(c.audit.hash, entry);
        rows.audit.push({ ...entry, prev_hash: c.audit.hash, hash });
        c.audit.hash = hash;
      };
      const event = (actor: Actor, applicationId: string, documentId: string | null, action: string) =>
        rows.events.push({
          id: deps.ids(),
          office_id: office.id,
          application_id: applicationId,
          document_id: documentId,
          action,
          actor_id: actor.staffId,
          actor_role: actor.role,
          reason: null,
          at,
        });
      // Status indices and numbers drawn at random, checked against the rows already there (with a million
      // documents in four million entries, one draw in four is taken), before anything is signed.
      const fresh = async <T extends string | number>(
        draw: () => T,
        taken: (values: T[]) => Promise<Set<T>>,
      ): Promise<T[]> => {
        const out = new Set<T>();
        while (out.size < n) {
          const candidates = [...new Set(Array.from({ length: (n - out.size) * 2 }, draw))].filter(
            (v) => !out.has(v),
          );
          const used = await taken(candidates);
          for (const v of candidates) if (!used.has(v) && out.size < n) out.add(v);
        }
        return [...out];
      };
      const indices = await fresh(
        () => randomIndex(deps.config.statusListSize, deps.random),
        async (v) =>
          new Set(
            (await trx.selectFrom('status_entries').select('idx').where('idx', 'in', v).execute()).map((r) =>
              Number(r.idx),
            ),
          ),
      );
      const numbers = await fresh(
        () => documentNumber(office.series, deps.random),
        async (v) =>
          new Set(
            (
              await trx
                .selectFrom('documents')
                .select('number_bx')
                .where(
                  'number_bx',
                  'in',
                  v.map((x) => documentNumberBeacon(deps.cipher, x)),
                )
                .execute()
            ).map((r) => v.find((x) => documentNumberBeacon(deps.cipher, x) === r.number_bx)!),
          ),
      );
      for (let i = start; i < start + n; i++) {
        const rare = i % 50 === 0; // one person in fifty has a name nobody else has
        const surname = rare ? rareSurname(i) : SURNAMES[i % SURNAMES.length]!;
        const givenNames = GIVEN[Math.floor(i / 8) % GIVEN.length]!;
        const birthDate = `19${50 + (i % 50)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
        const personalNumber = `${String(i).padStart(7, '0')}A001PB${i % 10}`;
        const applicant = {
          id: deps.ids(),
          office_id: office.id,
          surname,
          given_names: givenNames,
          patronymic: null,
          surname_latin: transliterateBelarusian(surname),
          given_names_latin: transliterateBelarusian(givenNames),
          latin_override: 0,
          sex: i % 2 ? 'M' : 'F',
          birth_date: birthDate,
          birth_place: 'Мінск',
          personal_number: personalNumber,
          search_key: '',
          ...applicantBeacons(deps.cipher, {
            office_id: office.id,
            birth_date: birthDate,
            personal_number: personalNumber,
          }),
          created_by: clerk.staffId,
          created_at: at,
        };
        // Sealed as the service seals them (services/store/), with their beacons: the bench measures that.
        rows.applicants.push(sealRow(deps.cipher, 'applicants', applicant));
        for (const term of termBeacons(deps.cipher, office.id, termsOf(applicant)))
          rows.terms.push({ office_id: office.id, term, applicant_id: applicant.id });
        audit(clerk, 'applicant.create', 'applicant', applicant.id);
        const record: Record<string, string> = {
          surname,
          givenNames,
          surnameLatin: applicant.surname_latin,
          givenNamesLatin: applicant.given_names_latin,
          birthDate,
          birthPlace: 'Мінск',
          sex: applicant.sex,
          personalNumber,
          number: numbers[i - start]!,
          issueDate: at.slice(0, 10),
          expiryDate: `${Number(at.slice(0, 4)) + 10}${at.slice(4, 10)}`,
        };
        const applicationId = deps.ids();
        rows.applications.push(
          sealRow(deps.cipher, 'applications', {
            id: applicationId,
            office_id: office.id,
            applicant_id: applicant.id,
            document_type: 'passport',
            data: JSON.stringify(record),
            state: 'issued',
            created_by: clerk.staffId,
            decided_by: approver.staffId,
            decision_reason: null,
            created_at: at,
            updated_at: at,
          }),
        );
        event(clerk, applicationId, null, 'create');
        audit(clerk, 'application.create', 'application', applicationId);
        event(clerk, applicationId, null, 'submitted');
        audit(clerk, 'application.submitted', 'application', applicationId);
        event(approver, applicationId, null, 'approved');
        audit(approver, 'application.approved', 'application', applicationId);
        const statusIndex = indices[i - start]!;
        const logIndex = c.log++;
        const signed = await signDocument(
          { type: 'passport', office: office.code, issuedAt: nowSec, statusIndex, logIndex, fields: record },
          signing.signer,
          deps.documentTypes,
        );
        const documentId = deps.ids();
        const revoked = i % 20 === 7; // one in twenty revoked
        rows.documents.push(
          sealRow(deps.cipher, 'documents', {
            id: documentId,
            office_id: office.id,
            application_id: applicationId,
            applicant_id: applicant.id,
            document_type: 'passport',
            number: record.number,
            status_index: statusIndex,
            kid: signing.key.kid,
            qr_text: signed.qrText,
            data: JSON.stringify(record),
            mrz: td3({
              documentCode: deps.config.passportDocumentCode,
              issuingState: deps.config.issuingState,
              nationality: 'BLR',
              surname: record.surnameLatin!,
              givenNames: record.givenNamesLatin!,
              number: record.number!,
              birthDate,
              sex: applicant.sex as 'F' | 'M',
              expiryDate: record.expiryDate!,
              personalNumber,
            }).join('\n'),
            state: revoked ? 'revoked' : 'issued',
            issued_at: at,
            issued_by: clerk.staffId,
            revoked_at: revoked ? at : null,
            revoked_by: revoked ? approver.staffId : null,
            revocation_reason: revoked ? 'lost' : null,
            superseded_by: null,
            personal_number: personalNumber,
            ...documentBeacons(deps.cipher, { number: record.number!, personal_number: personalNumber }),
          }),
        );
        rows.status.push({
          idx: statusIndex,
          document_id: documentId,
          revoked: revoked ? 1 : 0,
          allocated_at: at,
        });
        rows.leaves.push({ idx: logIndex, entry: signed.logEntry, document_id: documentId });
        event(clerk, applicationId, documentId, 'issue');
        audit(clerk, 'document.issue', 'document', documentId, {
          documentType: 'passport',
          kid: signing.key.kid,
        });
        if (revoked) {
          event(approver, applicationId, documentId, 'revoke');
          audit(approver, 'document.revoke', 'document', documentId, { reason: 'lost' });
        }
      }
      const put = async (table: string, list: any[], per: number) => {
        for (let k = 0; k < list.length; k += per)
          await (trx as Kysely<any>)
            .insertInto(table)
            .values(list.slice(k, k + per))
            .execute();
      };
      await put('applicants', rows.applicants, 200);
      await put('applicant_terms', rows.terms, 500);
      await put('applications', rows.applications, 200);
      await put('documents', rows.documents, 100);
      await put('status_entries', rows.status, 500);
      await put('log_leaves', rows.leaves, 500);
      await put('document_events', rows.events, 200);
      await put('audit_log', rows.audit, 200);
      await trx
        .updateTable('counters')
        .set({ value: c.audit.value, hash: c.audit.hash })
        .where('name', '=', 'audit')
        .execute();
      if (rows.status.some((s) => s.revoked))
        await trx
          .updateTable('counters')
          .set((eb) => ({ value: eb('value', '+', 1) }))
          .where('name', '=', 'status')
          .execute();
    });
  }
}
