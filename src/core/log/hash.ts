// SHA-256 for the log, from @noble/hashes: synchronous (a verifier hashes a million leaves in a loop, which
// WebCrypto's one-promise-per-digest API makes slow) and the same code in Node and the browser.

import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return nobleSha256(parts[0]!);
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}
