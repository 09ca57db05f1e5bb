// Logging in, before any session exists: POST /api/v1/session (console, cookie + CSRF token) and
// POST /api/v1/tokens (integrations, bearer token). Both share the login rate limit (routes/api.ts).

import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Deps } from '../../services/deps.js';
import { login } from '../../services/staff/auth.js';
import { SESSION_COOKIE, type AuthEnv } from '../middleware/auth.js';
import { loginBody, tokenBody } from '../schemas.js';
import { jsonBody } from '../validate.js';

function staffInfo(
  s: { id: string; username: string; display_name: string; role: string; office_id: string | null },
  officeCode: string | null,
) {
  return {
    id: s.id,
    username: s.username,
    displayName: s.display_name,
    role: s.role,
    officeId: s.office_id,
    officeCode,
  };
}

export function loginRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();

  app.post('/session', async (c) => {
    const { username, password } = await jsonBody(c, loginBody);
    const result = await login(deps, username, password, 'session');
    setCookie(c, SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: deps.config.secureCookies,
      path: '/',
      maxAge: deps.config.sessionMaxHours * 3600,
    });
    return c.json({
      staff: staffInfo(result.staff, result.officeCode),
      csrfToken: result.csrfToken,
      expiresAt: result.expiresAt,
      // Logged in with a one-time activation code: set a password before anything else (services/staff/activation.ts).
      mustSetPassword: result.staff.activation_expires_at !== null,
    });
  });

  app.post('/tokens', async (c) => {
    // Integrations get a bearer token for their service account; the password is checked again.
    const { username, password, label } = await jsonBody(c, tokenBody);
    const result = await login(deps, username, password, 'api', label);
    return c.json(
      { token: result.token, expiresAt: result.expiresAt, staff: staffInfo(result.staff, result.officeCode) },
      201,
    );
  });

  return app;
}
