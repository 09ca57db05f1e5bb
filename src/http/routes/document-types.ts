// GET /api/v1/document-types: the document types and their JSON Schemas (the console builds its forms from them).

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { type AuthEnv } from '../middleware/auth.js';

/** Mounted at /api/v1/document-types, behind staff authentication (routes/api.ts). */
export function documentTypeRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', (c) =>
    c.json({
      items: deps.documentTypes.all().map((t) => ({ name: t.name, title: t.title, schema: t.schema })),
    }),
  );

  return app;
}
