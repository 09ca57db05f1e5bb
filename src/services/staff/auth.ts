// Staff authentication: password login to a cookie session (with a CSRF token) or to an API token.
// Only SHA-256 of a bearer secret is stored, so a database leak does not hand out sessions.

import { createHash } from 'node:crypto';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../crypto/password.js';
import { AppError } from '../../errors.js';
import type { Staff } from '../../db/schema.js';
import { appendAudit } from '../audit.js';
import type { Actor, Deps } from '../deps.js';

export const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');

function secret(deps: Deps, prefix: string): string {
  return `${prefix}${Buffer.from(deps.random(32)).toString('base64url')}`;
}

export interface LoginResult {
  token: string;
  csrfToken: string | null;
  expiresAt: string;
  staff: Staff;
  officeCode: string | null;
}

/** One answer for every refusal, so that it tells nobody whether an account exists, is disabled or locked. */
export const LOGIN_REFUSED =
  'wrong username or password (after repeated failures an account is locked for a while)';

const isLocked = (staff: Pick<Staff, 'locked_until'>, now: number) =>
  staff.locked_until !== null && Date.parse(staff.locked_until) > now;

/**
 * Counts a wrong password against the account of that name and locks the account once the count reaches
 * config.loginLockAfter. The update runs by username whether or not the account exists (it then changes
 * nothing), so that unknown names cost the same statement as known ones. Attempts during a lock are not
 * counted: they cannot succeed, and counting them would let a guesser keep an account locked for ever.
 */
async function recordFailure(deps: Deps, username: string, now: number): Promise<void> {
  const nowIso = new Date(now).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('staff')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('username', '=', username)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
      .returning(['id', 'failed_logins'])
      .executeTakeFirst();
    if (!row || Number(row.failed_logins) < deps.config.loginLockAfter) return;
    const until = new Date(now + deps.config.loginLockMinutes * 60_000).toISOString();
    await trx
      .updateTable('staff')
      .set({ failed_logins: 0, locked_until: until })
      .where('id', '=', row.id)
      .execute();
    await appendAudit(trx, deps, null, {
      action: 'staff.locked',
      targetType: 'staff',
      targetId: row.id,
      details: { until, failures: Number(row.failed_logins) },
    });
  });
}

/**
 * @throws {AppError} UNAUTHENTICATED with one message for unknown user, wrong password, disabled and locked
 * account. The password hash is checked in every case, so the answer takes the same time.
 */
export async function login(
  deps: Deps,
  username: string,
  password: string,
  kind: 'session' | 'api',
  label?: string,
): Promise<LoginResult> {
  const name = username.toLowerCase();
  const staff = await deps.db.selectFrom('staff').selectAll().where('username', '=', name).executeTakeFirst();
  const ok = await verifyPassword(password, staff?.password_hash ?? DUMMY_HASH);
  const now = deps.clock.now();
  if (!ok) await recordFailure(deps, name, now);
  if (!staff || !ok || staff.disabled || isLocked(staff, now))
    throw new AppError('UNAUTHENTICATED', LOGIN_REFUSED);
  // An activation code (services/staff/activation.ts) opens a console session for setting a password, nothing
  // else: no API token, and not after it has expired.
  if (
    staff.activation_expires_at !== null &&
    (kind === 'api' || Date.parse(staff.activation_expires_at) <= now)
  )
    throw new AppError('UNAUTHENTICATED', LOGIN_REFUSED);
  const token = secret(deps, kind === 'api' ? 'nbr_' : '');
  const csrfToken = kind === 'session' ? Buffer.from(deps.random(24)).toString('base64url') : null;
  const lifetime = kind === 'session' ? deps.config.sessionMaxHours * 3600_000 : 90 * 86_400_000;
  const expiresAt = new Date(now + lifetime).toISOString();
  const office = staff.office_id
    ? await deps.db.selectFrom('offices').select('code').where('id', '=', staff.office_id).executeTakeFirst()
    : undefined;
  await deps.db.transaction().execute(async (trx) => {
    if (staff.failed_logins !== 0 || staff.locked_until !== null) {
      await trx
        .updateTable('staff')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', staff.id)
        .execute();
    }
    await trx
      .insertInto('sessions')
      .values({
        id: sha256hex(token),
        staff_id: staff.id,
        kind,
        label: label ?? null,
        csrf_token: csrfToken,
        created_at: new Date(now).toISOString(),
        expires_at: expiresAt,
        last_seen_at: new Date(now).toISOString(),
      })
      .execute();
    await appendAudit(
      trx,
      deps,
      { staffId: staff.id, role: staff.role, officeId: staff.office_id, officeCode: office?.code ?? null },
      { action: kind === 'api' ? 'token.create' : 'session.login' },
    );
  });
  return { token, csrfToken, expiresAt, staff, officeCode: office?.code ?? null };
}

