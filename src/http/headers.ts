// Response headers in one place: what every data response carries, open CORS for what other origins may
// read, and the pages' security headers with one Content-Security-Policy. The Hono routes, the fast verify
// lane (verify-endpoint.ts, plain header pairs) and the downloadable verifier page all take them from here.

import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** Data responses (JSON, JWS, tiles): no MIME sniffing, no referrer. Pages get these and more. */
export const DATA_HEADERS: readonly [string, string][] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/** Headers a browser app on another origin may read from our public answers. */
const EXPOSED = 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset';

/** Open to every origin: for verifiers and integrators elsewhere. */
export const OPEN_CORS: readonly [string, string][] = [
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', EXPOSED],
];

/**
 * Open CORS as middleware. Written here rather than with hono/cors because that middleware touches c.res
 * before the handler runs, which makes Hono rebuild every response (a full WHATWG Response per request under
 * @hono/node-server: measurable in bench/verify-http.ts).
 */
export const openCors: MiddlewareHandler = async function openCors(c, next) {
  if (c.req.method === 'OPTIONS') {
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, If-None-Match, X-Api-Key',
      'Access-Control-Max-Age': '86400',
    });
  }
  for (const [name, value] of OPEN_CORS) c.header(name, value);
  await next();
};

/** Sets DATA_HEADERS before the handler runs (a header added to a finished response rebuilds it). */
export const dataHeaders: MiddlewareHandler = async function dataHeaders(c, next) {
  for (const [name, value] of DATA_HEADERS) c.header(name, value);
  await next();
};

/** The pages' Content-Security-Policy, as directives (secureHeaders takes them as they are). */
export const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
} satisfies Record<string, string[]>;

/**
 * The verifier's policy: the console's, plus WebAssembly compilation (ZXing, in the decoding worker;
 * 'wasm-unsafe-eval' allows compiling .wasm and nothing else, no eval of JavaScript) and a same-origin worker.
 */
export const VERIFIER_CSP = {
  ...PAGE_CSP,
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  workerSrc: ["'self'"],
} satisfies Record<string, string[]>;

/** The same policy as one header value, with directives replaced (the single-file verifier download). */
export function cspHeader(overrides: Partial<Record<keyof typeof VERIFIER_CSP, string[]>> = {}): string {
  const merged = { ...VERIFIER_CSP, ...overrides };
  return Object.entries(merged)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} ${v.join(' ')}`)
    .join('; ');
}

/** Browser security headers for a page route. A route that sets its own policy keeps it. */
export const pageHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: PAGE_CSP,
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  overwrite: false,
});

/** The verifier's: its own policy, and the camera. */
export const verifierHeaders: MiddlewareHandler = secureHeaders({
  contentSecurityPolicy: VERIFIER_CSP,
  referrerPolicy: 'no-referrer',
  permissionsPolicy: { camera: ['self'], microphone: [], geolocation: [] },
  overwrite: false,
});
