// Standard base64 with padding (RFC 4648 section 4), as the C2SP note, checkpoint and witness texts use it.
// Built on the strict base64url codec, so that the same canonical-encoding rules apply.

import { fromBase64Url, toBase64Url } from '../bytes.js';

export function toBase64(bytes: Uint8Array): string {
  const url = toBase64Url(bytes).replaceAll('-', '+').replaceAll('_', '/');
  return url + '='.repeat((4 - (url.length % 4)) % 4);
}

/** Strict: padding required, no whitespace, canonical trailing bits. @throws {TypeError} */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0 || /[-_]/.test(text)) throw new TypeError('invalid base64');
  const body = text.replace(/={1,2}$/, '');
  if (body.includes('=')) throw new TypeError('invalid base64 padding');
  return fromBase64Url(body.replaceAll('+', '-').replaceAll('/', '_'));
}
