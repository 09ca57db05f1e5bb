// POST /api/v1/verify as one framework-free function: request in (body text, client address), plain response
// out (status, header pairs, JSON text). The Hono route (src/http/app.ts) and the Node listener's direct lane
// (src/http/node-listener.ts) both call it, so the two ways in cannot drift apart.
//
// Why not an ordinary Hono route behind the shared middleware: it is the one hot public endpoint, and under
// @hono/node-server each middleware header (a WHATWG Headers object) and each rebuilt Response costs about as
// much as the verification work beside the signature check (docs/benchmarks.md). Everything the middleware
// does for other routes is done here, once, with plain values: rate limit, body limit, the API's security
// headers, CORS, no caching, the access log. It runs for every request, so it creates no closures per call.

import {
  recognise,
  rootFingerprint,
  type Purpose,
  type RecognitionResult,
} from '../core/recognition/index.js';
import type { StatusList } from '../core/status-list.js';
import { verify, type VerifyResult } from '../core/verify.js';
import type { ErrorCode, FieldProblem } from '../errors.js';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status/status-list.js';
import { DATA_HEADERS, OPEN_CORS } from './headers.js';
import type { AccessLogEntry } from './log.js';
import { errorBody, STATUS, zodProblems, type ErrorLogger } from './errors.js';
import type { RateLimiter } from './middleware/rate-limit.js';
import { verifyBody } from './schemas.js';
import { BODY_NOT_JSON, BODY_TOO_LARGE, JSON_BODY_LIMIT, jsonDepthExceeds, tooDeep } from './validate.js';

export const VERIFY_PATH = '/api/v1/verify';

export interface VerifyCall {
  /** Client address (the rate-limit key). */
  address: string;
  /** The declared Content-Length, when there is one: an oversized body is refused before it is read. */
  contentLength?: number;
  /** Reads the body as UTF-8 text; null when it exceeds `limit` bytes. */
  readBody(limit: number): Promise<string | null>;
  /** An integrator's API key (X-Api-Key): counted against the key's budget instead of the address's. */
  apiKey?: string | undefined;
  /** The Content-Type header, if any: a body declared as anything but JSON is refused with 415. */
  contentType?: string | undefined;
}

/** application/json, with or without parameters (charset); absent is taken as JSON (curl --data-raw). */
export function declaredJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

export interface PlainResponse {
  status: number;
  /** [name, value] pairs: Node's writeHead and the Fetch API's HeadersInit both take them as they are. */
  headers: [string, string][];
  body: string;
}

/** Headers every response of the endpoint carries (a machine endpoint: no CSP; see securityHeaders in app.ts). */
const BASE_HEADERS: readonly [string, string][] = [
  ['Content-Type', 'application/json'],
  ...DATA_HEADERS,
  ...OPEN_CORS,
  // A verification answer depends on the time and on the status list: never cache it.
  ['Cache-Control', 'no-store'],
];

export interface VerifyEndpointOptions {
  limiter: RateLimiter;
  /** Budgets per integrator API key. */
  integratorLimiter: RateLimiter;
  /** Lookups of keys not yet known good from an address past its budget. */
  keyLookups?: RateLimiter;
  accessLog?: (entry: AccessLogEntry) => void;
  errorLog?: ErrorLogger;
}

export type VerifyEndpoint = (call: VerifyCall) => Promise<PlainResponse>;

export interface Answer {
  status: number;
  body: unknown;
}

function failure(code: ErrorCode, message: string, fields?: FieldProblem[]): Answer {
  return { status: STATUS[code], body: errorBody(code, message, fields) };
}

/** One code against the registry's trust material, as every way in answers it. */
export function verifyOne(deps: Deps, qr: string, status: StatusList | undefined): Promise<VerifyResult> {
  // USB barcode scanners end what they read with CR/LF: whitespace around a QR text is not part of it.
  return verify(qr.trim(), {
    trust: deps.keyring.trust,
    status,
    now: Math.floor(deps.clock.now() / 1000),
    documentTypes: deps.documentTypes,
    // Without the registry's log copy the answer is UNCONFIRMED, never VALID (issue 9).
    ...(deps.logView ? { log: deps.logView } : {}),
  });
}

/**
 * The verdict with what the host state's statement says (issue 26), when the caller named a country and a
 * purpose. The verdict itself is never changed; a state the registry holds no statement for is "unknown".
 */
export function withRecognition(
  deps: Deps,
  result: VerifyResult,
  ask: { country?: string | undefined; purpose?: Purpose | undefined },
): VerifyResult | (VerifyResult & { recognition: RecognitionResult }) {
  if (!ask.country || !ask.purpose) return result;
  return {
    ...result,
    recognition: recognise({
      verdict: result,
      statement: deps.recognition.states().get(ask.country)?.statement,
      state: ask.country,
      purpose: ask.purpose,
      rootFingerprint: rootFingerprintOf(deps),
      now: Math.floor(deps.clock.now() / 1000),
    }),
  };
}

