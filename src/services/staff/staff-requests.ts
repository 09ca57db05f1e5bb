// Privileged account changes take two administrators (issue 10: one office admin could create a clerk and an
// approver account, or reset the approver's password, log in as both and issue alone). Creating an account,
// granting or changing a role, re-enabling an account and resetting another person's password are requests;
// they take effect only when a second administrator confirms: another office admin of the account's office,
// or a cabinet admin (accounts of cabinet admins: another cabinet admin). Until then the new account does not
// exist and an existing one keeps its role, state and password. Nobody decides a request they made or one
// about their own account; a request not decided within REQUEST_TTL_MS lapses. Nobody chooses another
// person's password either: a new or reset account gets a one-time activation code, shown to the confirming
// administrator only, with which the owner sets their own password at first login (services/staff/activation.ts).

import type { Kysely, Transaction } from 'kysely';
import type { Database, Role, Staff, StaffRequestTable } from '../../db/schema.js';
import { newActivation } from './activation.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../access.js';
import { appendAudit, lockAuditHead } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';
import {
  checkRoleFitsOffice,
  publicStaff,
  requireFreeUsername,
  requireManager,
  requireOffice,
  staffOfManager,
  type NewStaffInput,
  type PublicStaff,
} from './staff.js';

/** A week: long enough for an embassy with one admin to reach the Cabinet, short enough not to be forgotten. */
export const REQUEST_TTL_MS = 7 * 24 * 3600_000;

export interface StaffChange {
  role?: Role;
  /** Re-enable a disabled account. */
  enable?: true;
  /** A new one-time activation code in place of the password (the owner forgot it). */
  resetPassword?: true;
}

export interface StaffRequestView {
  id: string;
  kind: StaffRequestTable['kind'];
  state: StaffRequestTable['state'] | 'expired';
  staffId: string;
  officeId: string | null;
  /** The account's username and name (for 'create': the ones it will get). */
  username: string;
  displayName: string;
  /** Its role now (null for an account not yet created) and the role asked for (null: unchanged). */
  currentRole: Role | null;
  role: Role | null;
  enable: boolean;
  passwordReset: boolean;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

const expiresAt = (r: Pick<StaffRequestTable, 'requested_at'>) =>
  new Date(Date.parse(r.requested_at) + REQUEST_TTL_MS).toISOString();

function view(
  r: StaffRequestTable,
  account: Pick<Staff, 'username' | 'display_name' | 'role'> | undefined,
  requester: string,
  now: number,
): StaffRequestView {
  const lapsed = r.state === 'pending' && Date.parse(expiresAt(r)) <= now;
  return {
    id: r.id,
    kind: r.kind,
    state: lapsed ? 'expired' : r.state,
    staffId: r.staff_id,
    officeId: r.office_id,
    username: r.username ?? account?.username ?? '',
    displayName: r.display_name ?? account?.display_name ?? '',
    currentRole: r.kind === 'create' ? null : (account?.role ?? null),
    role: r.role,
    enable: r.enable === 1,
    passwordReset: r.kind === 'change' && (r.reset_password === 1 || r.password_hash !== null),
    requestedBy: r.requested_by,
    requestedByName: requester,
    requestedAt: r.requested_at,
    expiresAt: expiresAt(r),
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  };
}

async function displayName(trx: Kysely<Database>, staffId: string): Promise<string> {
  const row = await trx
    .selectFrom('staff')
    .select('display_name')
    .where('id', '=', staffId)
    .executeTakeFirst();
  return row?.display_name ?? '';
}

async function insertRequest(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  row: StaffRequestTable,
  account: Staff | undefined,
): Promise<StaffRequestView> {
  await trx.insertInto('staff_requests').values(row).execute();
  await appendAudit(trx, deps, actor, {
    action: `staff.${row.kind}.request`,
    targetType: 'staff',
    targetId: row.staff_id,
    details: {
      request: row.id,
      role: row.role,
      enable: row.enable === 1,
      passwordReset: row.reset_password === 1,
    },
  });
  return view(row, account, await displayName(trx, actor.staffId), deps.clock.now());
}

function pendingRow(deps: Deps, actor: Actor, fields: Partial<StaffRequestTable>): StaffRequestTable {
  return {
    id: deps.ids(),
    kind: 'change',
    staff_id: '',
    office_id: null,
    username: null,
    display_name: null,
    role: null,
    enable: null,
    password_hash: null,
    reset_password: 0,
    state: 'pending',
    requested_by: actor.staffId,
    requested_at: isoNow(deps.clock),
    decided_by: null,
    decided_at: null,
    ...fields,
  };
}

/** Asks for a new account. It is created when a second administrator confirms. */
export async function requestNewStaff(
  deps: Deps,
  actor: Actor,
  input: Omit<NewStaffInput, 'password'>,
): Promise<StaffRequestView> {
  requireManager(actor, input.officeId, input.role);
  checkRoleFitsOffice(input.role, input.officeId);
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx); // lock order: audit head first (services/audit.ts); also serialises usernames
    await requireOffice(trx, input.officeId);
    const username = input.username.toLowerCase();
    await requireFreeUsername(trx, username);
    const row = pendingRow(deps, actor, {
      kind: 'create',
      staff_id: deps.ids(),
      office_id: input.officeId,
      username,
      display_name: input.displayName,
      role: input.role,
    });
    return insertRequest(trx, deps, actor, row, undefined);
  });
}

