// Request validation at the edge: JSON bodies and query strings through zod schemas.

import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { zodProblems } from './errors.js';

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
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
