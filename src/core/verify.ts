// The offline verifier: QR text -> prefix/base45 -> COSE_Sign1 -> key lookup -> signature -> payload
// -> policy (key rights and periods, document dates, trust freshness) -> revocation. Pure and runtime-agnostic:
// clock, trust list, status list and crypto all come in through the arguments. Every expected failure is a
// returned value with a reason code; nothing here throws for bad input.

import { bytesEqual, toBase64Url } from './bytes.js';
import { CborError } from './cbor.js';
import { COSE_ALG_EDDSA, decodeCoseSign1, sigStructure } from './cose.js';
import type { DocumentTypeRegistry } from './document-types.js';
import { documentEntry } from './log/entry.js';
import { decodePayload, PayloadError, type DocumentPayload } from './payload.js';
import { fromQrText } from './qr-text.js';
import { REASON_MESSAGES, type ReasonCode, VALID_UNCHECKED_MESSAGE } from './reasons.js';
import type { StatusList } from './status-list.js';
import type { TrustedKey, TrustList } from './trust-list.js';

export interface VerifyOptions {
  trust: TrustList;
  /** Without a status list the result is STATUS_UNAVAILABLE unless requireStatus is false. */
  status?: StatusList;
  /** Validation time, seconds since the epoch. */
  now: number;
  documentTypes: DocumentTypeRegistry;
  /** Default true: fail closed when revocation cannot be checked. */
  requireStatus?: boolean;
  /** Tolerated clock difference between issuer and verifier, seconds (default 300). */
  clockSkew?: number;
  /** The verifier's copy of the transparency log; without it the answer is UNCONFIRMED, never VALID. */
  log?: LogView;
  /** Default true. false only for tools that inspect documents without the log (never for a verdict). */
  requireLog?: boolean;
}

/** What verify() needs of a copy of the log (core/log/copy.ts, or the registry's own, services/log/log-view.ts). */
export interface LogView {
  /** Entries below this index are decided by the copy. */
  size: number;
  /** When the copy was witnessed (or known) to be the latest, seconds; undefined if it cannot say. */
  time: number | undefined;
  /** Seconds within which the log promises to hold an issued document (from the trust list). */
  maxMergeDelay: number;
  entryAt(index: number): Uint8Array | undefined | Promise<Uint8Array | undefined>;
}

export interface IssuerInfo {
  kid: string;
  office: string;
  officeName?: string;
  country?: string;
}

export interface Freshness {
  trustListIssuedAt: number;
  trustListNextUpdate: number;
  statusListIssuedAt?: number;
  statusListNextUpdate?: number;
  /** Size and witnessed time of the log copy used. */
  logSize?: number;
  logTime?: number;
}

export type VerifyResult =
  | {
      valid: true;
      code: 'VALID';
      message: string;
      document: DocumentPayload;
      issuer: IssuerInfo;
      revocationChecked: boolean;
      /** The document's entry is in the copy of the log at its log index (false only with requireLog: false). */
      registered: boolean;
      freshness: Freshness;
    }
  | {
      valid: false;
      code: Exclude<ReasonCode, 'VALID'>;
      message: string;
      detail?: string;
      /** Present only when the signature held: data to display next to a red verdict, never as proof. */
      document?: DocumentPayload;
      issuer?: IssuerInfo;
      /** Whether a status list decided revocation (true for REVOKED), as on a VALID answer (issue 24). */
      revocationChecked: boolean;
      /**
       * False but for EXPIRED, where it says the log held the entry (an expired document is still checked for
       * revocation and registration, so a host state may accept it as proof of identity). Same fields always.
       */
      registered: boolean;
      freshness: Freshness;
    };

function freshnessOf(opts: VerifyOptions): Freshness {
  const f: Freshness = { trustListIssuedAt: opts.trust.issuedAt, trustListNextUpdate: opts.trust.nextUpdate };
  if (opts.status) {
    f.statusListIssuedAt = opts.status.issuedAt;
    f.statusListNextUpdate = opts.status.nextUpdate;
  }
  if (opts.log) {
    f.logSize = opts.log.size;
    if (opts.log.time !== undefined) f.logTime = opts.log.time;
  }
  return f;
}

function issuerOf(key: TrustedKey, trust: TrustList): IssuerInfo {
  const office = trust.offices.get(key.office ?? '');
  const info: IssuerInfo = { kid: key.kid, office: key.office ?? '' };
  if (office) {
    info.officeName = office.name;
    info.country = office.country;
  }
  return info;
}

