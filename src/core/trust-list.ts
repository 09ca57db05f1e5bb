// The trust list: the Cabinet root's signed statement of which keys may sign what, and until when.
// Modelled on the EU DCC trust list and ICAO's CSCA -> document signer chain, flattened into one file:
// the root certifies every issuer key by listing it. docs/trust-and-keys.md describes the format.

import { fromBase64Url } from './bytes.js';
import type { Ed25519PublicKey, ImportEd25519Key } from './crypto-port.js';
import { parseJws, verifyJwsSignature } from './jws.js';
import type { LogPolicy } from './log/checkpoint.js';
import {
  formatVerifierKey,
  keyId,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  validKeyName,
  type VerifierKey,
} from './log/note.js';

export const TRUST_LIST_TYP = 'nbr-trust-list+jws';

/** documents: signs documents; status: signs status lists; log: signs the transparency log's checkpoints. */
export type KeyUse = 'documents' | 'status' | 'log';

/** The JSON form of one key entry, as signed into the trust list. */
export interface TrustListKeyJson {
  kid: string;
  use: KeyUse;
  office?: string;
  documentTypes?: string[];
  /** Start and end of the period in which the key may sign (ISO 8601). */
  signFrom: string;
  signUntil: string;
  /** Signatures stay valid until then (the expiry of the last document the key can sign); null = no end. */
  validUntil: string | null;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  /**
   * at: when the key was revoked. logSize: the size of the transparency log at the revocation; documents
   * of this key are accepted only at log positions below it, so a thief cannot backdate past a revocation
   * (the signer chooses iat, but not the position the log gave the document).
   */
  revoked?: { at: string; reason: string; logSize?: number };
}

/** The transparency log the verifiers require (docs/transparency-log.md): a C2SP tlog-policy in JSON. */
export interface TrustListLogJson {
  /** Checkpoint origin line, also the log key's note name. */
  origin: string;
  /** Seconds within which an issued document appears in a cosigned checkpoint. */
  maxMergeDelay: number;
  /**
   * Witness cosigner keys as C2SP verifier keys (type 0x04), and how many must cosign. `url`, optional: where
   * the log asks the witness to cosign (its add-checkpoint endpoint's base); verifiers ignore it.
   */
  witnesses: { name: string; key: string; url?: string }[];
  quorum: number;
}

export interface OfficeJson {
  code: string;
  name: string;
  country: string;
}

export interface TrustListPayload {
  iss: string;
  sequence: number;
  issuedAt: string;
  nextUpdate: string;
  offices: OfficeJson[];
  keys: TrustListKeyJson[];
  log?: TrustListLogJson;
  /** Seconds a status list may be valid (nextUpdate - issuedAt) at most; verifiers refuse longer ones. */
  statusListMaxValidity?: number;
}

export interface TrustedKey {
  kid: string;
  kidBytes: Uint8Array;
  use: KeyUse;
  office?: string;
  documentTypes: string[];
  signFrom: number;
  signUntil: number;
  validUntil: number | null;
  revokedAt?: number;
  revocationReason?: string;
  /** Documents at log positions from this one on are refused (KEY_REVOKED). */
  revokedAtLogSize?: number;
  key: Ed25519PublicKey;
}

/** Whether the key may sign at `at` (seconds): inside its signing period and before any revocation. */
export function maySignAt(
  key: Pick<TrustedKey, 'signFrom' | 'signUntil' | 'revokedAt'>,
  at: number,
): boolean {
  return key.signFrom <= at && at <= key.signUntil && (key.revokedAt === undefined || at < key.revokedAt);
}

export interface TrustList {
  iss: string;
  sequence: number;
  issuedAt: number;
  nextUpdate: number;
  offices: Map<string, OfficeJson>;
  keys: TrustedKey[];
  /** The log policy; absent from lists made before the log existed (verifiers then cannot say VALID). */
  log?: LogPolicy;
  statusListMaxValidity?: number;
  /** Entries skipped because they were malformed; one bad entry must not disable the others. */
  warnings: string[];
  /** The signed text, kept so it can be re-published or embedded as is. */
  source: string;
}

