// What anyone may fetch, without login: the trust material and the verification API.
// CORS is open (verifiers on other origins fetch these), responses carry ETags and cache headers, and
// nothing here takes a name or a document number: the only input is a QR text the caller already holds.

import { Hono } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import { openCors } from '../headers.js';
import type { Deps } from '../../services/deps.js';
import type { StatusListPublisher } from '../../services/status/status-list.js';

export function publicRoutes(deps: Deps, statusList: StatusListPublisher) {
  const app = new Hono();
  // Only here: the staff API and the console are same-origin and answer no cross-origin caller. (Mounted at
  // '/', a '*' here would apply to every route of the app.) POST /api/v1/verify answers before any
  // middleware and sets its own CORS header; only its preflight (OPTIONS) reaches this.
  // ('/trust-list/*' covers the list itself too: Hono's /x/* matches /x.)
  for (const path of [
    '/.well-known/*',
    '/trust-list/*',
    '/status-list',
    '/api/v1/verify',
    '/api/v1/verify/batch',
  ])
    app.use(path, openCors);
  // ETags for the published files only: hashing every verification response would cost more than it saves.
  // A 304 keeps the CORS headers (issue 15: without them a browser app cannot use the answer).
  const cached = etag({
    retainedHeaders: [
      ...RETAINED_304_HEADERS,
      'access-control-allow-origin',
      'access-control-expose-headers',
    ],
  });
  app.use('/trust-list/*', cached); // Hono's /x/* matches /x too
  app.use('/status-list', cached);
  app.use('/.well-known/*', cached);

  // Caches may serve the material a while after it went stale, or while the service is down: verifiers check
  // nextUpdate themselves and say STALE rather than VALID (docs/integrators.md).
  const LONG = 'public, max-age=3600, stale-while-revalidate=600, stale-if-error=86400';
  // Document keys and status keys apart: check a status list against status-jwks.json only.
  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', LONG);
    return c.json(deps.keyring.jwks);
  });
  app.get('/.well-known/status-jwks.json', (c) => {
    c.header('Cache-Control', LONG);
    return c.json(deps.keyring.statusJwks);
  });

  app.get('/trust-list', (c) => {
    c.header('Cache-Control', LONG);
    return c.body(deps.keyring.trustListText, 200, { 'Content-Type': 'application/jose' });
  });

  app.get('/trust-list/root.jwk.json', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    const root = deps.keyring.roots[0]!;
    return c.json({
      kty: 'OKP',
      crv: 'Ed25519',
      kid: root.kid,
      x: Buffer.from(root.key.raw).toString('base64url'),
    });
  });

  app.get('/status-list', async (c) => {
    const { jws } = await statusList.current();
    // Short cache: revocations must reach verifiers quickly; the ETag makes re-checks cheap.
    c.header('Cache-Control', 'public, max-age=60, stale-while-revalidate=60, stale-if-error=3600');
    return c.body(jws, 200, { 'Content-Type': 'application/jose' });
  });

  return app;
}
