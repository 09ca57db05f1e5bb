// POST /api/v1/verify/batch: up to MAX_BATCH codes in one request, one result each, in order (issue 15:
// integrators such as a migration office check many documents at once). Each code counts against a budget of
// its own per address (NBR_BATCH_RATE_LIMIT codes a minute), apart from single verifications; the codes are
// verified a slice at a time, so that the signature checks run on libuv's threads side by side.

import { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status-list.js';
import type { Context } from 'hono';
import { errorBody, zodProblems } from './errors.js';
import { OPEN_CORS } from './headers.js';
import { createRateLimiter } from './middleware/rate-limit.js';
import { verifyBatchBody } from './schemas.js';
import { BODY_NOT_JSON, BODY_TOO_LARGE, bodyText } from './validate.js';
import { verifyOne } from './verify-endpoint.js';

export const VERIFY_BATCH_PATH = '/api/v1/verify/batch';
/** A thousand passport codes of about 400 characters, with room. */
export const BATCH_BODY_LIMIT = 2 * 1024 * 1024;
/** Codes verified at once: enough to keep every thread of the pool busy, few enough to bound memory. */
const SLICE = 64;

export function verifyBatchRoutes(
  deps: Deps,
  statusList: StatusListPublisher,
  clientAddress: (c: Context) => string,
) {
  const app = new Hono();
  const limiter = createRateLimiter({
    windowMs: 60_000,
    max: deps.config.batchRateLimit,
    now: () => deps.clock.now(),
  });
  app.post(VERIFY_BATCH_PATH, async (c) => {
    for (const [name, value] of OPEN_CORS) c.header(name, value);
    c.header('Cache-Control', 'no-store');
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > BATCH_BODY_LIMIT) return c.json(errorBody('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE), 413);
    const text = await bodyText(c, BATCH_BODY_LIMIT);
    if (text === null) return c.json(errorBody('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE), 413);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return c.json(errorBody('BAD_REQUEST', BODY_NOT_JSON), 400);
    }
    const parsed = verifyBatchBody.safeParse(raw);
    if (!parsed.success)
      return c.json(
        errorBody('VALIDATION_FAILED', 'the request is not valid', zodProblems(parsed.error)),
        422,
      );
    const { codes } = parsed.data;
    const decision = limiter.take(clientAddress(c), codes.length);
    for (const [name, value] of decision.headers) c.header(name, value);
    if (decision.limited)
      return c.json(
        errorBody('RATE_LIMITED', `too many codes; at most ${deps.config.batchRateLimit} a minute`),
        429,
      );
    let status;
    try {
      status = (await statusList.current()).list;
    } catch {
      status = undefined; // every answer then says STATUS_UNAVAILABLE, never VALID
    }
    const results = [];
    for (let i = 0; i < codes.length; i += SLICE)
      results.push(
        ...(await Promise.all(codes.slice(i, i + SLICE).map((qr) => verifyOne(deps, qr, status)))),
      );
    return c.json({ results });
  });
  return app;
}