/** Asks for a role change, re-enabling or a password reset of another person's account. */
export async function requestStaffChange(
  deps: Deps,
  actor: Actor,
  staffId: string,
  change: StaffChange,
): Promise<StaffRequestView> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  if (staffId === actor.staffId) {
    if (change.resetPassword)
      throw new AppError('FORBIDDEN', 'change your own password under your session, with the current one');
    throw new AppError('FORBIDDEN', 'you cannot change your own role or re-enable yourself');
  }
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx);
    const staff = await staffOfManager(trx, actor, staffId);
    if (change.role !== undefined) {
      requireManager(actor, staff.office_id, change.role);
      checkRoleFitsOffice(change.role, staff.office_id, 'role');
      if (change.role === staff.role)
        throw new AppError('VALIDATION_FAILED', 'the account already has this role', [
          { field: 'role', code: 'UNCHANGED', message: 'unchanged' },
        ]);
    }
    if (change.enable && !staff.disabled) throw new AppError('INVALID_STATE', 'the account is not disabled');
    const open = await trx
      .selectFrom('staff_requests')
      .select('id')
      .where('staff_id', '=', staffId)
      .where('state', '=', 'pending')
      .where('requested_at', '>', new Date(deps.clock.now() - REQUEST_TTL_MS).toISOString())
      .executeTakeFirst();
    if (open) throw new AppError('CONFLICT', 'a change of this account is already waiting for confirmation');
    const row = pendingRow(deps, actor, {
      staff_id: staffId,
      office_id: staff.office_id,
      role: change.role ?? null,
      enable: change.enable ? 1 : null,
      reset_password: change.resetPassword ? 1 : 0,
    });
    return insertRequest(trx, deps, actor, row, staff);
  });
}

/** Who may decide: an admin who could manage the account, other than the requester and the account itself. */
function requireDecider(actor: Actor, req: StaffRequestTable, decision: 'confirm' | 'refuse'): void {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  const cabinetAccount = req.role === 'cabinet_admin' || req.office_id === null;
  if (actor.role === 'office_admin' && (req.office_id !== actor.officeId || cabinetAccount))
    throw new AppError('NOT_FOUND', 'staff request not found');
  if (decision === 'refuse' && req.requested_by === actor.staffId) return; // withdrawing one's own request
  if (req.requested_by === actor.staffId)
    throw new AppError(
      'TWO_PERSON_RULE',
      'you asked for this change, so another administrator must confirm it',
    );
  if (req.staff_id === actor.staffId)
    throw new AppError(
      'TWO_PERSON_RULE',
      'a change of your own account is confirmed by another administrator',
    );
}

/**
 * The second step. Confirm applies the request in the same transaction (a new account is created; a password
 * reset ends the account's sessions and lifts a lockout). Refuse by anyone else refuses it; by the requester
 * it withdraws it.
 */
