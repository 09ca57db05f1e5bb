// Application errors (infrastructure and bad requests, not verification outcomes, which are values).
// The code is a stable contract for API clients and the CLI; HTTP status is chosen in src/http/errors.ts.

export const ERROR_CODES = [
  'BAD_REQUEST',
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_STATE',
  'TWO_PERSON_RULE',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'WRONG_PASSPHRASE',
  'KEY_FILE_INVALID',
  'NO_SIGNING_KEY',
  'TRUST_LIST_INVALID',
  'STATUS_LIST_INVALID',
  'STATUS_LIST_FULL',
  'BACKUP_INVALID',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
    options?: { cause?: unknown; retryAfter?: number },
  ) {
    super(message, options);
    if (options?.retryAfter !== undefined) this.retryAfter = options.retryAfter;
  }
  /** Seconds after which a retry may succeed (RATE_LIMITED): sent as Retry-After. */
  retryAfter?: number;
}