export interface RootKey {
  kid: string;
  key: Ed25519PublicKey;
}

export type OpenResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'TRUST_LIST_INVALID' | 'STATUS_LIST_INVALID'; message: string };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** ISO 8601 UTC time to seconds. @throws {TypeError} */
export function parseIsoSeconds(value: unknown, what: string): number {
  if (typeof value !== 'string' || !ISO.test(value))
    throw new TypeError(`${what} must be an ISO 8601 UTC time`);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`${what} is not a real time`);
  return Math.floor(ms / 1000);
}

async function parseKey(entry: TrustListKeyJson, importKey: ImportEd25519Key): Promise<TrustedKey> {
  if (typeof entry !== 'object' || entry === null) throw new TypeError('entry is not an object');
  if (typeof entry.kid !== 'string' || entry.kid.length === 0) throw new TypeError('kid missing');
  if (entry.use !== 'documents' && entry.use !== 'status' && entry.use !== 'log')
    throw new TypeError(`unknown use ${String(entry.use)}`);
  if (entry.jwk?.kty !== 'OKP' || entry.jwk.crv !== 'Ed25519' || typeof entry.jwk.x !== 'string')
    throw new TypeError('jwk is not an Ed25519 public key');
  const raw = fromBase64Url(entry.jwk.x);
  if (raw.length !== 32) throw new TypeError('Ed25519 public key must be 32 bytes');
  if (
    entry.use === 'documents' &&
    (typeof entry.office !== 'string' || !Array.isArray(entry.documentTypes))
  ) {
    throw new TypeError('a documents key needs office and documentTypes');
  }
  const key: TrustedKey = {
    kid: entry.kid,
    kidBytes: fromBase64Url(entry.kid),
    use: entry.use,
    documentTypes: (entry.documentTypes ?? []).filter((t): t is string => typeof t === 'string'),
    signFrom: parseIsoSeconds(entry.signFrom, 'signFrom'),
    signUntil: parseIsoSeconds(entry.signUntil, 'signUntil'),
    validUntil: entry.validUntil === null ? null : parseIsoSeconds(entry.validUntil, 'validUntil'),
    key: await importKey(raw),
  };
  if (entry.office !== undefined) key.office = entry.office;
  if (entry.revoked !== undefined) {
    key.revokedAt = parseIsoSeconds(entry.revoked.at, 'revoked.at');
    key.revocationReason = String(entry.revoked.reason ?? 'unspecified');
    if (entry.revoked.logSize !== undefined) {
      if (!Number.isSafeInteger(entry.revoked.logSize) || entry.revoked.logSize < 0)
        throw new TypeError('revoked.logSize must be a log size');
      key.revokedAtLogSize = entry.revoked.logSize;
    }
  }
  return key;
}

/**
 * Checks the root's signature on a trust list and parses it. Malformed key entries are skipped with a
 * warning (EU DCC lesson: one bad key must not take the whole list down); a bad signature or a bad
 * envelope rejects the whole file. Freshness is not judged here but by verify(), against its clock.
 */
