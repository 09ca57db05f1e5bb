// The key ceremony's working directory (keys/README.md explains the procedure):
//
//   root.key.json             root private key, encrypted; lives offline
//   root.jwk.json             root public key; ships with every verifier
//   trust-list.payload.json   the unsigned state of the trust list (what the next signing will say)
//   trust-list.jws            the signed trust list to publish
//   jwks.json                 the document keys in force as a JWKS
//   status-jwks.json          the status keys in force as a JWKS
//   keys/<label>.key.json     issuer and status private keys, encrypted; handed to the service
//
// Every function takes the clock and passphrase as arguments; nothing is read from the environment here.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url } from '../core/bytes.js';
import type { Ed25519Signer } from '../core/crypto-port.js';
import { isoSeconds } from '../core/dates.js';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import { OFFICE_CODE } from '../core/payload.js';
import type { OfficeJson, RootKey, TrustListPayload } from '../core/trust-list.js';
import { generateEd25519, nodePublicKey, nodeSigner } from '../crypto/ed25519-node.js';
import {
  decryptKey,
  encryptKey,
  type EncryptedKeyFile,
  type ScryptCost,
  DEFAULT_SCRYPT,
} from '../crypto/key-file.js';
import { kidFor } from '../crypto/kid.js';
import { AppError } from '../errors.js';
import { formatVerifierKey, parseVerifierKey, SIG_COSIGNATURE_V1, SIG_ED25519 } from '../core/log/note.js';
import {
  issuerKeyEntry,
  jwksFromTrustList,
  logKeyEntry,
  signTrustList,
  statusKeyEntry,
} from './trust-list-builder.js';

export interface RootJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
}

export interface CeremonyOptions {
  dir: string;
  /** Encrypts the keys handed to the service (status, log, issuer keys). */
  passphrase: string;
  /**
   * The root key's own passphrase (issue 22: the root lives offline, its passphrase split between officers;
   * whoever runs the service must not know it). Without it the root shares `passphrase` (development only).
   */
  rootPassphrase?: string;
  now: number;
  documentTypes: DocumentTypeRegistry;
  scrypt?: ScryptCost;
}

