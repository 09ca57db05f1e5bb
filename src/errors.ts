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
  /** The holder's documents changed after approval: approve again (services/registry/supersede-snapshot.ts). */
  'APPROVAL_STALE',
  /** An account with a one-time activation code can only set its own password (services/staff/activation.ts). */
  'PASSWORD_CHANGE_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'WRONG_PASSPHRASE',
  'KEY_FILE_INVALID',
  'DATA_KEY_FILE_MISSING',
  'DATA_KEY_MISSING',
  'DATA_KEY_MISMATCH',
  'DATA_CORRUPT',
  'DATA_NOT_MIGRATED',
  'NO_SIGNING_KEY',
  'TRUST_LIST_INVALID',
  'STATUS_LIST_INVALID',
  'STATUS_LIST_FULL',
  'BACKUP_INVALID',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
  /** The instance is stopping: retry (another instance answers). */
  'SERVICE_STOPPING',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What is wrong with one field, as a stable code a client can say in its own language (docs/api.md, "Field
 * problems"); `params` carries the numbers and values the code's sentence needs, `message` the server's
 * English.
 */
export const FIELD_CODES = [
  'REQUIRED', // missing or empty
  'UNKNOWN_FIELD', // not a field of this request or of this document type
  'WRONG_TYPE', // params.expected: string, number, boolean, object
  'TOO_SHORT', // params.min: characters at least
  'TOO_LONG', // params.max: characters at most
  'OUT_OF_RANGE', // params.min, params.max
  'ONE_OF', // params.values: the allowed values, comma-separated
  'FORMAT', // params.format: uuid, email, pattern...
  'DATE', // a real calendar date, YYYY-MM-DD
  'DATE_IN_FUTURE', // a real date, but one that cannot lie in the future
  'CYRILLIC_NAME', // Belarusian Cyrillic letters, spaces, hyphens and apostrophes
  'LATIN_NAME', // capital Latin letters, spaces, hyphens and apostrophes
  'PERSON_NAME', // letters of any alphabet, spaces, hyphens, apostrophes and dots (someone else's full name)
  'PLAIN_TEXT', // text without markup (< >) or control characters
  'PERSONAL_NUMBER', // 14 digits and capital Latin letters
  'DOCUMENT_NUMBER', // 1-9 digits and capital Latin letters
  'OFFICE_CODE', // two capital letters, optionally a hyphen and 2-8 more (PL-WAW)
  'UNKNOWN_DOCUMENT_TYPE', // params.values: the known types
  'PHOTO_FORMAT', // JPEG or PNG
  'PHOTO_UNREADABLE', // the image's size cannot be read
  'PHOTO_TOO_SMALL', // params.width, params.height: the least size in pixels
  'PHOTO_NOT_PORTRAIT', // taller than wide
  'PHOTO_REQUIRED', // the document type carries a portrait and the applicant has none
  'PHOTO_TOO_DARK', // params.min: the face region's mean brightness (0-255) is below this
  'PHOTO_FLAT', // params.min: the face region's contrast is below this: nobody could be recognised in the seal
  'TAKEN', // already used by another record
  'WRONG_PASSWORD',
  'SAME_PASSWORD', // the new password equals the current one
  'UNCHANGED', // the value asked for is the current one
  'OFFICE_FOR_ROLE', // cabinet admins have no office, everyone else has one
  'SEND_SEPARATELY', // changes that take effect at once and ones that need a second person, in one request
  'PASSPORT_ONLY', // an option that only passports have
  'BAD_CURSOR', // not the nextCursor of the previous page
  'NUL_CHARACTER', // text with a NUL character
  'TOO_DEEP', // params.max: JSON nested deeper than this
  'INVALID', // anything else: the message says what
] as const;

export type FieldCode = (typeof FIELD_CODES)[number];

export interface FieldProblem {
  field: string;
  code: FieldCode;
  message: string;
  params?: Record<string, string | number>;
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