export async function openTrustList(
  text: string,
  roots: readonly RootKey[],
  importKey: ImportEd25519Key,
): Promise<OpenResult<TrustList>> {
  try {
    const jws = parseJws(text, TRUST_LIST_TYP);
    const candidates = roots.filter((r) => r.kid === jws.header.kid);
    if (candidates.length === 0)
      return {
        ok: false,
        code: 'TRUST_LIST_INVALID',
        message: `trust list signed by unknown root ${jws.header.kid}`,
      };
    let verified = false;
    for (const root of candidates) if (await verifyJwsSignature(jws, root.key)) verified = true;
    if (!verified) return { ok: false, code: 'TRUST_LIST_INVALID', message: 'trust list signature invalid' };
    const p = jws.payload as TrustListPayload;
    if (typeof p !== 'object' || p === null || !Array.isArray(p.keys) || !Array.isArray(p.offices)) {
      return { ok: false, code: 'TRUST_LIST_INVALID', message: 'trust list payload malformed' };
    }
    const warnings: string[] = [];
    const keys: TrustedKey[] = [];
    for (const [i, entry] of p.keys.entries()) {
      try {
        keys.push(await parseKey(entry, importKey));
      } catch (e) {
        warnings.push(
          `key entry ${i} (${String((entry as { kid?: unknown })?.kid)}) skipped: ${(e as Error).message}`,
        );
      }
    }
    const offices = new Map<string, OfficeJson>();
    for (const o of p.offices) if (o && typeof o.code === 'string') offices.set(o.code, o);
    const log = p.log === undefined ? undefined : await parseLogPolicy(p.log, keys, importKey);
    return {
      ok: true,
      value: {
        ...(log ? { log } : {}),
        ...(Number.isSafeInteger(p.statusListMaxValidity) && p.statusListMaxValidity! > 0
          ? { statusListMaxValidity: p.statusListMaxValidity! }
          : {}),
        iss: String(p.iss),
        sequence: Number(p.sequence),
        issuedAt: parseIsoSeconds(p.issuedAt, 'issuedAt'),
        nextUpdate: parseIsoSeconds(p.nextUpdate, 'nextUpdate'),
        offices,
        keys,
        warnings,
        source: text.trim(),
      },
    };
  } catch (e) {
    return { ok: false, code: 'TRUST_LIST_INVALID', message: (e as Error).message };
  }
}

/**
 * The log section: its origin names the log key (the trust list key of use "log" that is not revoked; a
 * successor is certified before the old one is revoked), the witnesses are cosigner verifier keys. A
 * malformed section rejects the whole list: a verifier without a usable log policy cannot say VALID anyway.
 * @throws {TypeError}
 */
async function parseLogPolicy(
  json: TrustListLogJson,
  keys: readonly TrustedKey[],
  importKey: ImportEd25519Key,
): Promise<LogPolicy> {
  if (
    typeof json !== 'object' ||
    json === null ||
    typeof json.origin !== 'string' ||
    !validKeyName(json.origin)
  )
    throw new TypeError('log.origin must be a key name');
  if (!Number.isSafeInteger(json.maxMergeDelay) || json.maxMergeDelay <= 0)
    throw new TypeError('log.maxMergeDelay must be a positive number of seconds');
  if (!Array.isArray(json.witnesses) || !Number.isSafeInteger(json.quorum) || json.quorum < 0)
    throw new TypeError('log.witnesses and log.quorum are required');
  if (json.quorum > json.witnesses.length) throw new TypeError('log.quorum is larger than the witness list');
  const logKey = keys.filter((k) => k.use === 'log' && k.revokedAt === undefined).at(-1);
  if (!logKey) throw new TypeError('no log key for the log section');
  const log: VerifierKey = {
    name: json.origin,
    type: SIG_ED25519,
    keyId: keyId(json.origin, SIG_ED25519, logKey.key.raw),
    key: logKey.key,
    text: formatVerifierKey(json.origin, SIG_ED25519, logKey.key.raw),
  };
  const witnesses: VerifierKey[] = [];
  const witnessUrls: string[] = [];
  for (const w of json.witnesses) {
    const key = await parseVerifierKey(String(w?.key), importKey);
    if (key.type !== SIG_COSIGNATURE_V1 || key.name !== w.name)
      throw new TypeError(`witness ${String(w?.name)}: not a cosignature key of that name`);
    witnesses.push(key);
    if (w.url !== undefined) {
      if (typeof w.url !== 'string' || !/^https?:\/\/[^\s]+$/.test(w.url))
        throw new TypeError(`witness ${w.name}: url must be an http(s) URL`);
      witnessUrls.push(w.url.replace(/\/$/, ''));
    }
  }
  return {
    origin: json.origin,
    log,
    witnesses,
    quorum: json.quorum,
    maxMergeDelay: json.maxMergeDelay,
    witnessUrls,
  };
}
