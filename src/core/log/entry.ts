// What the log holds for a document: 8 bytes of SHA-256 over the COSE Sig_structure and the signature, so
// that a leaf names no person and cannot be linked to one without the document itself (the signature is
// unpredictable without the issuer's key), while a verifier's copy of a million leaves stays near 8 MB.
//
// Why 8 bytes is enough: the document's log index is inside its signed payload, so a forger holding a
// stolen issuer key must make one document whose commitment equals the one value stored at the index it
// claims: 2^64 signing attempts on average, not 2^64 / N as against a set of N short hashes
// (where matching any member of the set suffices).

import { concatBytes } from '../bytes.js';
import { sha256 } from './hash.js';

export const ENTRY_SIZE = 8;
const DOMAIN = new TextEncoder().encode('nbr-log-entry/v1\n');

/** sigStructure: the COSE Sig_structure the issuer signed (RFC 9052 section 4.4); signature: its 64 bytes. */
export function documentEntry(sigStructure: Uint8Array, signature: Uint8Array): Uint8Array {
  return sha256(concatBytes(DOMAIN, sigStructure, signature)).subarray(0, ENTRY_SIZE);
}