export interface OfficeInput extends OfficeJson {
  documentTypes?: string[];
  signDays?: number;
}

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `missing file ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (e) {
    throw new AppError('BAD_REQUEST', `${path} is not valid JSON`, undefined, { cause: e });
  }
}

function writeJson(path: string, value: unknown, mode = 0o644): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode });
}

export function loadKeyFile(path: string, passphrase: string): Ed25519Signer {
  return nodeSigner(decryptKey(readJson<EncryptedKeyFile>(path), passphrase));
}

export function loadRootJwk(path: string): RootKey {
  const jwk = readJson<RootJwk>(path);
  if (
    jwk.kty !== 'OKP' ||
    jwk.crv !== 'Ed25519' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.kid !== 'string'
  ) {
    throw new AppError('KEY_FILE_INVALID', `${path} is not an Ed25519 public JWK`);
  }
  let raw: Uint8Array;
  try {
    raw = Uint8Array.from(Buffer.from(jwk.x, 'base64url'));
    return { kid: jwk.kid, key: nodePublicKey(raw) };
  } catch (e) {
    throw new AppError('KEY_FILE_INVALID', `${path} holds a malformed key`, undefined, { cause: e });
  }
}

function newKey(
  dir: string,
  label: string,
  passphrase: string,
  cost: ScryptCost,
): { publicKey: Uint8Array; kid: Uint8Array; path: string } {
  const { seed, publicKey } = generateEd25519();
  const path = join(dir, 'keys', `${label}.key.json`);
  mkdirSync(join(dir, 'keys'), { recursive: true });
  writeJson(path, encryptKey(seed, publicKey, passphrase, label, cost), 0o600);
  seed.fill(0);
  return { publicKey, kid: kidFor(publicKey), path };
}

function validateOffice(office: OfficeInput, registry: DocumentTypeRegistry): void {
  if (!OFFICE_CODE.test(office.code))
    throw new AppError(
      'BAD_REQUEST',
      `office code must look like PL-WAW (two letters, optional suffix), got "${office.code}"`,
    );
  if (!/^[A-Z]{2}$/.test(office.country))
    throw new AppError('BAD_REQUEST', `country must be an ISO 3166 alpha-2 code, got "${office.country}"`);
  for (const t of office.documentTypes ?? []) {
    if (!registry.byName(t))
      throw new AppError(
        'BAD_REQUEST',
        `unknown document type "${t}" (known: ${registry
          .all()
          .map((d) => d.name)
          .join(', ')})`,
      );
  }
}

/** Creates root, status key and a first issuer key, then signs the first trust list. */
export const DEFAULT_LOG_ORIGIN = 'registry.new-belarus.example/log';

export async function initKeyDirectory(
  opts: CeremonyOptions & {
    office: OfficeInput;
    nextUpdateDays?: number;
    /** The log's checkpoint origin (C2SP tlog-checkpoint): the public URL prefix of /log, without scheme. */
    logOrigin?: string;
    /** Seconds within which an issued document is in a cosigned checkpoint (default 300). */
    maxMergeDelay?: number;
  },
): Promise<{ trustList: string; issuerKeyPath: string }> {
  const cost = opts.scrypt ?? DEFAULT_SCRYPT;
  if (existsSync(join(opts.dir, 'root.key.json')))
    throw new AppError('CONFLICT', `${opts.dir} already holds a root key; refusing to overwrite it`);
  validateOffice(opts.office, opts.documentTypes);
  mkdirSync(opts.dir, { recursive: true });
  const { seed, publicKey } = generateEd25519();
  writeJson(
    join(opts.dir, 'root.key.json'),
    encryptKey(seed, publicKey, opts.rootPassphrase ?? opts.passphrase, 'root', cost),
    0o600,
  );
  seed.fill(0);
  const rootJwk: RootJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: toBase64Url(publicKey),
    kid: toBase64Url(kidFor(publicKey)),
  };
  writeJson(join(opts.dir, 'root.jwk.json'), rootJwk);
  const status = newKey(opts.dir, 'status', opts.passphrase, cost);
  // The transparency log's checkpoint key; witnesses are added with addLogWitness (docs/operations.md).
  const log = newKey(opts.dir, `log-${isoSeconds(opts.now).slice(0, 10)}`, opts.passphrase, cost);
  const payload: TrustListPayload = {
    iss: 'NB-CABINET',
    sequence: 0,
    issuedAt: isoSeconds(opts.now),
    nextUpdate: isoSeconds(opts.now),
    offices: [],
    keys: [
      statusKeyEntry(status.publicKey, status.kid, opts.now),
      logKeyEntry(log.publicKey, log.kid, opts.now),
    ],
    statusListMaxValidity: 7 * 86_400,
    log: {
      origin: opts.logOrigin ?? DEFAULT_LOG_ORIGIN,
      maxMergeDelay: opts.maxMergeDelay ?? 300,
      witnesses: [],
      quorum: 0,
    },
  };
  writeJson(join(opts.dir, 'trust-list.payload.json'), payload);
  const { path } = await addIssuerKey(opts, opts.office);
  const trustList = await publishTrustList({ ...opts, nextUpdateDays: opts.nextUpdateDays ?? 30 });
  return { trustList, issuerKeyPath: path };
}

/** Certifies a new document-signing key for an office (adding the office if new). */
export async function addIssuerKey(
  opts: CeremonyOptions,
  office: OfficeInput,
): Promise<{ kid: string; path: string }> {
  validateOffice(office, opts.documentTypes);
  const payloadPath = join(opts.dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  const types = office.documentTypes?.length
    ? office.documentTypes
    : opts.documentTypes.all().map((t) => t.name);
  const label = `${office.code}-${isoSeconds(opts.now).slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  const key = newKey(opts.dir, label, opts.passphrase, opts.scrypt ?? DEFAULT_SCRYPT);
  const entry = issuerKeyEntry(
    key.publicKey,
    key.kid,
    { office: office.code, documentTypes: types, from: opts.now, signDays: office.signDays ?? 365 },
    opts.documentTypes,
  );
  payload.offices = payload.offices.filter((o) => o.code !== office.code);
  payload.offices.push({ code: office.code, name: office.name, country: office.country });
  payload.keys.push(entry);
  writeJson(payloadPath, payload);
  return { kid: entry.kid, path: key.path };
}

/**
 * Certifies a new status-list key (rotation before the current one's signUntil, or replacement after a
 * compromise). The service signs with the newest status key whose period is open, so it takes over at once.
 */
