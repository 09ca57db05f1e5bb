// createApp(deps): the whole HTTP surface, built from passed-in dependencies (tests call app.request()).

import { Hono, type Context } from 'hono';
import type { Deps } from '../services/deps.js';
import { cachedHealth } from '../services/health.js';
import { createStatusListPublisher, type StatusListPublisher } from '../services/status/status-list.js';
import { clientAddressResolver, type ClientAddressResolver } from './client-address.js';
import { errorBody, handleError, type ErrorLogger } from './errors.js';
import { dataHeaders } from './headers.js';
import type { AccessLogEntry } from './log.js';
import { createRateLimiter, rateLimit } from './middleware/rate-limit.js';
import { BODY_TOO_LARGE, bodyText, JSON_BODY_LIMIT } from './validate.js';
import { VERIFY_BATCH_PATH, verifyBatchRoutes } from './verify-batch.js';
import { createVerifyEndpoint, VERIFY_PATH, type VerifyEndpoint } from './verify-endpoint.js';
import { publicRoutes } from './routes/public.js';
import { recognitionRoutes } from './routes/recognition.js';
import { apiRoutes } from './routes/api.js';
import { docsRoutes } from './routes/docs.js';
import { logRoutes } from './routes/log.js';

export type { AccessLogEntry } from './log.js';

/** API-key lookups a minute for an address that has spent its verification budget. */
const KEY_LOOKUPS_PER_MINUTE = 20;

export interface AppOptions {
  /** Access log: method, route pattern (not the path: no ids, no query strings), status, duration. */
  accessLog?: (entry: AccessLogEntry) => void;
  errorLog?: ErrorLogger;
  statusList?: StatusListPublisher;
  /** Extra routes mounted last (the web pages). */
  mount?: (app: Hono, statusList: StatusListPublisher) => void;
}

/** The Hono app alone (tests drive it with app.request()). */
export function createApp(deps: Deps, options: AppOptions = {}): Hono {
  return createHttp(deps, options).app;
}

/**
 * The app and the verification endpoint it routes to; a Node server also gives the endpoint its own lane
 * (src/http/node-listener.ts), sharing the same instance and so the same rate-limit budget.
 */
