// One person, two embassies: offices cannot see each other's records (by design), so a person registered at
// two People's Embassies could hold two valid passports, one from each. The Cabinet, which oversees every
// office, gets the list of personal numbers held by valid passports at more than one office. Ids and office
// codes only: the cabinet admin opens the records through the offices concerned. The personal number is the
// one each passport was issued with (documents.personal_number, from its signed record): correcting or
// clearing it in the applicant record afterwards does not hide the second passport (issue 10).

import { openRow } from '../store/row-codec.js';
import { requireRole } from '../access.js';
import type { Actor, Deps } from '../deps.js';

export interface CrossOfficeHolder {
  /** Valid (issued, not revoked) passports of this personal number, one line per document. */
  documents: { documentId: string; applicantId: string; office: string; number: string; issuedAt: string }[];
}

export async function crossOfficePassports(
  deps: Pick<Deps, 'db' | 'cipher'>,
  actor: Actor,
): Promise<CrossOfficeHolder[]> {
  requireRole(actor, 'cabinet_admin');
  const rows = await deps.db
    .selectFrom('documents')
    .innerJoin('offices', 'offices.id', 'documents.office_id')
    .select([
      'documents.id as documentId',
      'documents.applicant_id as applicantId',
      'offices.code as office',
      'documents.number',
      'documents.issued_at as issuedAt',
      'documents.personal_number as personalNumber',
      'documents.office_id as officeId',
    ])
    .where('documents.document_type', '=', 'passport')
    .where('documents.state', '=', 'issued')
    .where('documents.personal_number_bx', 'is not', null)
    // Grouped by the registry-wide beacon of the number (services/store/beacons.ts), then by the opened
    // number itself: the database compares beacons, never numbers.
    .where('documents.personal_number_bx', 'in', (eb) =>
      eb
        .selectFrom('documents as d')
        .select('d.personal_number_bx')
        .where('d.document_type', '=', 'passport')
        .where('d.state', '=', 'issued')
        .where('d.personal_number_bx', 'is not', null)
        .groupBy('d.personal_number_bx')
        .having((h) => h.fn.count('d.office_id').distinct(), '>', 1),
    )
    .orderBy('documents.personal_number_bx')
    .orderBy('documents.issued_at')
    .execute();
  const opened = rows.map((r) => {
    const o = openRow(
      deps.cipher,
      'documents',
      { number: r.number, personal_number: r.personalNumber },
      r.documentId,
    );
    return { ...r, number: o.number, personalNumber: o.personal_number };
  });
  const offices = new Map<string, Set<string>>();
  for (const r of opened)
    offices.set(r.personalNumber!, (offices.get(r.personalNumber!) ?? new Set()).add(r.officeId));
  const groups = new Map<string, CrossOfficeHolder>();
  for (const r of opened) {
    if ((offices.get(r.personalNumber!)?.size ?? 0) < 2) continue;
    const g = groups.get(r.personalNumber!) ?? { documents: [] };
    g.documents.push({
      documentId: r.documentId,
      applicantId: r.applicantId,
      office: r.office,
      number: r.number,
      issuedAt: r.issuedAt,
    });
    groups.set(r.personalNumber!, g);
  }
  return [...groups.values()];
}
