// Fixed-window rate limiting per client key, in memory (per instance: a deployment behind a load balancer
// divides the budget by the instance count, which errs on the safe side).

import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../errors.js';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  key: (c: Parameters<MiddlewareHandler>[0]) => string;
  now?: () => number;
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return async function rateLimiter(c, next) {
    const t = now();
    const key = opts.key(c);
    let w = windows.get(key);
    if (!w || t - w.start >= opts.windowMs) {
      if (windows.size > 100_000) windows.clear(); // bound memory under a flood of distinct addresses
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    c.header('RateLimit-Limit', String(opts.max));
    c.header('RateLimit-Remaining', String(Math.max(0, opts.max - w.count)));
    if (w.count > opts.max) {
      c.header('Retry-After', String(Math.ceil((w.start + opts.windowMs - t) / 1000)));
      return c.json(errorBody('RATE_LIMITED', 'too many requests; slow down'), 429);
    }
    await next();
  };
}