export function addStatusKey(opts: CeremonyOptions): { kid: string; path: string } {
  const payloadPath = join(opts.dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  const label = `status-${isoSeconds(opts.now).slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  const key = newKey(opts.dir, label, opts.passphrase, opts.scrypt ?? DEFAULT_SCRYPT);
  const entry = statusKeyEntry(key.publicKey, key.kid, opts.now);
  payload.keys.push(entry);
  writeJson(payloadPath, payload);
  return { kid: entry.kid, path: key.path };
}

/**
 * Marks a key revoked: documents it signed at log positions from `logSize` on fail with KEY_REVOKED
 * (read logSize from the registry's /log/checkpoint at the moment of revocation: documents already in
 * the log stay valid, anything signed later, whatever date it claims, does not). Without a log size only
 * the signing time is compared, which a thief holding the key can backdate.
 */
export function revokeKey(dir: string, kid: string, at: number, reason: string, logSize?: number): void {
  const payloadPath = join(dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  const entry = payload.keys.find((k) => k.kid === kid);
  if (!entry) throw new AppError('NOT_FOUND', `no key with kid ${kid} in the trust list`);
  entry.revoked = { at: isoSeconds(at), reason, ...(logSize !== undefined ? { logSize } : {}) };
  writeJson(payloadPath, payload);
}

/** A trust list from before the transparency log gets a log key and section (true when it changed). */
export function ensureLogKey(opts: CeremonyOptions & { logOrigin?: string }): boolean {
  const payloadPath = join(opts.dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  if (payload.log && payload.keys.some((k) => k.use === 'log')) return false;
  const log = newKey(
    opts.dir,
    `log-${isoSeconds(opts.now).slice(0, 10)}`,
    opts.passphrase,
    opts.scrypt ?? DEFAULT_SCRYPT,
  );
  payload.keys.push(logKeyEntry(log.publicKey, log.kid, opts.now));
  payload.log = {
    origin: opts.logOrigin ?? DEFAULT_LOG_ORIGIN,
    maxMergeDelay: 300,
    witnesses: [],
    quorum: 0,
  };
  writeJson(payloadPath, payload);
  return true;
}

/** Adds a witness (its C2SP cosignature verifier key) to the log policy, and sets the quorum. */
export async function addLogWitness(dir: string, vkey: string, quorum?: number, url?: string): Promise<void> {
  if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url))
    throw new AppError('BAD_REQUEST', `--url ${url}: the witness's http(s) address`);
  const payloadPath = join(dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  if (!payload.log) throw new AppError('BAD_REQUEST', 'the trust list has no log section');
  let key;
  try {
    key = await parseVerifierKey(vkey, async (raw) => ({ raw, verify: async () => false }));
  } catch (e) {
    throw new AppError('BAD_REQUEST', `not a witness key: ${(e as Error).message}`);
  }
  if (key.type !== SIG_COSIGNATURE_V1) throw new AppError('BAD_REQUEST', 'a witness key has type 0x04');
  payload.log.witnesses = payload.log.witnesses.filter((w) => w.name !== key.name);
  payload.log.witnesses.push({ name: key.name, key: vkey, ...(url ? { url: url.replace(/\/$/, '') } : {}) });
  payload.log.quorum = quorum ?? payload.log.quorum;
  if (payload.log.quorum > payload.log.witnesses.length)
    throw new AppError('BAD_REQUEST', `a quorum of ${payload.log.quorum} needs as many witnesses`);
  writeJson(payloadPath, payload);
}

/** Removes a witness by its name; the quorum may not then exceed the witnesses left. */
export function removeLogWitness(dir: string, name: string): void {
  const payloadPath = join(dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  if (!payload.log) throw new AppError('BAD_REQUEST', 'the trust list has no log section');
  const left = payload.log.witnesses.filter((w) => w.name !== name);
  if (left.length === payload.log.witnesses.length)
    throw new AppError('NOT_FOUND', `no witness named ${name}`);
  if (payload.log.quorum > left.length)
    throw new AppError(
      'BAD_REQUEST',
      `a quorum of ${payload.log.quorum} needs as many witnesses: lower it first (nbr keys log-quorum)`,
    );
  payload.log.witnesses = left;
  writeJson(payloadPath, payload);
}

/** Sets how many witnesses must cosign a checkpoint: 0 to the number of witnesses. */
export function setLogQuorum(dir: string, quorum: number): void {
  const payloadPath = join(dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  if (!payload.log) throw new AppError('BAD_REQUEST', 'the trust list has no log section');
  if (!Number.isInteger(quorum) || quorum < 0 || quorum > payload.log.witnesses.length)
    throw new AppError(
      'BAD_REQUEST',
      `the quorum must be between 0 and the ${payload.log.witnesses.length} witnesses the list names`,
    );
  payload.log.quorum = quorum;
  writeJson(payloadPath, payload);
}

/** The log's verifier key (C2SP signed-note), what witnesses are started with: from the ceremony's public data. */
export function logVerifierKey(dir: string): string {
  const payload = readJson<TrustListPayload>(join(dir, 'trust-list.payload.json'));
  const key = payload.keys.find((k) => k.use === 'log' && !k.revoked);
  if (!payload.log || !key) throw new AppError('NOT_FOUND', 'the trust list names no log key');
  return formatVerifierKey(payload.log.origin, SIG_ED25519, fromBase64Url(key.jwk.x));
}

/** Signs the current state with the root key and writes trust-list.jws and jwks.json. */
export async function publishTrustList(opts: CeremonyOptions & { nextUpdateDays: number }): Promise<string> {
  const payloadPath = join(opts.dir, 'trust-list.payload.json');
  const payload = readJson<TrustListPayload>(payloadPath);
  const root = loadKeyFile(join(opts.dir, 'root.key.json'), opts.rootPassphrase ?? opts.passphrase);
  payload.sequence += 1;
  payload.issuedAt = isoSeconds(opts.now);
  payload.nextUpdate = isoSeconds(opts.now + opts.nextUpdateDays * 86_400);
  const jws = await signTrustList(payload, root);
  writeJson(payloadPath, payload);
  writeFileSync(join(opts.dir, 'trust-list.jws'), `${jws}\n`);
  writeJson(join(opts.dir, 'jwks.json'), jwksFromTrustList(payload));
  writeJson(join(opts.dir, 'status-jwks.json'), jwksFromTrustList(payload, 'status'));
  return jws;
}
