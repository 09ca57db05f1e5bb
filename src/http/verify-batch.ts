// POST /api/v1/verify/batch: up to MAX_BATCH codes in one request, one result each, in order (issue 15:
// integrators such as a migration office check many documents at once). Each code counts against a budget of
// its own per address (NBR_BATCH_RATE_LIMIT codes a minute), apart from single verifications, or against the
// budget of the integrator API key it carries (X-Api-Key, NBR_INTEGRATOR_RATE_LIMIT); the codes are
// verified a slice at a time, so that the signature checks run on libuv's threads side by side.

import { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status-list.js';
import type { Context } from 'hono';
import { errorBody } from './errors.js';
import { OPEN_CORS } from './headers.js';
import { createRateLimiter, type RateLimiter } from './middleware/rate-limit.js';
import { verifyBatchBody } from './schemas.js';
import { jsonBody } from './validate.js';
import { budgetOf, verifyOne } from './verify-endpoint.js';

export const VERIFY_BATCH_PATH = '/api/v1/verify/batch';
/** A thousand passport codes of about 400 characters, with room. */
export const BATCH_BODY_LIMIT = 2 * 1024 * 1024;
/** Codes verified at once: enough to keep every thread of the pool busy, few enough to bound memory. */
const SLICE = 64;

export function verifyBatchRoutes(
  deps: Deps,
  statusList: StatusListPublisher,
  clientAddress: (c: Context) => string,
  /** Budgets per integrator API key, shared with single verification (app.ts). */
  integratorLimiter: RateLimiter,
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
    const { codes } = await jsonBody(c, verifyBatchBody, BATCH_BODY_LIMIT);
    const budget = await budgetOf(
      deps,
      c.req.header('x-api-key'),
      clientAddress(c),
      { limiter, integratorLimiter },
      codes.length,
    );
    if ('answer' in budget) {
      if (budget.retryAfter) c.header('Retry-After', '5');
      return c.json(budget.answer.body, budget.answer.status as 401 | 503);
    }
    const { decision } = budget;
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