let fingerprintCache: { raw: Uint8Array; fingerprint: string } | undefined;
function rootFingerprintOf(deps: Deps): string {
  const raw = deps.keyring.roots[0]!.key.raw;
  if (fingerprintCache?.raw !== raw) fingerprintCache = { raw, fingerprint: rootFingerprint(raw) };
  return fingerprintCache.fingerprint;
}

const RETRY: [string, string] = ['Retry-After', '5'];

/**
 * Whose budget a request spends: its API key's, else its address's. An unknown or revoked key is refused (the
 * integrator must learn that their key stopped working) and spends the address's budget like an anonymous
 * request: a made-up key never bypasses it (issue 21: 700 calls with random keys were all answered 401 and
 * never limited, each a database lookup). An address whose budget is spent gets 429 before any lookup,
 * unless its key is already known good.
 */
export async function budgetOf(
  deps: Pick<Deps, 'integratorKeys'>,
  apiKey: string | undefined,
  address: string,
  limiters: { limiter: RateLimiter; integratorLimiter: RateLimiter; keyLookups?: RateLimiter },
  weight = 1,
): Promise<
  | { decision: ReturnType<RateLimiter['take']> }
  | { answer: Answer; retryAfter?: true; headers?: [string, string][] }
> {
  if (apiKey === undefined) return { decision: limiters.limiter.take(address, weight) };
  let id = deps.integratorKeys.knownGood(apiKey);
  if (id === undefined) {
    // A key not yet known good costs a database lookup: an address past its budget gets a few a minute
    // (keyLookups), so that an integrator behind a busy address still gets in, and a flood does not.
    if (
      limiters.limiter.spent(address) &&
      (!limiters.keyLookups || limiters.keyLookups.take(address).limited)
    )
      return { decision: limiters.limiter.take(address, weight) };
    try {
      id = await deps.integratorKeys.resolve(apiKey);
    } catch {
      return {
        answer: failure('DATABASE_UNAVAILABLE', 'the API key cannot be checked now; retry shortly'),
        retryAfter: true,
      };
    }
  }
  if (id === undefined) {
    const decision = limiters.limiter.take(address, weight);
    if (decision.limited) return { decision };
    return {
      answer: failure('UNAUTHENTICATED', 'unknown or revoked API key (X-Api-Key)'),
      headers: decision.headers,
    };
  }
  return { decision: limiters.integratorLimiter.take(`key:${id}`, weight) };
}

export function createVerifyEndpoint(
  deps: Deps,
  statusList: StatusListPublisher,
  opts: VerifyEndpointOptions,
): VerifyEndpoint {
  async function answer(call: VerifyCall): Promise<Answer> {
    // As the OpenAPI document says (issue 24): a text/plain or form body is the client's mistake of kind.
    if (!declaredJson(call.contentType))
      return failure('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json: {"qr": "..."}');
    if (call.contentLength !== undefined && call.contentLength > JSON_BODY_LIMIT)
      return failure('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE);
    const text = await call.readBody(JSON_BODY_LIMIT);
    if (text === null) return failure('PAYLOAD_TOO_LARGE', BODY_TOO_LARGE);
    if (jsonDepthExceeds(text)) {
      const e = tooDeep();
      return failure('VALIDATION_FAILED', e.message, e.fields);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return failure('BAD_REQUEST', BODY_NOT_JSON);
    }
    const parsed = verifyBody.safeParse(raw, { reportInput: true });
    if (!parsed.success)
      return failure('VALIDATION_FAILED', 'the request is not valid', zodProblems(parsed.error));

    // Fail closed but informative: without a status list the core answers STATUS_UNAVAILABLE (never VALID),
    // and the caller still learns whether the signature held.
    let status;
    try {
      status = (await statusList.current()).list;
    } catch (error) {
      opts.errorLog?.({ code: 'INTERNAL', route: VERIFY_PATH, error });
    }
    return {
      status: 200,
      body: withRecognition(deps, await verifyOne(deps, parsed.data.qr, status), parsed.data),
    };
  }

  return async function verifyEndpoint(call) {
    const start = performance.now();
    const budget = await budgetOf(deps, call.apiKey, call.address, opts);
    const decision = 'answer' in budget ? undefined : budget.decision;
    let out: Answer;
    if ('answer' in budget) out = budget.answer;
    else if (budget.decision.limited) out = failure('RATE_LIMITED', 'too many requests; slow down');
    else {
      try {
        out = await answer(call);
      } catch (error) {
        // Only a bug gets here (every expected failure above is a value); log the class, never the input.
        opts.errorLog?.({ code: 'INTERNAL', route: VERIFY_PATH, error });
        out = failure('INTERNAL', 'internal error');
      }
    }
    opts.accessLog?.({
      method: 'POST',
      route: VERIFY_PATH,
      status: out.status,
      ms: Math.round((performance.now() - start) * 10) / 10,
    });
    return {
      status: out.status,
      headers: [
        ...BASE_HEADERS,
        ...(decision?.headers ?? ('headers' in budget ? (budget.headers ?? []) : [])),
        ...('retryAfter' in budget ? [RETRY] : []),
      ],
      body: JSON.stringify(out.body),
    };
  };
}