export interface Authenticated {
  actor: Actor;
  kind: 'session' | 'api';
  csrfToken: string | null;
  sessionId: string;
  displayName: string;
  username: string;
  /** Logged in with a one-time activation code: the only thing this session may do is set a password. */
  mustSetPassword: boolean;
}

/** Resolves a bearer secret (cookie or Authorization header); expired, idle or disabled means undefined. */
export async function authenticate(deps: Deps, token: string): Promise<Authenticated | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const id = sha256hex(token);
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .leftJoin('offices', 'offices.id', 'staff.office_id')
    .select([
      'sessions.id',
      'sessions.kind',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'staff.id as staff_id',
      'staff.role',
      'staff.office_id',
      'staff.disabled',
      'staff.display_name',
      'staff.username',
      'staff.activation_expires_at',
      'offices.code as office_code',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  const now = deps.clock.now();
  const idleLimit = deps.config.sessionIdleMinutes * 60_000;
  if (
    Date.parse(row.expires_at) <= now ||
    (row.kind === 'session' && Date.parse(row.last_seen_at) + idleLimit <= now)
  ) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return {
    actor: {
      staffId: row.staff_id,
      role: row.role,
      officeId: row.office_id,
      officeCode: row.office_code ?? null,
    },
    kind: row.kind,
    csrfToken: row.csrf_token,
    sessionId: id,
    displayName: row.display_name,
    username: row.username,
    mustSetPassword: row.activation_expires_at !== null,
  };
}

export async function logout(deps: Deps, auth: Authenticated): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    await appendAudit(trx, deps, auth.actor, { action: 'session.logout' });
  });
}

/**
 * Deletes sessions and tokens past their end or idle limit. authenticate() removes one when it is next
 * presented, but most are never presented again; without this the table would keep every login's row (who,
 * when) for ever. Returns how many rows went.
 */
export async function purgeExpiredSessions(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<number> {
  const now = deps.clock.now();
  const idleSince = new Date(now - deps.config.sessionIdleMinutes * 60_000).toISOString();
  const result = await deps.db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', new Date(now).toISOString()),
        eb.and([eb('kind', '=', 'session'), eb('last_seen_at', '<=', idleSince)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * A staff member changes their own password. The current one is asked again (a session left open on a desk
 * must not be enough), wrong answers count towards the account lock like wrong logins, and every other
 * session and API token of the account ends: whoever else held one no longer does. After an activation code
 * (services/staff/activation.ts), the code is the current password, and this ends the activation.
 */
export async function changeOwnPassword(
  deps: Deps,
  auth: Authenticated,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const staff = await deps.db
    .selectFrom('staff')
    .select(['password_hash'])
    .where('id', '=', auth.actor.staffId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(currentPassword, staff.password_hash))) {
    await recordFailure(deps, auth.username, deps.clock.now());
    throw new AppError('VALIDATION_FAILED', 'the current password is wrong', [
      { field: 'currentPassword', code: 'WRONG_PASSWORD', message: 'wrong password' },
    ]);
  }
  if (newPassword === currentPassword)
    throw new AppError('VALIDATION_FAILED', 'choose a new password', [
      { field: 'newPassword', code: 'SAME_PASSWORD', message: 'same as the current one' },
    ]);
  const hash = await hashPassword(newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('staff')
      .set({ password_hash: hash, failed_logins: 0, locked_until: null, activation_expires_at: null })
      .where('id', '=', auth.actor.staffId)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('staff_id', '=', auth.actor.staffId)
      .where('id', '!=', auth.sessionId)
      .execute();
    await appendAudit(trx, deps, auth.actor, {
      action: 'staff.password',
      targetType: 'staff',
      targetId: auth.actor.staffId,
    });
  });
}

export interface SessionView {
  /** SHA-256 of the secret: names the row without revealing anything usable. */
  id: string;
  kind: 'session' | 'api';
  label: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/** One's own open sessions and API tokens, so that a forgotten or leaked one can be ended. */
export async function listOwnSessions(deps: Pick<Deps, 'db'>, auth: Authenticated): Promise<SessionView[]> {
  const rows = await deps.db
    .selectFrom('sessions')
    .selectAll()
    .where('staff_id', '=', auth.actor.staffId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((s) => ({
    id: s.id,
    kind: s.kind,
    label: s.label,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    current: s.id === auth.sessionId,
  }));
}

/** Ends one of one's own sessions or tokens; another account's is "not found", like any record one may not see. */
export async function endOwnSession(deps: Deps, auth: Authenticated, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('sessions')
      .where('id', '=', id)
      .where('staff_id', '=', auth.actor.staffId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1)
      throw new AppError('NOT_FOUND', 'no such session or token of yours');
    await appendAudit(trx, deps, auth.actor, {
      action: 'token.revoke',
      targetType: 'staff',
      targetId: auth.actor.staffId,
    });
  });
}
