// Key identifier: the first 8 bytes of SHA-256 over the raw public key, as the EU DCC derives kids from
// certificates. 8 bytes keep the QR small; collisions are handled by trying every key with the kid.

import { createHash } from 'node:crypto';

export function kidFor(publicKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(publicKey).digest().subarray(0, 8));
}
