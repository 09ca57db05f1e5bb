// /api/v1/audit: the audit trail for admins, and the chain check for the Cabinet.

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { requireRole } from '../../services/access.js';

import { auditQuery } from '../schemas.js';
import { listAudit, verifyAuditChain } from '../../services/audit.js';
import { query } from '../validate.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';

/** Mounted at /api/v1/audit, behind staff authentication (routes/api.ts). */
export function auditRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json(await listAudit(deps, actorOf(c), query(c, auditQuery))));
  // The whole chain is walked: cabinet admins only (nbr audit verify does the same offline).
  app.get('/verify', async (c) => {
    requireRole(actorOf(c), 'cabinet_admin');
    return c.json(await verifyAuditChain(deps.db));
  });

  return app;
}
