// /api/v1/session for the logged-in: GET (who am I), GET /work (what waits), DELETE (log out), PUT /password,
// GET /tokens and DELETE /tokens/:id (own sessions and API tokens). Logging in is routes/login.ts.

import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../errors.js';
import { changeOwnPassword, endOwnSession, listOwnSessions, logout } from '../../services/staff/auth.js';
import { SESSION_COOKIE, type AuthEnv } from '../middleware/auth.js';
import { passwordChangeBody } from '../schemas.js';
import { workCounts } from '../../services/registry/work-counts.js';
import { jsonBody } from '../validate.js';

/** Mounted at /api/v1/session, behind staff authentication (routes/api.ts). */
export function sessionRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();

  app.get('/', (c) => {
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
      mustSetPassword: a.mustSetPassword,
    });
  });

  // Counts of what waits for this person, for the console's menu (issue 24, item 9).
  app.get('/work', async (c) => c.json(await workCounts(deps, c.get('auth').actor)));

  app.put('/password', async (c) => {
    const { currentPassword, newPassword } = await jsonBody(c, passwordChangeBody);
    await changeOwnPassword(deps, c.get('auth'), currentPassword, newPassword);
    return c.body(null, 204);
  });

  app.get('/tokens', async (c) => c.json({ items: await listOwnSessions(deps, c.get('auth')) }));
  app.delete('/tokens/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AppError('NOT_FOUND', 'no such session or token of yours');
    await endOwnSession(deps, c.get('auth'), id);
    return c.body(null, 204);
  });

  app.delete('/', async (c) => {
    await logout(deps, c.get('auth'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  return app;
}
