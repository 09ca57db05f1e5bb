import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { createStaff, listStaff, updateStaff } from '../../services/offices.js';

import { staffBody, staffPatch } from '../schemas.js';
import { jsonBody } from '../validate.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';
import { pathId } from '../path-id.js';

/** Mounted at /api/v1/staff, behind staff authentication (routes/api.ts). */
export function staffRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json({ items: await listStaff(deps, actorOf(c), c.req.query('officeId')) }));
  app.post('/', async (c) => c.json(await createStaff(deps, actorOf(c), await jsonBody(c, staffBody)), 201));
  app.patch('/:id', async (c) =>
    c.json(
      await updateStaff(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'staff member'),
        await jsonBody(c, staffPatch),
      ),
    ),
  );

  return app;
}
