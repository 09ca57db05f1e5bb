// The QR text: "NB2:" followed by base45(COSE_Sign1). docs/qr-format.md section 2. Version 2 added the
// transparency log index to the payload; "NB1:" codes (never issued for real) are an unsupported version.

import { decodeBase45, encodeBase45 } from './base45.js';

export const QR_PREFIX = 'NB2:';
/** Longer than any QR code can hold (version 40-L alphanumeric holds 4,296 characters). */
export const MAX_QR_TEXT_LENGTH = 4296;

export type QrTextProblem = 'UNSUPPORTED_VERSION' | 'MALFORMED';

export function toQrText(coseBytes: Uint8Array): string {
  return QR_PREFIX + encodeBase45(coseBytes);
}

/** Splits the prefix off and decodes the base45 body; returns the problem as a value instead of throwing. */
export function fromQrText(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; code: QrTextProblem; message: string } {
  if (typeof text !== 'string') return { ok: false, code: 'MALFORMED', message: 'input is not text' };
  if (text.length > MAX_QR_TEXT_LENGTH)
    return { ok: false, code: 'MALFORMED', message: 'input longer than any QR code' };
  if (!text.startsWith(QR_PREFIX)) {
    // A well-formed prefix of another version ("NB1:", "NB3:") is another format, not garbage.
    if (/^NB[0-9]+:/.test(text))
      return {
        ok: false,
        code: 'UNSUPPORTED_VERSION',
        message: `unsupported format version ${text.slice(0, text.indexOf(':') + 1)}`,
      };
    return { ok: false, code: 'MALFORMED', message: `missing ${QR_PREFIX} prefix` };
  }
  try {
    return { ok: true, bytes: decodeBase45(text.slice(QR_PREFIX.length)) };
  } catch (e) {
    return { ok: false, code: 'MALFORMED', message: (e as Error).message };
  }
}
