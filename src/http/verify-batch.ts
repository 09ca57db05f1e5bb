// POST /api/v1/verify/batch: up to MAX_BATCH codes in one request, one result each, in order (issue 15:
// integrators such as a migration office check many documents at once). Each code counts against a budget of
// its own per address (NBR_BATCH_RATE_LIMIT codes a minute), apart from single verifications, or against the
// budget of the integrator API key it carries (X-Api-Key, NBR_INTEGRATOR_RATE_LIMIT); the codes are
// verified a slice at a time, so that the signature checks run on libuv's threads side by side.

import { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status/status-list.js';
import type { Context } from 'hono';
import { errorBody } from './errors.js';
import { OPEN_CORS } from './headers.js';
import { createRateLimiter, type RateLimiter } from './middleware/rate-limit.js';
import { verifyBatchBody } from './schemas.js';
import { jsonBody } from './validate.js';
import { budgetOf, verifyOne, withRecognition } from './verify-endpoint.js';
import type { Purpose } from '../core/recognition/purposes.js';

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
  keyLookups?: RateLimiter,
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
    const apiKey = c.req.header('x-api-key');
    const address = clientAddress(c);
    const limiters = { limiter, integratorLimiter, ...(keyLookups ? { keyLookups } : {}) };
    // The budget is taken before the body is read (issue 21: invalid and crashing 2 MB bodies were read,
    // parsed and walked for free): the declared size's worth first, what the body turned out to hold after.
    const upfront = Math.max(1, bytesWeight(declaredLength(c)));
    const first = await budgetOf(deps, apiKey, address, limiters, upfront);
    if ('answer' in first) return refusal(c, first);
    if (first.decision.limited) return limited(c, first.decision);
    let size = 0;
    let codes: string[];
    let ask: { country?: string | undefined; purpose?: Purpose | undefined };
    try {
      ({ codes, ...ask } = await jsonBody(c, verifyBatchBody, BATCH_BODY_LIMIT, (bytes) => (size = bytes)));
    } catch (e) {
      // A refused body costs what it weighed: a flood of junk spends the budget like a flood of codes.
      const owed = bytesWeight(size || declaredLength(c)) - upfront;
      if (owed > 0) await budgetOf(deps, apiKey, address, limiters, owed);
      throw e;
    }
    const rest = Math.max(codes.length, bytesWeight(size)) - upfront;
    const budget = rest > 0 ? await budgetOf(deps, apiKey, address, limiters, rest) : first;
    if ('answer' in budget) return refusal(c, budget);
    const { decision } = budget;
    for (const [name, value] of decision.headers) c.header(name, value);
    if (decision.limited) return limited(c, decision);
    let status;
    try {
      status = (await statusList.current()).list;
    } catch {
      status = undefined; // every answer then says STATUS_UNAVAILABLE, never VALID
    }
    const results = [];
    for (let i = 0; i < codes.length; i += SLICE)
      results.push(
        ...(await Promise.all(
          codes
            .slice(i, i + SLICE)
            .map(async (qr) => withRecognition(deps, await verifyOne(deps, qr, status), ask)),
        )),
      );
    return c.json({ results });
  });
  return app;

  function refusal(c: Context, budget: { answer: { body: unknown; status: number }; retryAfter?: true }) {
    if (budget.retryAfter) c.header('Retry-After', '5');
    return c.json(budget.answer.body, budget.answer.status as 401 | 503);
  }
  function limited(c: Context, decision: { headers: [string, string][] }) {
    for (const [name, value] of decision.headers) c.header(name, value);
    return c.json(
      errorBody('RATE_LIMITED', `too many codes; at most ${deps.config.batchRateLimit} a minute`),
      429,
    );
  }
}

/**
 * What a body weighs against the code budget when it is not (yet) known to hold codes: one code per
 * BYTES_PER_CODE bytes, about five passport codes' worth, so that a valid batch (each code ~400 bytes) is
 * charged its codes and nothing more, and a 2 MiB body of junk 1,024 codes.
 */
const BYTES_PER_CODE = 2048;
const bytesWeight = (bytes: number) => Math.ceil(bytes / BYTES_PER_CODE);

/** The body's declared length, at most the limit (a longer body is refused after that much is read). */
function declaredLength(c: Context): number {
  const declared = Number(c.req.header('content-length') ?? 0);
  return Number.isFinite(declared) && declared > 0 ? Math.min(declared, BATCH_BODY_LIMIT) : 0;
}
