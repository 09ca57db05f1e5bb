// A host state's recognition statement (docs/recognition.md): a compact JWS (RFC 7515, alg EdDSA) signed with
// the state's own key, which the Cabinet neither holds nor certifies, saying which Cabinet roots the state
// recognises and, per document type and purpose, the CertLogic rules a verified document must pass. Parsing
// and the signature check are pure, so the server, the CLI, the SDK and the page share them.

import { validateFormat } from 'certlogic-js/dist/validation/format-validator.js';
import { fromBase64Url, toBase64Url } from '../bytes.js';
import type { ImportEd25519Key } from '../crypto-port.js';
import { parseJws, verifyJwsSignature } from '../jws.js';
import { sha256 } from '../log/hash.js';
import { isPurpose, type Purpose } from './purposes.js';

export const RECOGNITION_TYP = 'nbr-recognition+jws';
export const RECOGNITION_FORMAT = 'nbr-recognition/1';
export const PROVISION_FORMAT = 'nbr-recognition-provision/1';

/** Texts by BCP 47 language tag; every text has at least "en". */
export type Texts = Record<string, string>;

export interface RecognitionRule {
  id: string;
  /** A CertLogic expression (the EU DCC's subset of JsonLogic) over the data of docs/recognition.md §5. */
  logic: unknown;
  /** Why a document fails this rule, in the state's languages and English. */
  text: Texts;
}

export interface Recognition {
  documentType: string;
  purpose: Purpose;
  /** First day (YYYY-MM-DD) the state accepts the type for the purpose. */
  since: string;
  /** An expired document (genuine, registered, not revoked) still counts; false unless said. */
  acceptExpired: boolean;
  rules: RecognitionRule[];
}

export interface RecognitionStatement {
  state: string;
  authority: string;
  /** The state's name in its languages and English. */
  stateName: Texts;
  languages: string[];
  sequence: number;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  withdrawn: boolean;
  /** Base64url SHA-256 of each Cabinet root public key the state recognises (rootFingerprint). */
  roots: string[];
  recognitions: Recognition[];
  /** The kid of the state key that signed it. */
  kid: string;
  /** The signed text, kept so it can be republished unaltered. */
  source: string;
}

/** What provisions a verifier for one state: the state's public keys, from the state, not from us. */
export interface Provision {
  state: string;
  stateName: Texts;
  authority: string;
  languages: string[];
  keys: { kid: string; x: string }[];
  /** Where the current statement is published (any mirror serves the same signed bytes). */
  statementUrl?: string;
}

export type StatementCheck =
  | { ok: true; statement: RecognitionStatement }
  | { ok: false; code: 'STATEMENT_INVALID' | 'STATEMENT_UNKNOWN_KEY'; message: string };

/** Base64url SHA-256 of a raw Ed25519 public key: how a statement names the Cabinet roots it recognises. */
export function rootFingerprint(rawPublicKey: Uint8Array): string {
  return toBase64Url(sha256(rawPublicKey));
}

/** The kid of a state key: the first 8 bytes of SHA-256 of the raw key, as for every key of ours. */
export function stateKid(rawPublicKey: Uint8Array): string {
  return toBase64Url(sha256(rawPublicKey).subarray(0, 8));
}

const STATE = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

class Malformed extends Error {}

const must = (ok: boolean, message: string) => {
  if (!ok) throw new Malformed(message);
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, what: string, max = 500): string => {
  must(typeof v === 'string' && v.length > 0 && v.length <= max, `${what}: a non-empty string`);
  return v as string;
};
const seconds = (v: unknown, what: string): number => {
  must(typeof v === 'string' && ISO.test(v), `${what}: an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SSZ)`);
  const t = Date.parse(v as string);
  must(Number.isFinite(t), `${what}: not a real time`);
  return t / 1000;
};
function texts(v: unknown, what: string): Texts {
  must(isObject(v), `${what}: an object of texts by language`);
  const out: Texts = {};
  for (const [lang, t] of Object.entries(v as object)) {
    must(LANG.test(lang), `${what}: "${lang}" is not a language tag`);
    out[lang] = text(t, `${what}.${lang}`);
  }
  must(out.en !== undefined, `${what}: needs an English text ("en")`);
  return out;
}