export async function decideStaffRequest(
  deps: Deps,
  actor: Actor,
  requestId: string,
  decision: 'confirm' | 'refuse',
): Promise<{ request: StaffRequestView; staff?: PublicStaff; activationCode?: string }> {
  // Made before the transaction (scrypt is slow), used only if the request turns out to need it.
  const activation = decision === 'confirm' ? await newActivation(deps) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    await lockAuditHead(trx);
    const req = await trx
      .selectFrom('staff_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!req) throw new AppError('NOT_FOUND', 'staff request not found');
    requireDecider(actor, req, decision);
    const now = deps.clock.now();
    if (req.state !== 'pending') throw new AppError('INVALID_STATE', `the request is already ${req.state}`);
    if (decision === 'confirm' && Date.parse(expiresAt(req)) <= now)
      throw new AppError('INVALID_STATE', 'the request expired: ask again');
    const state: StaffRequestTable['state'] =
      decision === 'confirm' ? 'confirmed' : req.requested_by === actor.staffId ? 'withdrawn' : 'refused';
    const set = { state, decided_by: actor.staffId, decided_at: isoNow(deps.clock), password_hash: null };
    const moved = await trx
      .updateTable('staff_requests')
      .set(set)
      .where('id', '=', requestId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw new AppError('CONFLICT', 'the request was decided meanwhile');
    let account = await trx.selectFrom('staff').selectAll().where('id', '=', req.staff_id).executeTakeFirst();
    const requester = await displayName(trx, req.requested_by);
    const decided = (a: typeof account) =>
      view({ ...req, ...set, password_hash: req.password_hash }, a, requester, now);
    if (decision === 'refuse') {
      await appendAudit(trx, deps, actor, {
        action: `staff.${req.kind}.${state === 'withdrawn' ? 'withdraw' : 'refuse'}`,
        targetType: 'staff',
        targetId: req.staff_id,
        details: { request: req.id },
      });
      return { request: decided(account) };
    }
    const resets = req.kind === 'create' || req.reset_password === 1 || req.password_hash !== null;
    if (req.kind === 'create') {
      await requireOffice(trx, req.office_id);
      const created: Staff = {
        id: req.staff_id,
        office_id: req.office_id,
        username: req.username!,
        display_name: req.display_name!,
        password_hash: activation!.hash,
        role: req.role!,
        disabled: 0,
        created_at: isoNow(deps.clock),
        failed_logins: 0,
        locked_until: null,
        activation_expires_at: activation!.expiresAt,
      };
      await trx.insertInto('staff').values(created).execute();
      account = created;
    } else {
      if (!account) throw new AppError('NOT_FOUND', 'staff member not found');
      const change: Partial<Staff> = {};
      if (req.role) change.role = req.role;
      if (req.enable === 1) change.disabled = 0;
      if (resets) {
        change.password_hash = activation!.hash;
        change.activation_expires_at = activation!.expiresAt;
        change.failed_logins = 0;
        change.locked_until = null;
      }
      await trx.updateTable('staff').set(change).where('id', '=', req.staff_id).execute();
      // A new password or role: the account's open sessions end, so that it logs in again under the new terms.
      await trx.deleteFrom('sessions').where('staff_id', '=', req.staff_id).execute();
      account = { ...account, ...change };
    }
    await appendAudit(trx, deps, actor, {
      action: req.kind === 'create' ? 'staff.create' : 'staff.update',
      targetType: 'staff',
      targetId: req.staff_id,
      details: {
        request: req.id,
        requestedBy: req.requested_by,
        role: req.role,
        enable: req.enable === 1,
        passwordReset: req.kind === 'change' && resets,
      },
    });
    return {
      request: decided(account),
      staff: publicStaff(account, now),
      // Shown once, to the confirming administrator, who hands it to the owner (never to the requester).
      ...(resets ? { activationCode: activation!.code } : {}),
    };
  });
}

/**
 * Pending requests the actor can see: an office admin those of their office (not about cabinet admins); a
 * cabinet admin all. Each says whether the actor may confirm it (not their own, not about themselves).
 */
export async function listStaffRequests(
  deps: Deps,
  actor: Actor,
): Promise<(StaffRequestView & { canConfirm: boolean })[]> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  const now = deps.clock.now();
  let q = deps.db
    .selectFrom('staff_requests')
    .innerJoin('staff as requester', 'requester.id', 'staff_requests.requested_by')
    .leftJoin('staff as account', 'account.id', 'staff_requests.staff_id')
    .selectAll('staff_requests')
    .select([
      'requester.display_name as requester_name',
      'account.username as account_username',
      'account.display_name as account_name',
      'account.role as account_role',
    ])
    .where('staff_requests.state', '=', 'pending')
    .where('staff_requests.requested_at', '>', new Date(now - REQUEST_TTL_MS).toISOString())
    .orderBy('staff_requests.requested_at', 'desc')
    .limit(200);
  if (actor.role === 'office_admin')
    q = q
      .where('staff_requests.office_id', '=', actor.officeId ?? '')
      .where((eb) =>
        eb.or([eb('staff_requests.role', 'is', null), eb('staff_requests.role', '!=', 'cabinet_admin')]),
      );
  const rows = await q.execute();
  return rows.map((r) => {
    const account =
      r.account_username !== null
        ? { username: r.account_username, display_name: r.account_name!, role: r.account_role! }
        : undefined;
    return {
      ...view(r, account, r.requester_name, now),
      canConfirm: r.requested_by !== actor.staffId && r.staff_id !== actor.staffId,
    };
  });
}
