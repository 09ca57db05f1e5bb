import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import {
  createIntegratorKey,
  listIntegratorKeys,
  revokeIntegratorKey,
} from '../../services/integrators/integrator-keys.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';
import { pathId } from '../path-id.js';
import { integratorKeyBody } from '../schemas.js';
import { jsonBody } from '../validate.js';

/** Mounted at /api/v1/integrator-keys, behind staff authentication (routes/api.ts): cabinet admins only. */
export function integratorKeyRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json({ items: await listIntegratorKeys(deps, actorOf(c)) }));
  // The key is in this answer only: it is not stored, and cannot be shown again.
  app.post('/', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await createIntegratorKey(deps, actorOf(c), await jsonBody(c, integratorKeyBody)), 201);
  });
  app.delete('/:id', async (c) =>
    c.json(await revokeIntegratorKey(deps, actorOf(c), pathId(c.req.param('id'), 'API key'))),
  );
  return app;
}