function rule(v: unknown, where: string, ids: Set<string>): RecognitionRule {
  must(isObject(v), `${where}: an object`);
  const r = v as Record<string, unknown>;
  const id = text(r.id, `${where}.id`, 100);
  must(!ids.has(id), `${where}.id: ${id} is used twice`);
  ids.add(id);
  const problems = validateFormat(r.logic);
  must(problems.length === 0, `${where}.logic: not CertLogic: ${problems.map((p) => p.message).join('; ')}`);
  return { id, logic: r.logic, text: texts(r.text, `${where}.text`) };
}

function recognition(v: unknown, where: string, types: ReadonlySet<string>, ids: Set<string>): Recognition {
  must(isObject(v), `${where}: an object`);
  const r = v as Record<string, unknown>;
  must(typeof r.documentType === 'string' && types.has(r.documentType), `${where}.documentType: unknown`);
  must(isPurpose(r.purpose), `${where}.purpose: not one of the purposes of docs/recognition.md`);
  must(typeof r.since === 'string' && DATE.test(r.since), `${where}.since: a date YYYY-MM-DD`);
  must(
    r.acceptExpired === undefined || typeof r.acceptExpired === 'boolean',
    `${where}.acceptExpired: boolean`,
  );
  must(Array.isArray(r.rules) && r.rules.length <= 50, `${where}.rules: an array of at most 50 rules`);
  return {
    documentType: r.documentType as string,
    purpose: r.purpose as Purpose,
    since: r.since as string,
    acceptExpired: r.acceptExpired === true,
    rules: (r.rules as unknown[]).map((x, i) => rule(x, `${where}.rules[${i}]`, ids)),
  };
}

/** The payload's meaning, checked field by field. @throws {Malformed} */
function statementOf(
  payload: unknown,
  types: ReadonlySet<string>,
): Omit<RecognitionStatement, 'kid' | 'source'> {
  must(isObject(payload), 'payload: an object');
  const p = payload as Record<string, unknown>;
  must(p.format === RECOGNITION_FORMAT, `format: "${RECOGNITION_FORMAT}"`);
  must(typeof p.state === 'string' && STATE.test(p.state), 'state: an ISO 3166-1 alpha-2 code');
  must(Number.isSafeInteger(p.sequence) && (p.sequence as number) >= 1, 'sequence: an integer from 1');
  must(
    Array.isArray(p.languages) && p.languages.every((l) => typeof l === 'string' && LANG.test(l)),
    'languages',
  );
  must(Array.isArray(p.roots) && p.roots.length > 0, 'roots: at least one Cabinet root fingerprint');
  for (const r of p.roots as unknown[])
    must(typeof r === 'string' && /^[A-Za-z0-9_-]{43}$/.test(r), 'roots: base64url SHA-256 fingerprints');
  const withdrawn = p.withdrawn === true;
  must(p.withdrawn === undefined || typeof p.withdrawn === 'boolean', 'withdrawn: boolean');
  must(Array.isArray(p.recognitions), 'recognitions: an array');
  must(!withdrawn || (p.recognitions as unknown[]).length === 0, 'a withdrawn statement recognises nothing');
  const ids = new Set<string>();
  const recognitions = (p.recognitions as unknown[]).map((r, i) =>
    recognition(r, `recognitions[${i}]`, types, ids),
  );
  const seen = new Set<string>();
  for (const r of recognitions) {
    const k = `${r.documentType}/${r.purpose}`;
    must(!seen.has(k), `recognitions: ${k} is given twice`);
    seen.add(k);
  }
  const validFrom = seconds(p.validFrom, 'validFrom');
  const validUntil = seconds(p.validUntil, 'validUntil');
  must(validUntil > validFrom, 'validUntil: after validFrom');
  return {
    state: p.state as string,
    authority: text(p.authority, 'authority'),
    stateName: texts(p.stateName, 'stateName'),
    languages: p.languages as string[],
    sequence: p.sequence as number,
    issuedAt: seconds(p.issuedAt, 'issuedAt'),
    validFrom,
    validUntil,
    withdrawn,
    roots: p.roots as string[],
    recognitions,
  };
}

/**
 * A statement's payload checked as openStatement checks a signed one, without a signature: what a state's
 * authority lints before signing (`nbr recognition check`). The result has no kid and no source.
 */
