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

/** Any string in the value holds a NUL character (PostgreSQL text cannot store one: it answered 500). */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object')
    return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v));
  return false;
}

export async function jsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  limit = JSON_BODY_LIMIT,
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
