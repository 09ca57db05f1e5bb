// The web pages (verifier, console) are added by their issues; until then the root explains where things are.
import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';

export function webRoutes(app: Hono, _deps: Deps): void {
  app.get('/', (c) =>
    c.json({
      service: 'New Belarus Document Registry',
      endpoints: { trustList: '/trust-list', statusList: '/status-list', jwks: '/.well-known/jwks.json', verify: 'POST /api/v1/verify', staffApi: '/api/v1' },
    }),
  );
}
