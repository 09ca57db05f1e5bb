// The one mapping from error codes to HTTP statuses, and the one JSON error shape:
//   { "error": { "code": "VALIDATION_FAILED", "message": "...", "fields": [{ "field": "...", "message": "..." }] } }

import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, type ErrorCode, type FieldCode, type FieldProblem } from '../errors.js';

export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  TWO_PERSON_RULE: 403,
  APPROVAL_STALE: 409,
  PASSWORD_CHANGE_REQUIRED: 403,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  WRONG_PASSPHRASE: 500,
  KEY_FILE_INVALID: 500,
  DATA_KEY_FILE_MISSING: 500,
  DATA_KEY_MISSING: 500,
  DATA_KEY_MISMATCH: 500,
  DATA_CORRUPT: 500,
  DATA_NOT_MIGRATED: 503,
  NO_SIGNING_KEY: 503,
  TRUST_LIST_INVALID: 503,
  STATUS_LIST_INVALID: 503,
  STATUS_LIST_FULL: 503,
  BACKUP_INVALID: 422,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  SERVICE_STOPPING: 503,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
};

export function errorBody(code: ErrorCode, message: string, fields?: FieldProblem[]) {
  return { error: { code, message, ...(fields && fields.length ? { fields } : {}) } };
}

/** zod's issues as field problems with our stable codes (zod's own messages kept as the English text). */
/** The message of a date schema's pattern (src/http/schemas.ts): its problems get the code DATE. */
export const DATE_SHAPE = 'YYYY-MM-DD';

export function zodProblems(e: ZodError): FieldProblem[] {
  return e.issues.flatMap((i): FieldProblem[] => {
    const field = i.path.join('.') || '(body)';
    const problem = (code: FieldCode, params?: FieldProblem['params']): FieldProblem => ({
      field,
      code,
      message: i.message,
      ...(params ? { params } : {}),
    });
    // Parsed with reportInput (src/http/validate.ts) an issue carries its input, which tells a missing or
    // empty field from a wrong one; without it, zod's message does. The input is never passed on.
    const missing =
      'input' in i ? i.input === undefined || i.input === '' : /received undefined$/.test(i.message);
    if (missing && i.code !== 'unrecognized_keys') return [problem('REQUIRED')];
    switch (i.code) {
      case 'invalid_type':
        return [problem('WRONG_TYPE', { expected: i.expected })];
      case 'too_small':
        if (i.origin === 'string')
          return [
            Number(i.minimum) <= 1 ? problem('REQUIRED') : problem('TOO_SHORT', { min: Number(i.minimum) }),
          ];
        return [problem('OUT_OF_RANGE', { min: Number(i.minimum) })];
      case 'too_big':
        return [
          i.origin === 'string'
            ? problem('TOO_LONG', { max: Number(i.maximum) })
            : problem('OUT_OF_RANGE', { max: Number(i.maximum) }),
        ];
      case 'invalid_value':
        return [problem('ONE_OF', { values: i.values.map(String).join(', ') })];
      case 'invalid_format':
        return [
          i.format === 'date' || i.message === DATE_SHAPE
            ? problem('DATE')
            : problem('FORMAT', { format: i.format }),
        ];
      case 'unrecognized_keys':
        return i.keys.map((k) => ({
          field: [...i.path, k].join('.'),
          code: 'UNKNOWN_FIELD' as const,
          message: 'not a field of this request',
        }));
      default:
        return [problem('INVALID')];
    }
  });
}

export type ErrorLogger = (event: { code: ErrorCode; route: string; error?: unknown }) => void;

export function handleError(err: Error, c: Context, log: ErrorLogger): Response {
  if (err instanceof AppError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    return c.json(errorBody(err.code, err.message, err.fields), STATUS[err.code]);
  }
  if (err instanceof ZodError)
    return c.json(errorBody('VALIDATION_FAILED', 'the request is not valid', zodProblems(err)), 422);
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return c.json(errorBody('PAYLOAD_TOO_LARGE', 'the request body is too large'), 413);
    return c.json(errorBody('BAD_REQUEST', err.message || 'bad request'), err.status as ContentfulStatusCode);
  }
  if (err instanceof SyntaxError) return c.json(errorBody('BAD_REQUEST', 'the body is not valid JSON'), 400);
  if (isDatabaseUnavailable(err)) {
    log({ code: 'DATABASE_UNAVAILABLE', route: c.req.routePath });
    c.header('Retry-After', '5');
    return c.json(errorBody('DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly'), 503);
  }
  // Unexpected: log the error class and route only; messages may contain data.
  log({ code: 'INTERNAL', route: c.req.routePath, error: err });
  return c.json(errorBody('INTERNAL', 'internal error'), 500);
}
