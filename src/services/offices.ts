// Offices (People's Embassies) and staff accounts.

import type { Office, Role, Staff } from '../db/schema.js';
import { hashPassword } from '../crypto/password.js';
import { OFFICE_CODE } from '../core/payload.js';
import { AppError } from '../errors.js';
import { requireRole, requireSameOffice } from './access.js';
import { appendAudit } from './audit.js';
import { isoNow, type Actor, type Deps } from './deps.js';

const SERIES_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export async function createOffice(
  deps: Deps,
  actor: Actor | null,
  input: { code: string; name: string; country: string },
): Promise<Office> {
  if (actor) requireRole(actor, 'cabinet_admin');
  if (!OFFICE_CODE.test(input.code))
    throw new AppError('VALIDATION_FAILED', 'invalid office code', [
      { field: 'code', message: 'two capital letters, optionally a hyphen and 2-8 more (PL-WAW)' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('offices').select('id').where('code', '=', input.code).executeTakeFirst()) {
      throw new AppError('CONFLICT', `office ${input.code} exists`, [
        { field: 'code', message: 'already exists' },
      ]);
    }
    const used = new Set((await trx.selectFrom('offices').select('series').execute()).map((r) => r.series));
    const free: string[] = [];
    for (const a of SERIES_LETTERS) for (const b of SERIES_LETTERS) if (!used.has(a + b)) free.push(a + b);
    if (free.length === 0) throw new AppError('CONFLICT', 'no document number series left');
    const pick = deps.random(2);
    const office: Office = {
      id: deps.ids(),
      code: input.code,
      name: input.name,
      country: input.country,
      series: free[((pick[0]! << 8) | pick[1]!) % free.length]!,
      created_at: isoNow(deps.clock),
    };
    await trx.insertInto('offices').values(office).execute();
    await appendAudit(trx, deps, actor, {
      action: 'office.create',
      targetType: 'office',
      targetId: office.id,
      details: { code: office.code },
    });
    return office;
  });
}

export async function listOffices(deps: Deps, actor: Actor): Promise<Office[]> {
  let q = deps.db.selectFrom('offices').selectAll().orderBy('code');
  if (actor.role !== 'cabinet_admin') q = q.where('id', '=', actor.officeId ?? '');
  return q.execute();
}

export type PublicStaff = Omit<Staff, 'password_hash'>;

/** The account without its password hash; locked_until only while the lock lasts (the row keeps an old one). */
function publicStaff(s: Staff, now: number): PublicStaff {
  const { password_hash: _h, ...rest } = s;
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

/** Office admins manage their own office's staff (not cabinet admins); cabinet admins manage anyone. */
export async function createStaff(
  deps: Pick<Deps, 'db' | 'clock' | 'ids'>,
  actor: Actor | null,
  input: NewStaffInput,
): Promise<PublicStaff> {
  if (actor) {
    requireRole(actor, 'office_admin', 'cabinet_admin');
    if (actor.role === 'office_admin') {
      if (input.role === 'cabinet_admin')
        throw new AppError('FORBIDDEN', 'office admins cannot create cabinet admins');
      requireSameOffice(actor, input.officeId ?? undefined, 'office');
    }
  }
  if ((input.role === 'cabinet_admin') !== (input.officeId === null)) {
    throw new AppError('VALIDATION_FAILED', 'cabinet admins have no office; everyone else has one', [
      { field: 'officeId', message: 'does not fit the role' },
    ]);
  }
  if (input.password.length < 12)
    throw new AppError('VALIDATION_FAILED', 'password too short', [
      { field: 'password', message: 'at least 12 characters' },
    ]);
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
  };
  return deps.db.transaction().execute(async (trx) => {
    if (
      input.officeId &&
      !(await trx.selectFrom('offices').select('id').where('id', '=', input.officeId).executeTakeFirst())
    ) {
      throw new AppError('NOT_FOUND', 'office not found');
    }
    if (await trx.selectFrom('staff').select('id').where('username', '=', row.username).executeTakeFirst()) {
      throw new AppError('CONFLICT', 'username taken', [{ field: 'username', message: 'already taken' }]);
    }
    await trx.insertInto('staff').values(row).execute();
    await appendAudit(trx, deps, actor, {
      action: 'staff.create',
      targetType: 'staff',
      targetId: row.id,
      details: { role: row.role },
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

export async function updateStaff(
  deps: Deps,
  actor: Actor,
  staffId: string,
  patch: { role?: Role; disabled?: boolean; password?: string; unlock?: true },
): Promise<PublicStaff> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  if (staffId === actor.staffId && (patch.disabled || patch.role))
    throw new AppError('FORBIDDEN', 'you cannot change your own role or disable yourself');
  // One's own password changes only with the current one (PUT /api/v1/session/password): a stolen admin
  // session must not be enough to take the account over.
  if (staffId === actor.staffId && patch.password !== undefined)
    throw new AppError('FORBIDDEN', 'change your own password under your session, with the current one');
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  if (patch.password !== undefined && patch.password.length < 12)
    throw new AppError('VALIDATION_FAILED', 'password too short', [
      { field: 'password', message: 'at least 12 characters' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const staff = await trx.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
    if (!staff) throw new AppError('NOT_FOUND', 'staff member not found');
    if (actor.role === 'office_admin') {
      requireSameOffice(actor, staff.office_id ?? undefined, 'staff member');
      if (patch.role === 'cabinet_admin')
        throw new AppError('FORBIDDEN', 'office admins cannot create cabinet admins');
    }
    if (patch.role && (patch.role === 'cabinet_admin') !== (staff.office_id === null))
      throw new AppError('VALIDATION_FAILED', 'role does not fit the account', [
        { field: 'role', message: 'does not fit the account' },
      ]);
    const set: Partial<Staff> = {};
    if (patch.role) set.role = patch.role;
    if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
    if (passwordHash) set.password_hash = passwordHash;
    if (patch.unlock || passwordHash) {
      set.failed_logins = 0;
      set.locked_until = null;
    }
    if (Object.keys(set).length > 0)
      await trx.updateTable('staff').set(set).where('id', '=', staffId).execute();
    // Disabling or a new password ends every open session of the account.
    if (patch.disabled || passwordHash)
      await trx.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
    await appendAudit(trx, deps, actor, {
      action: 'staff.update',
      targetType: 'staff',
      targetId: staffId,
      details: {
        role: patch.role ?? null,
        disabled: patch.disabled ?? null,
        passwordChanged: passwordHash !== undefined,
        unlocked: patch.unlock === true || passwordHash !== undefined,
      },
    });
    return publicStaff({ ...staff, ...set }, deps.clock.now());
  });
}
