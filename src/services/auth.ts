// Staff authentication: password login to a cookie session (with a CSRF token) or to an API token.
// Only SHA-256 of a bearer secret is stored, so a database leak does not hand out sessions.

import { createHash } from 'node:crypto';
import { DUMMY_HASH, verifyPassword } from '../crypto/password.js';
import { AppError } from '../errors.js';
import type { Staff } from '../db/schema.js';
import { appendAudit } from './audit.js';
import type { Actor, Deps } from './deps.js';

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

/** @throws {AppError} UNAUTHENTICATED with one message for unknown user, wrong password and disabled account. */
export async function login(deps: Deps, username: string, password: string, kind: 'session' | 'api', label?: string): Promise<LoginResult> {
  const staff = await deps.db.selectFrom('staff').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  const ok = await verifyPassword(password, staff?.password_hash ?? DUMMY_HASH);
  if (!staff || !ok || staff.disabled) throw new AppError('UNAUTHENTICATED', 'wrong username or password');
  const now = deps.clock.now();
  const token = secret(deps, kind === 'api' ? 'nbr_' : '');
  const csrfToken = kind === 'session' ? Buffer.from(deps.random(24)).toString('base64url') : null;
  const lifetime = kind === 'session' ? deps.config.sessionMaxHours * 3600_000 : 90 * 86_400_000;
  const expiresAt = new Date(now + lifetime).toISOString();
  const office = staff.office_id ? await deps.db.selectFrom('offices').select('code').where('id', '=', staff.office_id).executeTakeFirst() : undefined;
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('sessions').values({
      id: sha256hex(token), staff_id: staff.id, kind, label: label ?? null, csrf_token: csrfToken,
      created_at: new Date(now).toISOString(), expires_at: expiresAt, last_seen_at: new Date(now).toISOString(),
    }).execute();
    await appendAudit(trx, deps, { staffId: staff.id, role: staff.role, officeId: staff.office_id, officeCode: office?.code ?? null }, { action: kind === 'api' ? 'token.create' : 'session.login' });
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
}

/** Resolves a bearer secret (cookie or Authorization header); expired, idle or disabled means undefined. */
export async function authenticate(deps: Deps, token: string): Promise<Authenticated | undefined> {
  if (token.length < 20 || token.length > 200) return undefined;
  const id = sha256hex(token);
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('staff', 'staff.id', 'sessions.staff_id')
    .leftJoin('offices', 'offices.id', 'staff.office_id')
    .select(['sessions.id', 'sessions.kind', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'staff.id as staff_id', 'staff.role', 'staff.office_id', 'staff.disabled', 'staff.display_name', 'staff.username', 'offices.code as office_code'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row || row.disabled) return undefined;
  const now = deps.clock.now();
  const idleLimit = deps.config.sessionIdleMinutes * 60_000;
  if (Date.parse(row.expires_at) <= now || (row.kind === 'session' && Date.parse(row.last_seen_at) + idleLimit <= now)) {
    await deps.db.deleteFrom('sessions').where('id', '=', id).execute();
    return undefined;
  }
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (now - Date.parse(row.last_seen_at) > 60_000) {
    await deps.db.updateTable('sessions').set({ last_seen_at: new Date(now).toISOString() }).where('id', '=', id).execute();
  }
  return {
    actor: { staffId: row.staff_id, role: row.role, officeId: row.office_id, officeCode: row.office_code ?? null },
    kind: row.kind,
    csrfToken: row.csrf_token,
    sessionId: id,
    displayName: row.display_name,
    username: row.username,
  };
}

export async function logout(deps: Deps, auth: Authenticated): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', auth.sessionId).execute();
    await appendAudit(trx, deps, auth.actor, { action: 'session.logout' });
  });
}