export function createHttp(
  deps: Deps,
  options: AppOptions = {},
): { app: Hono; verifyEndpoint: VerifyEndpoint; addressOf: ClientAddressResolver } {
  const app = new Hono();
  // The rate-limit key; @hono/node-server exposes the socket as env.incoming (absent under app.request()).
  const addressOf = clientAddressResolver(deps.config.trustedProxies);
  const clientAddress = (c: Context) =>
    addressOf(
      (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
        ?.remoteAddress,
      () => c.req.header('x-forwarded-for'),
    );
  const statusList = options.statusList ?? createStatusListPublisher(deps);
  const now = () => deps.clock.now();
  // One budget per address for verification, whichever way a request comes in.
  const publicLimiter = createRateLimiter({ windowMs: 60_000, max: deps.config.publicRateLimit, now });

  // The verification endpoint comes first and answers on its own: the middleware below never runs for it
  // (it does their work itself, with plain objects; see src/http/verify-endpoint.ts).
  // Integrators with an API key: a budget per key, far above an address's (services/integrators/integrator-keys.ts).
  const integratorLimiter = createRateLimiter({
    windowMs: 60_000,
    max: deps.config.integratorRateLimit,
    now,
  });
  // Lookups of API keys not yet known good, from an address past its budget (verify-endpoint.ts budgetOf).
  const keyLookups = createRateLimiter({ windowMs: 60_000, max: KEY_LOOKUPS_PER_MINUTE, now });
  const verifyEndpoint = createVerifyEndpoint(deps, statusList, {
    limiter: publicLimiter,
    integratorLimiter,
    keyLookups,
    accessLog: options.accessLog,
    errorLog: options.errorLog,
  });
  app.post(VERIFY_PATH, async (c) => {
    const declared = c.req.header('content-length');
    const out = await verifyEndpoint({
      address: clientAddress(c),
      contentLength: declared === undefined ? undefined : Number(declared),
      readBody: (limit) => bodyText(c, limit),
      apiKey: c.req.header('x-api-key'),
      contentType: c.req.header('content-type'),
    });
    return new Response(out.body, { status: out.status, headers: out.headers });
  });

  // Verification is a POST (the QR text stays out of URLs and logs): other methods are told so, before the
  // staff API would answer "log in first".
  app.on(['GET', 'PUT', 'PATCH', 'DELETE'], VERIFY_PATH, (c) =>
    c.json(errorBody('METHOD_NOT_ALLOWED', 'verify with POST and a JSON body {"qr": "..."}'), 405, {
      Allow: 'POST, OPTIONS',
    }),
  );

  app.use('*', async function accessLog(c, next) {
    const start = performance.now();
    await next();
    options.accessLog?.({
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
  });
  // Data headers on every response; the routes that serve pages add the browser security headers
  // themselves (headers.ts pageHeaders: /verifier, /console, /api-docs, the print views). Sending the
  // fifteen page headers on every verification response cost about a tenth of its throughput.
  app.use('*', dataHeaders);

  app.use('*', async function jsonBodyLimit(c, next) {
    // Photos have their own 2 MiB limit on their route; everything else is small JSON. Only the declared
    // length is checked here (Hono's bodyLimit would materialise a full Request per call, see
    // src/http/validate.ts); bodies without Content-Length are capped while they are read.
    if (c.req.path.endsWith('/photo') || c.req.path === VERIFY_BATCH_PATH) return next(); // their own limits
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > JSON_BODY_LIMIT) return c.json(errorBody('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE), 413);
    return next();
  });

  // The trust material has a budget of its own, far above verification's (issue 15: an office behind one NAT
  // address that used up its verifications lost the lists it needs to verify offline, exactly then).
  const trustLimit = rateLimit(
    createRateLimiter({ windowMs: 60_000, max: deps.config.trustRateLimit, now }),
    clientAddress,
  );
  app.use('/.well-known/*', trustLimit);
  app.use('/trust-list/*', trustLimit); // Hono's /x/* matches /x too: once is enough
  app.use('/status-list', trustLimit);
  // The log's tiles are many small static files (a first sync of a million documents fetches ~3,900):
  // a budget of their own, so a verifier's sync neither starves nor is starved by verifications.
  app.use(
    '/log/*',
    rateLimit(createRateLimiter({ windowMs: 60_000, max: deps.config.logRateLimit, now }), clientAddress),
  );
  // Password guessing: a few attempts a minute per address (login and token creation share the budget).
  const loginLimit = rateLimit(
    createRateLimiter({ windowMs: 60_000, max: deps.config.loginRateLimit, now }),
    clientAddress,
  );
  app.use('/api/v1/session', async (c, next) => (c.req.method === 'POST' ? loginLimit(c, next) : next()));
  app.use('/api/v1/tokens', loginLimit);
  app.use('/api/v1/session/password', loginLimit);

  // 200 when this instance can issue and serve verifications, 503 with the failing checks otherwise.
  const health = cachedHealth(deps);
  app.get('/healthz', async (c) => {
    const h = await health();
    return c.json(h, h.ok ? 200 : 503, { 'Cache-Control': 'no-store' });
  });
  app.route('/', verifyBatchRoutes(deps, statusList, clientAddress, integratorLimiter, keyLookups));
  app.route('/', publicRoutes(deps, statusList));
  app.route('/', recognitionRoutes(deps));
  app.route('/log', logRoutes(deps));
  app.route('/', docsRoutes(deps.config.publicUrl));
  const staffLimits = {
    perAccount: createRateLimiter({ windowMs: 60_000, max: deps.config.staffRateLimit, now }),
    search: createRateLimiter({ windowMs: 60_000, max: deps.config.searchRateLimit, now }),
  };
  app.route('/api/v1', apiRoutes(deps, statusList, staffLimits));
  options.mount?.(app, statusList);

  app.notFound((c) => c.json(errorBody('NOT_FOUND', 'no such endpoint'), 404));
  app.onError((err, c) => handleError(err, c, options.errorLog ?? (() => {})));
  return { app, verifyEndpoint, addressOf };
}
