// Request validation at the edge: JSON bodies and query strings through zod schemas.

import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zodProblems } from './errors.js';

/** JSON bodies larger than this are refused (the app checks Content-Length first, reading checks the rest). */
export const JSON_BODY_LIMIT = 64 * 1024;

/** The messages of the two body errors, shared with the verification endpoint (src/http/verify-endpoint.ts). */
export const BODY_TOO_LARGE = `the request body is larger than ${JSON_BODY_LIMIT} bytes`;
export const BODY_NOT_JSON = 'the body must be JSON (Content-Type: application/json)';

export interface IncomingLike {
  readableDidRead?: boolean;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', fn: (arg?: unknown) => void): unknown;
}

/**
 * Reads a Node request stream as UTF-8 text; null once it exceeds `limit` bytes. The rest is read and dropped
 * rather than the socket destroyed, so that the client receives the 413 (closing a socket with unread data
 * sends a reset instead); the server's request timeout bounds a client that never stops sending.
 */
export function readNodeBody(incoming: IncomingLike, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      if (!chunks) return;
      size += chunk.length;
      if (size > limit) {
        chunks = undefined;
        resolve(null);
      } else chunks.push(chunk);
    });
    incoming.on('end', () => {
      if (chunks)
        resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    incoming.on('error', reject);
  });
}

/**
 * Reads the body as text; null when it is larger than `limit` bytes. Under @hono/node-server it reads the Node
 * request stream directly: asking Hono for the body materialises a full WHATWG Request per call, which costs
 * more than the signature check it serves (bench/verify-http.ts). Elsewhere (tests through app.request) it
 * uses the standard Request.
 */
export async function bodyText(c: Context, limit = JSON_BODY_LIMIT): Promise<string | null> {
  const incoming = (c.env as { incoming?: IncomingLike } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead) {
    const text = await c.req.text();
    return Buffer.byteLength(text) > limit ? null : text;
  }
  return readNodeBody(incoming, limit);
}

/** No request body of ours nests deeper than this; the deepest, a batch or an application, is 3. */
export const MAX_JSON_DEPTH = 16;

/**
 * The deepest nesting of arrays and objects in a JSON text, found in one pass over the text before it is
 * parsed (brackets inside strings do not count), so that a body of two million '[' costs one linear scan
 * and a 422, never a recursive walk that overflows the stack (issue 21: a 2 MB nested batch answered 500
 * after 0.6 s of work; a 64 KB one on the login route too). Stops counting once past `max`.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > max) return true;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return false;
}

/** The 422 for a body nested past MAX_JSON_DEPTH (field code TOO_DEEP). */
export function tooDeep(): AppError {
  return new AppError('VALIDATION_FAILED', `the body is nested deeper than ${MAX_JSON_DEPTH} levels`, [
    {
      field: '(body)',
      code: 'TOO_DEEP',
      message: `at most ${MAX_JSON_DEPTH} levels`,
      params: { max: MAX_JSON_DEPTH },
    },
  ]);
}

/**
 * Any string in the value holds a NUL character (PostgreSQL text cannot store one: it answered 500). A loop
 * over a stack, not recursion: the depth is bounded before parsing, but the walk need not rely on it.
 */
function hasNul(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) for (const v of value) stack.push(v);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return true;
        stack.push(v);
      }
  }
  return false;
}

export async function jsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  limit = JSON_BODY_LIMIT,
  /** Told the body's size in bytes once it is read (the batch route weighs a body by it). */
  onSize?: (bytes: number) => void,
): Promise<z.infer<S>> {
  // Only JSON: a cross-site form or a text/plain fetch cannot send it without a CORS preflight, so no page
  // elsewhere can log a browser in or act on a session through these endpoints (login CSRF, issue 10).
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  let raw: unknown;
  try {
    const text = await bodyText(c, limit);
    if (text === null)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        limit === JSON_BODY_LIMIT ? BODY_TOO_LARGE : `the request body is larger than ${limit} bytes`,
      );
    onSize?.(Buffer.byteLength(text));
    if (jsonDepthExceeds(text)) throw tooDeep();
    raw = JSON.parse(text);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', BODY_NOT_JSON);
  }
  if (hasNul(raw))
    throw new AppError('VALIDATION_FAILED', 'text may not contain NUL characters', [
      { field: '(body)', code: 'NUL_CHARACTER', message: 'no NUL characters' },
    ]);
  // reportInput: zodProblems tells a missing field from a wrong one (the input itself is never sent back).
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'the request is not valid', zodProblems(parsed.error));
  return parsed.data;
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query(), { reportInput: true });
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', 'the query is not valid', zodProblems(parsed.error));
  return parsed.data;
}
