// POST /api/v1/session (log in), GET (who am I), DELETE (log out), PUT /api/v1/session/password (own password),
// POST /api/v1/tokens (API token).

import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../errors.js';
import { changeOwnPassword, endOwnSession, listOwnSessions, login, logout } from '../../services/auth.js';
import { requireStaff, SESSION_COOKIE, type AuthEnv, type StaffLimits } from '../middleware/auth.js';
import { loginBody, passwordChangeBody, tokenBody } from '../schemas.js';
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

export function sessionRoutes(deps: Deps, limits?: StaffLimits) {
  const app = new Hono<AuthEnv>();
  const staff = requireStaff(deps, limits);

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

  app.get('/session', staff, (c) => {
    const a = c.get('auth');
    return c.json({
      staff: {
        id: a.actor.staffId,
        username: a.username,
        displayName: a.displayName,
        role: a.actor.role,
        officeId: a.actor.officeId,
        officeCode: a.actor.officeCode,
      },
      csrfToken: a.csrfToken,
    });
  });

  app.put('/session/password', staff, async (c) => {
    const { currentPassword, newPassword } = await jsonBody(c, passwordChangeBody);
    await changeOwnPassword(deps, c.get('auth'), currentPassword, newPassword);
    return c.body(null, 204);
  });

  app.get('/session/tokens', staff, async (c) =>
    c.json({ items: await listOwnSessions(deps, c.get('auth')) }),
  );
  app.delete('/session/tokens/:id', staff, async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AppError('NOT_FOUND', 'no such session or token of yours');
    await endOwnSession(deps, c.get('auth'), id);
    return c.body(null, 204);
  });

  app.delete('/session', staff, async (c) => {
    await logout(deps, c.get('auth'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  return app;
}
