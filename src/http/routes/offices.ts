import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { createOffice, listOffices } from '../../services/registry/offices.js';

import { officeBody } from '../schemas.js';
import { jsonBody } from '../validate.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';

/** Mounted at /api/v1/offices, behind staff authentication (routes/api.ts). */
export function officeRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json({ items: await listOffices(deps, actorOf(c)) }));
  app.post('/', async (c) =>
    c.json(await createOffice(deps, actorOf(c), await jsonBody(c, officeBody)), 201),
  );

  return app;
}
