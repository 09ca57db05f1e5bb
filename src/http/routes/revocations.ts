// /api/v1/revocations: revocations waiting for a second person, and their confirmation or refusal.

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { decideRevocation, listRevocationRequests } from '../../services/registry/revocations.js';
import type { StatusListPublisher } from '../../services/status/status-list.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';
import { pathId } from '../path-id.js';

/** Mounted at /api/v1/revocations, behind staff authentication (routes/api.ts). */
export function revocationRoutes(deps: Deps, statusList: StatusListPublisher) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json({ items: await listRevocationRequests(deps, actorOf(c)) }));
  app.post('/:id/confirm', async (c) => {
    const out = await decideRevocation(
      deps,
      actorOf(c),
      pathId(c.req.param('id'), 'revocation request'),
      'confirm',
    );
    statusList.invalidate(); // publish the revocation at once
    return c.json(out);
  });
  app.post('/:id/refuse', async (c) =>
    c.json(
      await decideRevocation(deps, actorOf(c), pathId(c.req.param('id'), 'revocation request'), 'refuse'),
    ),
  );
  return app;
}
