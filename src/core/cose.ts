// COSE_Sign1 (RFC 9052 section 4.2) with EdDSA (alg -8, RFC 9053 section 2.2), tagged with CBOR tag 18.

import { CborError, CborTag, decodeCbor, encodeCbor, type CborValue } from './cbor.js';

export const COSE_SIGN1_TAG = 18;
export const COSE_HEADER_ALG = 1;
export const COSE_HEADER_KID = 4;
export const COSE_ALG_EDDSA = -8;

export interface CoseSign1 {
  /** The serialized protected header exactly as signed. */
  protectedBytes: Uint8Array;
  alg: number;
  kid: Uint8Array;
  payload: Uint8Array;
  signature: Uint8Array;
}

// The constant start of every Sig_structure: array(4), text(10) "Signature1".
const SIG_STRUCTURE_START = encodeCbor(['Signature1']).subarray(1);

/** The head of a byte string of `length` bytes, written at `at`; returns the position after it. */
function writeBstrHead(out: Uint8Array, at: number, length: number): number {
  if (length < 24) {
    out[at] = 0x40 | length;
    return at + 1;
  }
  if (length < 0x100) {
    out[at] = 0x58;
    out[at + 1] = length;
    return at + 2;
  }
  out[at] = 0x59; // up to 65,535 bytes; sigStructure hands anything longer to encodeCbor
  out[at + 1] = length >> 8;
  out[at + 2] = length & 0xff;
  return at + 3;
}

/**
 * RFC 9052 section 4.4: Sig_structure = ["Signature1", body_protected, external_aad, payload], with an empty
 * external_aad. Written straight into one buffer: it is built for every verification.
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  if (protectedBytes.length > 0xffff || payload.length > 0xffff)
    return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
  const out = new Uint8Array(
    1 + SIG_STRUCTURE_START.length + 3 + protectedBytes.length + 1 + 3 + payload.length,
  );
  out[0] = 0x84;
  out.set(SIG_STRUCTURE_START, 1);
  let at = writeBstrHead(out, 1 + SIG_STRUCTURE_START.length, protectedBytes.length);
  out.set(protectedBytes, at);
  at += protectedBytes.length;
  out[at++] = 0x40; // external_aad: empty byte string
  at = writeBstrHead(out, at, payload.length);
  out.set(payload, at);
  return out.subarray(0, at + payload.length);
}

export function encodeProtectedHeader(kid: Uint8Array): Uint8Array {
  return encodeCbor(
    new Map<number, CborValue>([
      [COSE_HEADER_ALG, COSE_ALG_EDDSA],
      [COSE_HEADER_KID, kid],
    ]),
  );
}

export function encodeCoseSign1(
  protectedBytes: Uint8Array,
  payload: Uint8Array,
  signature: Uint8Array,
): Uint8Array {
  return encodeCbor(new CborTag(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

/**
 * Parses a tagged COSE_Sign1 and its protected header. Structural problems throw CborError.
 * The unprotected header must be empty: nothing a verifier relies on may sit outside the signature.
 */
export function decodeCoseSign1(bytes: Uint8Array): CoseSign1 {
  const top = decodeCbor(bytes);
  if (!(top instanceof CborTag) || top.tag !== COSE_SIGN1_TAG) throw new CborError('not a tagged COSE_Sign1');
  const arr = top.value;
  if (!Array.isArray(arr) || arr.length !== 4) throw new CborError('COSE_Sign1 must be an array of 4');
  const [protectedBytes, unprotected, payload, signature] = arr;
  if (!(protectedBytes instanceof Uint8Array)) throw new CborError('protected header must be a byte string');
  if (!(unprotected instanceof Map) || unprotected.size !== 0)
    throw new CborError('unprotected header must be an empty map');
  if (!(payload instanceof Uint8Array)) throw new CborError('payload must be a byte string');
  if (!(signature instanceof Uint8Array)) throw new CborError('signature must be a byte string');
  const header = decodeCbor(protectedBytes);
  if (!(header instanceof Map)) throw new CborError('protected header must be a map');
  for (const key of header.keys()) {
    if (key !== COSE_HEADER_ALG && key !== COSE_HEADER_KID)
      throw new CborError(`unexpected protected header label ${String(key)}`);
  }
  const alg = header.get(COSE_HEADER_ALG);
  const kid = header.get(COSE_HEADER_KID);
  if (typeof alg !== 'number') throw new CborError('protected header lacks alg');
  if (!(kid instanceof Uint8Array) || kid.length === 0 || kid.length > 32)
    throw new CborError('protected header lacks a kid');
  // No re-encoding check is needed: decodeCbor accepts only deterministic encoding (shortest heads, no
  // trailing bytes), so these bytes are the one encoding of what was decoded.
  return { protectedBytes, alg, kid, payload, signature };
}
