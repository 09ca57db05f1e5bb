// Staff accounts. What gives an account power (a new account, a role, re-enabling, another person's password)
// takes two administrators (services/staff/staff-requests.ts); what only takes power away (disabling, lifting a
// lockout, which reveals nothing) takes one. Accounts are created directly only by the service itself: the
// development accounts, and `nbr staff add` for the founding cabinet admins (cli/commands/db.ts).

import type { Kysely } from 'kysely';
import type { Database, Role, Staff } from '../../db/schema.js';
import { hashPassword } from '../../crypto/password.js';
import { AppError } from '../../errors.js';
import { requireRole, requireSameOffice } from '../access.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';

export type PublicStaff = Omit<Staff, 'password_hash' | 'failed_logins'>;

/**
 * The account without its password hash and without its count of wrong passwords (an admin who could watch
 * the count could keep a guesser just under the lock, issue 21); locked_until only while the lock lasts (the
 * row keeps an old one).
 */
export function publicStaff(s: Staff, now: number): PublicStaff {
  const { password_hash: _h, failed_logins: _f, ...rest } = s;
  return {
    ...rest,
    locked_until: s.locked_until !== null && Date.parse(s.locked_until) > now ? s.locked_until : null,
  };
}

export interface NewStaffInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  officeId: string | null;
}

export const MIN_PASSWORD = 12;

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD)
    throw new AppError('VALIDATION_FAILED', 'password too short', [
      {
        field: 'password',
        code: 'TOO_SHORT',
        message: `at least ${MIN_PASSWORD} characters`,
        params: { min: MIN_PASSWORD },
      },
    ]);
}

export function checkRoleFitsOffice(role: Role, officeId: string | null, field = 'officeId'): void {
  if ((role === 'cabinet_admin') !== (officeId === null))
    throw new AppError('VALIDATION_FAILED', 'cabinet admins have no office; everyone else has one', [
      { field, code: 'OFFICE_FOR_ROLE', message: 'does not fit the role' },
    ]);
}

/**
 * May the actor manage accounts of this office and role at all? Office admins manage their own office's
 * staff (cabinet admins excepted); cabinet admins manage anyone. Another office's accounts do not exist for
 * an office admin (404).
 */
export function requireManager(actor: Actor, officeId: string | null, role: Role | null): void {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  if (actor.role !== 'office_admin') return;
  if (role === 'cabinet_admin') throw new AppError('FORBIDDEN', 'office admins cannot create cabinet admins');
  requireSameOffice(actor, officeId ?? undefined, 'staff member');
}

/** Refuses a username held by an account or by an account waiting for confirmation. */
export async function requireFreeUsername(trx: Kysely<Database>, username: string): Promise<void> {
  const taken =
    (await trx.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst()) ??
    (await trx
      .selectFrom('staff_requests')
      .select('id')
      .where('username', '=', username)
      .where('state', '=', 'pending')
      .executeTakeFirst());
  if (taken)
    throw new AppError('CONFLICT', 'username taken', [
      { field: 'username', code: 'TAKEN', message: 'already taken' },
    ]);
}

export async function requireOffice(trx: Kysely<Database>, officeId: string | null): Promise<void> {
  if (
    officeId &&
    !(await trx.selectFrom('offices').select('id').where('id', '=', officeId).executeTakeFirst())
  )
    throw new AppError('NOT_FOUND', 'office not found');
}

/**
 * Creates an account at once, without a second person: only for the service itself (development accounts,
 * the founding cabinet admins through `nbr staff add`, tests). Audited with `via`.
 */
export async function createAccountDirectly(
  deps: Pick<Deps, 'db' | 'clock' | 'ids'>,
  input: NewStaffInput,
  via = 'service',
): Promise<PublicStaff> {
  checkRoleFitsOffice(input.role, input.officeId);
  checkPassword(input.password);
  const row: Staff = {
    id: deps.ids(),
    office_id: input.officeId,
    username: input.username.toLowerCase(),
    display_name: input.displayName,
    password_hash: await hashPassword(input.password),
    role: input.role,
    disabled: 0,
    created_at: isoNow(deps.clock),
    failed_logins: 0,
    locked_until: null,
    activation_expires_at: null,
  };
  return deps.db.transaction().execute(async (trx) => {
    await requireOffice(trx, input.officeId);
    await requireFreeUsername(trx, row.username);
    await trx.insertInto('staff').values(row).execute();
    await appendAudit(trx, deps, null, {
      action: 'staff.create',
      targetType: 'staff',
      targetId: row.id,
      details: { role: row.role, via },
    });
    return publicStaff(row, deps.clock.now());
  });
}

export async function listStaff(deps: Deps, actor: Actor, officeId?: string): Promise<PublicStaff[]> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  let q = deps.db.selectFrom('staff').selectAll().orderBy('username');
  if (actor.role === 'office_admin') q = q.where('office_id', '=', actor.officeId!);
  else if (officeId) q = q.where('office_id', '=', officeId);
  const now = deps.clock.now();
  return (await q.execute()).map((s) => publicStaff(s, now));
}

export async function staffOfManager(trx: Kysely<Database>, actor: Actor, staffId: string): Promise<Staff> {
  const staff = await trx.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!staff) throw new AppError('NOT_FOUND', 'staff member not found');
  requireManager(actor, staff.office_id, null);
  return staff;
}

/**
 * The changes one administrator makes alone, because they only take power away: disabling an account (its
 * sessions end) and lifting a lockout (the password is still needed).
 */
export async function restrictStaff(
  deps: Deps,
  actor: Actor,
  staffId: string,
  patch: { disabled?: true; unlock?: true },
): Promise<PublicStaff> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  if (staffId === actor.staffId && patch.disabled)
    throw new AppError('FORBIDDEN', 'you cannot disable yourself');
  return deps.db.transaction().execute(async (trx) => {
    const staff = await staffOfManager(trx, actor, staffId);
    const set: Partial<Staff> = {};
    if (patch.disabled) set.disabled = 1;
    if (patch.unlock) {
      // Only a lock is lifted. Resetting the count of an account that is not locked would let an admin reset
      // it between rounds of guesses for ever (issue 21); a lock already set the count back to 0.
      if (staff.locked_until === null || Date.parse(staff.locked_until) <= deps.clock.now())
        throw new AppError('INVALID_STATE', 'the account is not locked');
      set.locked_until = null;
    }
    if (Object.keys(set).length > 0)
      await trx.updateTable('staff').set(set).where('id', '=', staffId).execute();
    if (patch.disabled) await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
    await appendAudit(trx, deps, actor, {
      action: 'staff.update',
      targetType: 'staff',
      targetId: staffId,
      details: { disabled: patch.disabled ?? null, unlocked: patch.unlock === true },
    });
    return publicStaff({ ...staff, ...set }, deps.clock.now());
  });
}
