// The closed list of verification outcomes. These strings are a public contract (API, CLI --json, the
// verifier page, test vectors): never rename or reuse one; add new ones at the end.

export const REASON_CODES = [
  'VALID',
  'MALFORMED',
  'UNSUPPORTED_VERSION',
  'UNSUPPORTED_ALGORITHM',
  'UNSUPPORTED_DOCUMENT_TYPE',
  'UNKNOWN_KEY',
  'SIGNATURE_INVALID',
  'ISSUER_MISMATCH',
  'KEY_NOT_ALLOWED_FOR_TYPE',
  'KEY_REVOKED',
  'SIGNED_OUTSIDE_KEY_PERIOD',
  'KEY_EXPIRED',
  'NOT_YET_VALID',
  'EXPIRED',
  'REVOKED',
  'STATUS_UNAVAILABLE',
  'STATUS_LIST_STALE',
  'TRUST_LIST_STALE',
  'NOT_REGISTERED',
  'UNCONFIRMED',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** VALID's words when no status list was given (a CLI run without --status): revocation was not checked. */
export const VALID_UNCHECKED_MESSAGE =
  'The document is authentic and in force; whether it was revoked was NOT checked (no status list).';

/** Plain-English explanations; the verifier page has its own translations keyed by the same codes. */
export const REASON_MESSAGES: Record<ReasonCode, string> = {
  VALID: 'The document is authentic, in force and not revoked.',
  MALFORMED: 'The code is not a readable New Belarus document (damaged, truncated or altered).',
  UNSUPPORTED_VERSION: 'The code uses a format version this verifier does not know.',
  UNSUPPORTED_ALGORITHM: 'The code is signed with an algorithm this verifier does not accept.',
  UNSUPPORTED_DOCUMENT_TYPE: 'The document type is not known to this verifier.',
  UNKNOWN_KEY: 'The document was signed by a key that is not in the trust list.',
  SIGNATURE_INVALID: 'The signature does not match: the document was altered or forged.',
  ISSUER_MISMATCH: 'The document names an issuing office other than the one its key belongs to.',
  KEY_NOT_ALLOWED_FOR_TYPE: 'The signing key is not authorised for this type of document.',
  KEY_REVOKED: 'The signing key was revoked before this document was signed.',
  SIGNED_OUTSIDE_KEY_PERIOD: 'The document was signed outside the period in which its key could sign.',
  KEY_EXPIRED: "The signing key's validity has ended.",
  NOT_YET_VALID: 'The document is not valid yet.',
  EXPIRED: 'The document has expired.',
  REVOKED: 'The document has been revoked by its issuer.',
  STATUS_UNAVAILABLE: 'The revocation status could not be checked.',
  STATUS_LIST_STALE: 'The revocation list is out of date; refresh it before relying on this check.',
  TRUST_LIST_STALE: 'The trust list is out of date; refresh it before relying on this check.',
  NOT_REGISTERED:
    'Signed with a trusted key, but the public log of issued documents does not hold it: not issued by the registry.',
  UNCONFIRMED:
    "The document is newer than this verifier's copy of the public log: refresh the copy, or check by other means.",
};
