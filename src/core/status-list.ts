// The revocation status list, in the spirit of the W3C Bitstring Status List: one bit per status index,
// index 0 the most significant bit of the first byte, gzip-compressed and base64url-encoded, signed as a
// JWS by a key the trust list marks with use "status". At least 131,072 entries, so that learning which
// index someone asked about says little, and indices are allocated at random.

import { gunzipSync, gzipSync } from 'fflate';
import { fromBase64Url, toBase64Url } from './bytes.js';
import type { Ed25519Signer } from './crypto-port.js';
import { parseJws, signJws, verifyJwsSignature } from './jws.js';
import { parseIsoSeconds, type OpenResult, type TrustList } from './trust-list.js';
import { isoSeconds } from './dates.js';

export const STATUS_LIST_TYP = 'nbr-status-list+jws';
export const MIN_STATUS_LIST_SIZE = 131_072;
export const MAX_STATUS_LIST_SIZE = 1 << 24;

export interface StatusListPayload {
  iss: string;
  issuedAt: string;
  nextUpdate: string;
  size: number;
  encoding: 'gzip+base64url';
  bits: string;
}

export interface StatusList {
  issuedAt: number;
  nextUpdate: number;
  size: number;
  isRevoked(index: number): boolean;
  source: string;
}

export function setBit(bits: Uint8Array, index: number, value: boolean): void {
  const mask = 0x80 >> (index % 8);
  const byte = index >> 3;
  bits[byte] = value ? bits[byte]! | mask : bits[byte]! & ~mask;
}

export function getBit(bits: Uint8Array, index: number): boolean {
  return (bits[index >> 3]! & (0x80 >> (index % 8))) !== 0;
}

export async function signStatusList(
  bits: Uint8Array,
  size: number,
  times: { issuedAt: number; nextUpdate: number },
  iss: string,
  signer: Ed25519Signer,
): Promise<string> {
  if (bits.length * 8 !== size) throw new RangeError('bitstring length does not match size');
  // mtime 0 keeps the output a pure function of the bits, so an unchanged list gets an unchanged ETag.
  const payload: StatusListPayload = {
    iss,
    issuedAt: isoSeconds(times.issuedAt),
    nextUpdate: isoSeconds(times.nextUpdate),
    size,
    encoding: 'gzip+base64url',
    bits: toBase64Url(gzipSync(bits, { mtime: 0 })),
  };
  return signJws(STATUS_LIST_TYP, payload, signer);
}

/** Checks the status list's signature against the trust list's status keys, then decompresses it. */
/** When the trust list states no maximum: a week, against a default service TTL of a day. */
export const DEFAULT_STATUS_LIST_MAX_VALIDITY = 7 * 86_400;

export async function openStatusList(text: string, trust: TrustList): Promise<OpenResult<StatusList>> {
  try {
    const jws = parseJws(text, STATUS_LIST_TYP);
    const signers = trust.keys.filter((k) => k.use === 'status' && k.kid === jws.header.kid);
    if (signers.length === 0)
      return {
        ok: false,
        code: 'STATUS_LIST_INVALID',
        message: 'status list signed by a key not in the trust list',
      };
    let signer;
    for (const k of signers) if (await verifyJwsSignature(jws, k.key)) signer = k;
    if (!signer) return { ok: false, code: 'STATUS_LIST_INVALID', message: 'status list signature invalid' };
    const p = jws.payload as StatusListPayload;
    const issuedAt = parseIsoSeconds(p.issuedAt, 'issuedAt');
    if (signer.revokedAt !== undefined && issuedAt >= signer.revokedAt) {
      return { ok: false, code: 'STATUS_LIST_INVALID', message: 'status list signed with a revoked key' };
    }
    if (issuedAt < signer.signFrom || issuedAt > signer.signUntil) {
      return { ok: false, code: 'STATUS_LIST_INVALID', message: 'status list signed outside its key period' };
    }
    // A list valid for long would let an old "nothing revoked" list outlive revocations (issue 9 item 8).
    const nextUpdate = parseIsoSeconds(p.nextUpdate, 'nextUpdate');
    const maxValidity = trust.statusListMaxValidity ?? DEFAULT_STATUS_LIST_MAX_VALIDITY;
    if (nextUpdate - issuedAt > maxValidity)
      return {
        ok: false,
        code: 'STATUS_LIST_INVALID',
        message: `status list valid for longer than the trust list allows (${maxValidity} s)`,
      };
    if (p.encoding !== 'gzip+base64url')
      return { ok: false, code: 'STATUS_LIST_INVALID', message: 'unknown status list encoding' };
    if (
      !Number.isSafeInteger(p.size) ||
      p.size < MIN_STATUS_LIST_SIZE ||
      p.size > MAX_STATUS_LIST_SIZE ||
      p.size % 8 !== 0
    ) {
      return { ok: false, code: 'STATUS_LIST_INVALID', message: 'status list size out of range' };
    }
    const bits = gunzipSync(fromBase64Url(p.bits));
    if (bits.length * 8 !== p.size)
      return {
        ok: false,
        code: 'STATUS_LIST_INVALID',
        message: 'status list length does not match its size',
      };
    return {
      ok: true,
      value: {
        issuedAt,
        nextUpdate: parseIsoSeconds(p.nextUpdate, 'nextUpdate'),
        size: p.size,
        isRevoked: (index) => getBit(bits, index),
        source: text.trim(),
      },
    };
  } catch (e) {
    return { ok: false, code: 'STATUS_LIST_INVALID', message: (e as Error).message };
  }
}
