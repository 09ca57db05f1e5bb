// Request validation at the edge: JSON bodies and query strings through zod schemas.

import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zodProblems } from './errors.js';

/** JSON bodies larger than this are refused (the app checks Content-Length first, reading checks the rest). */
export const JSON_BODY_LIMIT = 64 * 1024;

interface IncomingLike {
  readableDidRead?: boolean;
  on(event: 'data', fn: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'error', fn: (arg?: unknown) => void): unknown;
  destroy(): void;
}

/**
 * Reads the body as text. Under @hono/node-server it reads the Node request stream directly: asking Hono for
 * the body materialises a full WHATWG Request per call, which costs more than the signature check it serves
 * (bench/verify-http.ts). Elsewhere (tests through app.request) it uses the standard Request.
 */
async function bodyText(c: Context): Promise<string> {
  const incoming = (c.env as { incoming?: IncomingLike } | undefined)?.incoming;
  if (!incoming || incoming.readableDidRead) {
    const text = await c.req.text();
    if (text.length > JSON_BODY_LIMIT) throw new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${JSON_BODY_LIMIT} bytes`);
    return text;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > JSON_BODY_LIMIT) {
        incoming.destroy();
        reject(new AppError('PAYLOAD_TOO_LARGE', `the request body is larger than ${JSON_BODY_LIMIT} bytes`));
      } else chunks.push(chunk);
    });
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', reject);
  });
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await bodyText(c));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', 'the body must be JSON (Content-Type: application/json)');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'the request is not valid', zodProblems(parsed.error));
  return parsed.data;
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'the query is not valid', zodProblems(parsed.error));
  return parsed.data;
}