type FailureCode = Exclude<ReasonCode, 'VALID'>;

/** What a failure may carry besides its code: why, and (once the signature held) the signed data. */
interface FailureDetail {
  detail?: string | undefined;
  /** Set once the status list has decided (REVOKED, and every later step's failures). */
  revocationChecked?: boolean;
  /** EXPIRED only: the log held the document's entry (every other check passed, docs/recognition.md). */
  registered?: boolean;
  document?: DocumentPayload;
  issuer?: IssuerInfo;
}

// A module-level function rather than a closure inside verify(): verify() runs for every request.
function failure(code: FailureCode, freshness: Freshness, extra: FailureDetail = {}): VerifyResult {
  const result: VerifyResult = {
    valid: false,
    code,
    message: REASON_MESSAGES[code],
    revocationChecked: extra.revocationChecked ?? false,
    registered: extra.registered ?? false,
    freshness,
  };
  if (extra.detail !== undefined) result.detail = extra.detail;
  if (extra.document) result.document = extra.document;
  if (extra.issuer) result.issuer = extra.issuer;
  return result;
}

/** EXPIRED, saying which of the later checks held (module-level like failure(): verify() is a hot path). */
function expiredFailure(
  freshness: Freshness,
  document: DocumentPayload,
  issuer: IssuerInfo,
  revocationChecked: boolean,
  registered: boolean,
): VerifyResult {
  return failure('EXPIRED', freshness, { document, issuer, revocationChecked, registered });
}

