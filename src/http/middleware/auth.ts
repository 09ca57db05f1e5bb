// Staff authentication for /api/v1: a session cookie (with CSRF token on unsafe methods) or a bearer API token.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors.js';
import { authenticate, type Authenticated } from '../../services/staff/auth.js';
import type { Deps } from '../../services/deps.js';
import { errorBody } from '../errors.js';
import type { RateLimiter } from './rate-limit.js';

export const SESSION_COOKIE = 'nbr_session';
export const CSRF_HEADER = 'x-csrf-token';

export type AuthEnv = {
  Variables: {
    auth: Authenticated;
    /** Records the personal-data gate has charged for this request (middleware/personal-data.ts). */
    personalDataCharged?: number;
  };
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** What a session opened with an activation code may do: see who it is, set the password, log out. */
const SETTING_PASSWORD = new Set([
  'GET /api/v1/session',
  'PUT /api/v1/session/password',
  'DELETE /api/v1/session',
]);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Per-account budgets, on top of the per-address ones: a stolen token or a colleague working for the other
 * side must not be able to copy the office's records at machine speed. `perAccount` covers every staff call,
 * `search` the calls that find people or documents (applicant search, lookup by number).
 */
export interface StaffLimits {
  perAccount: RateLimiter;
  search: RateLimiter;
}

export function requireStaff(deps: Deps, limits?: StaffLimits): MiddlewareHandler<AuthEnv> {
  return async function staffAuth(c, next) {
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const cookie = getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (!token) throw new AppError('UNAUTHENTICATED', 'log in first');
    const auth = await authenticate(deps, token);
    if (!auth) throw new AppError('UNAUTHENTICATED', 'the session has expired; log in again');
    // Cookies ride along with cross-site requests; a token the page read from the API does not.
    if (!bearer && !SAFE.has(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (auth.kind !== 'session' || !auth.csrfToken || !sent || !sameSecret(sent, auth.csrfToken))
        throw new AppError('FORBIDDEN', 'missing or wrong CSRF token');
    }
    c.set('auth', auth);
    // A session opened with an activation code sets its owner's password first, and does nothing else.
    if (auth.mustSetPassword && !SETTING_PASSWORD.has(`${c.req.method} ${c.req.path}`))
      throw new AppError(
        'PASSWORD_CHANGE_REQUIRED',
        'set your own password first (PUT /api/v1/session/password, the activation code as the current one)',
      );
    if (limits) {
      const decision = limits.perAccount.take(auth.actor.staffId);
      for (const [name, value] of decision.headers) c.header(name, value);
      if (decision.limited)
        return c.json(errorBody('RATE_LIMITED', 'too many requests from this account; slow down'), 429);
    }
    await next();
  };
}

export const actorOf = (c: Context<AuthEnv>) => c.get('auth').actor;
