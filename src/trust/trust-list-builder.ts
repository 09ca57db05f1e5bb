// Building trust list entries and signing trust lists and JWKS. Used by the key ceremony CLI and by the
// service's development bootstrap; the format is described in docs/trust-and-keys.md.

import { toBase64Url } from '../core/bytes.js';
import type { Ed25519Signer } from '../core/crypto-port.js';
import { isoSeconds } from '../core/dates.js';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import { signJws } from '../core/jws.js';
import { TRUST_LIST_TYP, type TrustListKeyJson, type TrustListPayload } from '../core/trust-list.js';

const DAY = 86_400;
const YEAR = 365 * DAY;

export interface IssuerKeyTerms {
  office: string;
  documentTypes: string[];
  /** Start of the signing period, seconds. */
  from: number;
  /** Length of the signing period in days (default 365: a year, as ICAO advises for document signers). */
  signDays?: number;
}

/**
 * The certified attributes of a document-signing key. Its signatures stay valid until the last document it
 * could sign expires: the signing period plus the longest validity of its types (10 years for a passport),
 * or without end when it may sign a type that never expires (a birth certificate).
 */
export function issuerKeyEntry(
  publicKey: Uint8Array,
  kid: Uint8Array,
  terms: IssuerKeyTerms,
  registry: DocumentTypeRegistry,
): TrustListKeyJson {
  const signUntil = terms.from + (terms.signDays ?? 365) * DAY;
  const types = terms.documentTypes.map((name) => {
    const t = registry.byName(name);
    if (!t) throw new RangeError(`unknown document type ${name}`);
    return t;
  });
  const neverExpires = types.some((t) => !t.expiryField);
  return {
    kid: toBase64Url(kid),
    use: 'documents',
    office: terms.office,
    documentTypes: types.map((t) => t.name),
    signFrom: isoSeconds(terms.from),
    signUntil: isoSeconds(signUntil),
    validUntil: neverExpires ? null : isoSeconds(signUntil + 10 * YEAR + 3 * DAY),
    jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKey) },
  };
}

/** A status-list signing key: signs for a year, its lists are short-lived. */
export function statusKeyEntry(publicKey: Uint8Array, kid: Uint8Array, from: number): TrustListKeyJson {
  return {
    kid: toBase64Url(kid),
    use: 'status',
    signFrom: isoSeconds(from),
    signUntil: isoSeconds(from + YEAR),
    validUntil: isoSeconds(from + YEAR + 30 * DAY),
    jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKey) },
  };
}

/** The transparency log's checkpoint key: signs as long as the log runs (rotated by certifying a successor). */
export function logKeyEntry(publicKey: Uint8Array, kid: Uint8Array, from: number): TrustListKeyJson {
  return {
    kid: toBase64Url(kid),
    use: 'log',
    signFrom: isoSeconds(from),
    signUntil: isoSeconds(from + 10 * YEAR),
    validUntil: null,
    jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(publicKey) },
  };
}

export async function signTrustList(payload: TrustListPayload, root: Ed25519Signer): Promise<string> {
  return signJws(TRUST_LIST_TYP, payload, root);
}

export interface Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  key_ops: ['verify'];
  /** Our own members (RFC 7517 4 allows them): what the key is certified for. */
  'nbr:use': string;
  'nbr:office'?: string;
  'nbr:documentTypes'?: string[];
  /** ISO 8601: the period in which it may sign, and until when what it signed stays valid (null: no end). */
  'nbr:signFrom': string;
  'nbr:signUntil': string;
  'nbr:validUntil': string | null;
}

/**
 * The keys of one use as a JWKS (RFC 7517) for integrators with a JOSE or COSE library: `documents` (the
 * embassies' document keys, /.well-known/jwks.json) or `status` (the keys that may sign the status list,
 * /.well-known/status-jwks.json). Separate sets, and revoked keys in neither (issue 15: one set holding every
 * key let a status list signed by a document key, or by a revoked key, pass a plain JOSE check). Our own
 * `nbr:` members (RFC 7517 section 4) carry the terms. Not a substitute for the signed trust list, which
 * alone holds revoked keys with the log size of their revocation (docs/integrators.md, what to check).
 */
export function jwksFromTrustList(
  payload: TrustListPayload,
  use: 'documents' | 'status' = 'documents',
): { keys: Jwk[] } {
  return {
    keys: payload.keys
      .filter((k) => k.use === use && !k.revoked)
      .map((k) => ({
        kty: 'OKP',
        crv: 'Ed25519',
        x: k.jwk.x,
        kid: k.kid,
        alg: 'EdDSA',
        use: 'sig',
        key_ops: ['verify'],
        'nbr:use': k.use,
        ...(k.office ? { 'nbr:office': k.office } : {}),
        ...(k.documentTypes ? { 'nbr:documentTypes': k.documentTypes } : {}),
        'nbr:signFrom': k.signFrom,
        'nbr:signUntil': k.signUntil,
        'nbr:validUntil': k.validUntil ?? null,
      })),
  };
}
