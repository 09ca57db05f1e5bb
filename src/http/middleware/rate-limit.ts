// Fixed-window rate limiting per client key, in memory (per instance: a deployment behind a load balancer
// divides the budget by the instance count, which errs on the safe side). The limiter itself knows nothing of
// HTTP frameworks: the Hono middleware below and the verification endpoint (src/http/verify-endpoint.ts) share
// one limiter, so the public budget is one per address whichever path a request takes.

import type { Context, MiddlewareHandler } from 'hono';
import { errorBody } from '../errors.js';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  now?: () => number;
}

export interface RateDecision {
  limited: boolean;
  /**
   * Response headers in the spirit of draft-ietf-httpapi-ratelimit-headers, plus Retry-After when limited;
   * as [name, value] pairs, which Node's writeHead and the Fetch API both take without building an object.
   */
  headers: [string, string][];
}

export interface RateLimiter {
  /** Counts `weight` requests (a batch counts each of its codes). */
  take(key: string, weight?: number): RateDecision;
  /** Has this key used up its window's budget? Counts nothing. */
  spent(key: string): boolean;
}

/** Keys kept at most; past it, expired windows are swept, and new keys share one overflow window. */
export const MAX_KEYS = 100_000;
const OVERFLOW = '\u0000overflow';

export function createRateLimiter(opts: RateLimitOptions & { maxKeys?: number }): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? MAX_KEYS;
  const windows = new Map<string, { start: number; count: number }>();
  const limit = String(opts.max);
  return {
    take(requested, weight = 1) {
      const t = now();
      let key = requested;
      let w = windows.get(key);
      if (!w && windows.size >= maxKeys) {
        // Memory stays bounded under a flood of distinct addresses, but the flood cannot reset anyone's
        // counter (clearing the map did, issue 10): expired windows go, then newcomers share one window.
        for (const [k, v] of windows) if (t - v.start >= opts.windowMs) windows.delete(k);
        if (windows.size >= maxKeys) {
          key = OVERFLOW;
          w = windows.get(key);
        }
      }
      if (!w || t - w.start >= opts.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count += weight;
      const headers: [string, string][] = [
        ['RateLimit-Limit', limit],
        ['RateLimit-Remaining', String(Math.max(0, opts.max - w.count))],
      ];
      if (w.count <= opts.max) return { limited: false, headers };
      headers.push(['Retry-After', String(Math.ceil((w.start + opts.windowMs - t) / 1000))]);
      return { limited: true, headers };
    },
    spent(key) {
      const w = windows.get(key);
      return w !== undefined && now() - w.start < opts.windowMs && w.count >= opts.max;
    },
  };
}

/** Hono middleware over a shared limiter: 429 RATE_LIMITED once an address has used its window's budget. */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string): MiddlewareHandler {
  return async function rateLimiter(c, next) {
    const decision = limiter.take(key(c));
    for (const [name, value] of decision.headers) c.header(name, value);
    if (decision.limited) return c.json(errorBody('RATE_LIMITED', 'too many requests; slow down'), 429);
    await next();
  };
}