/** Verifies a QR text. Never throws for any input string; the result says why it is not valid. */
export async function verify(qrText: string, opts: VerifyOptions): Promise<VerifyResult> {
  const freshness = freshnessOf(opts);
  // 1. Text envelope.
  const text = fromQrText(qrText);
  if (!text.ok) return failure(text.code, freshness, { detail: text.message });

  // 2. COSE_Sign1 structure.
  let cose;
  try {
    cose = decodeCoseSign1(text.bytes);
  } catch (e) {
    if (e instanceof CborError) return failure('MALFORMED', freshness, { detail: e.message });
    throw e;
  }
  if (cose.alg !== COSE_ALG_EDDSA)
    return failure('UNSUPPORTED_ALGORITHM', freshness, { detail: `alg ${cose.alg}` });
  if (cose.signature.length !== 64)
    return failure('MALFORMED', freshness, { detail: 'Ed25519 signatures are 64 bytes' });

  // 3. Key lookup, then signature. Several keys may share a kid (EU DCC lesson): try each.
  const kid = toBase64Url(cose.kid);
  const candidates = opts.trust.keys.filter((k) => k.use === 'documents' && k.kid === kid);
  if (candidates.length === 0) return failure('UNKNOWN_KEY', freshness, { detail: `kid ${kid}` });
  const message = sigStructure(cose.protectedBytes, cose.payload);
  let key: TrustedKey | undefined;
  for (const candidate of candidates) {
    if (await candidate.key.verify(message, cose.signature)) {
      key = candidate;
      break;
    }
  }
  if (!key) return failure('SIGNATURE_INVALID', freshness);

  // 4. The payload, now known to come from the key holder.
  let doc: DocumentPayload;
  try {
    doc = decodePayload(cose.payload, opts.documentTypes);
  } catch (e) {
    if (e instanceof PayloadError) return failure(e.code, freshness, { detail: e.message });
    if (e instanceof CborError) return failure('MALFORMED', freshness, { detail: e.message });
    throw e;
  }
  const issuer = issuerOf(key, opts.trust);
  const now = opts.now;
  const skew = opts.clockSkew ?? 300;

  // 5. Trust material freshness: a stale list may miss a key revocation.
  if (now > opts.trust.nextUpdate) return failure('TRUST_LIST_STALE', freshness, { document: doc, issuer });

  // 6. Key policy (the certificate's constraints, as ICAO 9303-12 applies a document signer's validity).
  if (doc.office !== key.office)
    return failure('ISSUER_MISMATCH', freshness, {
      detail: `document says ${doc.office}, key belongs to ${String(key.office)}`,
      document: doc,
      issuer,
    });
  if (!key.documentTypes.includes(doc.type))
    return failure('KEY_NOT_ALLOWED_FOR_TYPE', freshness, { detail: doc.type, document: doc, issuer });
  // A revocation names the log size at the time: the signer picks iat but not its log position, so a
  // document backdated to before the revocation is still refused (issue 9). The iat rule stays for
  // revocations that name no log size.
  if (
    (key.revokedAtLogSize !== undefined && doc.logIndex >= key.revokedAtLogSize) ||
    (key.revokedAt !== undefined && doc.issuedAt >= key.revokedAt)
  )
    return failure('KEY_REVOKED', freshness, { detail: key.revocationReason, document: doc, issuer });
  if (doc.issuedAt < key.signFrom || doc.issuedAt > key.signUntil)
    return failure('SIGNED_OUTSIDE_KEY_PERIOD', freshness, { document: doc, issuer });
  if (key.validUntil !== null && now >= key.validUntil)
    return failure('KEY_EXPIRED', freshness, { document: doc, issuer });

  // 7. Document dates.
  if (doc.issuedAt > now + skew)
    return failure('NOT_YET_VALID', freshness, { detail: 'signed in the future', document: doc, issuer });
  // An expired document is still checked for revocation and registration (issue 26): the verdict stays
  // EXPIRED, but a host state may accept an expired passport, genuine and unrevoked, as proof of identity
  // (docs/recognition.md), and a revoked or unregistered one must say so rather than merely "expired".
  const expired = doc.expiresAt !== undefined && now >= doc.expiresAt;

  // 8. Revocation. Fail closed: no list, a stale list or an index outside it means "could not decide"; for an
  // expired document the answer is then EXPIRED, with revocationChecked false.
  const requireStatus = opts.requireStatus ?? true;
  if (opts.status) {
    if (now > opts.status.nextUpdate)
      return expired
        ? expiredFailure(freshness, doc, issuer, false, false)
        : failure('STATUS_LIST_STALE', freshness, { document: doc, issuer });
    if (doc.statusIndex >= opts.status.size)
      return expired
        ? expiredFailure(freshness, doc, issuer, false, false)
        : failure('STATUS_UNAVAILABLE', freshness, {
            detail: 'status index outside the list',
            document: doc,
            issuer,
          });
    if (opts.status.isRevoked(doc.statusIndex))
      return failure('REVOKED', freshness, { document: doc, issuer, revocationChecked: true });
  } else if (expired) {
    return expiredFailure(freshness, doc, issuer, false, false);
  } else if (requireStatus) {
    return failure('STATUS_UNAVAILABLE', freshness, { detail: 'no status list', document: doc, issuer });
  }

  // 9. Registration: the log must hold the document's entry at its log index (docs/transparency-log.md).
  const log = opts.log;
  if (!log) {
    if (expired) return expiredFailure(freshness, doc, issuer, true, false);
    if (opts.requireLog ?? true)
      return failure('UNCONFIRMED', freshness, {
        detail: 'no copy of the log',
        document: doc,
        issuer,
        revocationChecked: opts.status !== undefined,
      });
  } else if (doc.logIndex < log.size) {
    const stored = await log.entryAt(doc.logIndex);
    if (!stored && expired) return expiredFailure(freshness, doc, issuer, true, false);
    if (!stored)
      return failure('UNCONFIRMED', freshness, {
        detail: 'the copy of the log is incomplete',
        document: doc,
        issuer,
        revocationChecked: opts.status !== undefined,
      });
    if (!bytesEqual(stored, documentEntry(message, cose.signature)))
      return failure('NOT_REGISTERED', freshness, {
        detail: `log entry ${doc.logIndex} is another document`,
        document: doc,
        issuer,
        revocationChecked: opts.status !== undefined,
      });
  } else if (log.time !== undefined && doc.issuedAt + log.maxMergeDelay < log.time) {
    // The copy was current after the document claims to have been issued plus the merge delay.
    return failure('NOT_REGISTERED', freshness, {
      detail: `not in the log of ${log.size} entries`,
      document: doc,
      issuer,
      revocationChecked: opts.status !== undefined,
    });
  } else if (expired) {
    return expiredFailure(freshness, doc, issuer, true, false);
  } else {
    return failure('UNCONFIRMED', freshness, {
      detail: 'the document is newer than the copy of the log',
      document: doc,
      issuer,
      revocationChecked: opts.status !== undefined,
    });
  }

  if (expired) return expiredFailure(freshness, doc, issuer, true, true);
  return {
    valid: true,
    code: 'VALID',
    // Without a status list the words must not claim a check that was not made (issue 12).
    message: opts.status !== undefined ? REASON_MESSAGES.VALID : VALID_UNCHECKED_MESSAGE,
    document: doc,
    issuer,
    revocationChecked: opts.status !== undefined,
    registered: log !== undefined,
    freshness,
  };
}