export function checkStatementPayload(
  payload: unknown,
  documentTypes: Iterable<string>,
): { ok: true; statement: RecognitionStatement } | { ok: false; message: string } {
  try {
    return { ok: true, statement: { ...statementOf(payload, new Set(documentTypes)), kid: '', source: '' } };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/**
 * Checks a statement's signature against the provisioned keys of its state and parses it. Never throws: an
 * unknown key or a malformed statement is a value. `documentTypes` names the types rules may be about.
 */
export async function openStatement(
  jwsText: string,
  provision: Provision,
  documentTypes: Iterable<string>,
  importKey: ImportEd25519Key,
): Promise<StatementCheck> {
  try {
    const jws = parseJws(jwsText, RECOGNITION_TYP);
    const candidates = provision.keys.filter((k) => k.kid === jws.header.kid);
    let verified = false;
    for (const k of candidates)
      if (await verifyJwsSignature(jws, await importKey(fromBase64Url(k.x)))) verified = true;
    if (!verified)
      return {
        ok: false,
        code: 'STATEMENT_UNKNOWN_KEY',
        message: `not signed by a key provisioned for ${provision.state} (kid ${jws.header.kid})`,
      };
    const statement = statementOf(jws.payload, new Set(documentTypes));
    if (statement.state !== provision.state)
      return {
        ok: false,
        code: 'STATEMENT_INVALID',
        message: `a statement of ${statement.state}, not ${provision.state}`,
      };
    return { ok: true, statement: { ...statement, kid: jws.header.kid, source: jwsText.trim() } };
  } catch (e) {
    return { ok: false, code: 'STATEMENT_INVALID', message: (e as Error).message };
  }
}

/** Parses a provisioning file (docs/recognition.md §4). @throws {TypeError} with what is wrong. */
export function parseProvision(json: unknown): Provision {
  try {
    must(isObject(json), 'an object');
    const p = json as Record<string, unknown>;
    must(p.format === PROVISION_FORMAT, `format: "${PROVISION_FORMAT}"`);
    must(typeof p.state === 'string' && STATE.test(p.state), 'state: an ISO 3166-1 alpha-2 code');
    must(Array.isArray(p.keys) && p.keys.length > 0 && p.keys.length <= 8, 'keys: one to eight keys');
    const keys = (p.keys as unknown[]).map((k, i) => {
      must(isObject(k), `keys[${i}]: a JWK`);
      const j = k as Record<string, unknown>;
      must(j.kty === 'OKP' && j.crv === 'Ed25519', `keys[${i}]: an Ed25519 OKP JWK`);
      must(typeof j.x === 'string' && fromBase64Url(j.x).length === 32, `keys[${i}].x: 32 bytes, base64url`);
      const kid = stateKid(fromBase64Url(j.x as string));
      must(j.kid === undefined || j.kid === kid, `keys[${i}].kid: ${kid} for this key`);
      return { kid, x: j.x as string };
    });
    must(
      p.statementUrl === undefined ||
        (typeof p.statementUrl === 'string' && /^https?:\/\//.test(p.statementUrl)),
      'statementUrl: an http(s) URL',
    );
    return {
      state: p.state as string,
      stateName: texts(p.stateName, 'stateName'),
      authority: text(p.authority, 'authority'),
      languages: Array.isArray(p.languages)
        ? (p.languages as unknown[]).filter((l): l is string => typeof l === 'string')
        : [],
      keys,
      ...(typeof p.statementUrl === 'string' ? { statementUrl: p.statementUrl } : {}),
    };
  } catch (e) {
    throw new TypeError(`not a recognition provisioning file: ${(e as Error).message}`);
  }
}

/** A provisioning record as JSON (what `nbr recognition provision` writes). */
export function provisionJson(p: Provision): Record<string, unknown> {
  return {
    format: PROVISION_FORMAT,
    state: p.state,
    stateName: p.stateName,
    authority: p.authority,
    languages: p.languages,
    keys: p.keys.map((k) => ({ kty: 'OKP', crv: 'Ed25519', x: k.x, kid: k.kid })),
    ...(p.statementUrl ? { statementUrl: p.statementUrl } : {}),
  };
}
