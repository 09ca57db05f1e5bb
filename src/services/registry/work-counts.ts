// What waits for the person logged in (issue 24, item 9): counts for the console's menu, never records. An
// approver's approval queue and the revocations another person asked for; an admin's account changes they can
// confirm. Counted by indexed statements (applications_office_state_idx, revocation_requests_office_state_idx).

import { listStaffRequests } from '../staff/staff-requests.js';
import type { Actor, Deps } from '../deps.js';

export interface WorkCounts {
  /** Submitted applications of the office (approvers). */
  queue?: number;
  /** Revocations of the office waiting for a second person other than the one who asked (approvers, office admins). */
  revocations?: number;
  /** Account changes this admin may confirm (office and cabinet admins). */
  staffRequests?: number;
}

export async function workCounts(deps: Deps, actor: Actor): Promise<WorkCounts> {
  const out: WorkCounts = {};
  const office = actor.officeId ?? '';
  if (actor.role === 'approver') {
    const row = await deps.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_id', '=', office)
      .where('state', '=', 'submitted')
      .executeTakeFirstOrThrow();
    out.queue = Number(row.n);
  }
  if (actor.role === 'approver' || actor.role === 'office_admin') {
    const row = await deps.db
      .selectFrom('revocation_requests')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('office_id', '=', office)
      .where('state', '=', 'pending')
      .where('requested_by', '!=', actor.staffId)
      .executeTakeFirstOrThrow();
    out.revocations = Number(row.n);
  }
  if (actor.role === 'office_admin' || actor.role === 'cabinet_admin')
    out.staffRequests = (await listStaffRequests(deps, actor)).filter((r) => r.canConfirm).length;
  return out;
}
