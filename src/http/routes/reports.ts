// /api/v1/reports: the Cabinet's cross-office reports.

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { crossOfficePassports } from '../../services/registry/cross-office.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';

/** Mounted at /api/v1/reports, behind staff authentication (routes/api.ts). */
export function reportRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/cross-office-passports', async (c) =>
    c.json({ items: await crossOfficePassports(deps, actorOf(c)) }),
  );

  return app;
}
