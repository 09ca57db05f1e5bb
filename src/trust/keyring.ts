// The service's view of its keys: the published trust list, the issuer keys it holds (decrypted once at
// start, kept in memory only) and the status key. Built from a key ceremony directory (keys/README.md).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toBase64Url } from '../core/bytes.js';
import type { Ed25519Signer } from '../core/crypto-port.js';
import {
  maySignAt,
  type TrustedKey,
  type TrustList,
  type RootKey,
  type TrustListPayload,
} from '../core/trust-list.js';
import { importNodeEd25519 } from '../crypto/ed25519-node.js';
import type { ImportEd25519Key } from '../core/crypto-port.js';
import type { EncryptedKeyFile } from '../crypto/key-file.js';
import { AppError } from '../errors.js';
import { loadKeyFile, loadRootJwk } from './key-directory.js';
import { loadTrust } from './load-trust.js';
import { jwksFromTrustList } from './trust-list-builder.js';

export interface Keyring {
  readonly trust: TrustList;
  readonly trustListText: string;
  /** The document keys in force, and the status keys in force, as JWKS (trust-list-builder.ts). */
  readonly jwks: ReturnType<typeof jwksFromTrustList>;
  readonly statusJwks: ReturnType<typeof jwksFromTrustList>;
  readonly roots: RootKey[];
  /**
   * The newest status key this service holds whose signing period is open at `now` and that is not revoked:
   * status lists must be signed inside their key's period (openStatusList refuses others), so the key is
   * chosen per list, and a status key certified during rotation takes over as soon as its period opens.
   */
  statusSignerFor(now: number): { signer: Ed25519Signer; key: TrustedKey } | undefined;
  /** Trust list status keys, with whether this service holds the private key. */
  statusKeys(): { key: TrustedKey; held: boolean }[];
  /** The newest key of the office whose signing period is open at `now` and that may sign `type`. */
  signerFor(
    office: string,
    type: string,
    now: number,
  ): { signer: Ed25519Signer; key: TrustedKey } | undefined;
  /** Trust list keys of one office, with whether this service holds the private key. */
  officeKeys(office: string): { key: TrustedKey; held: boolean }[];
  /** The key that signs the transparency log's checkpoints (the trust list's log key), if held here. */
  logSigner(): { signer: Ed25519Signer; key: TrustedKey } | undefined;
  /**
   * Re-reads the directory (a re-signed trust list, a newly certified key). If the new material does not
   * open (bad signature, missing status key) the keyring keeps what it had and the error is thrown.
   */
  reload(): Promise<{ changed: boolean }>;
}

type Snapshot = Omit<Keyring, 'reload'> & { fingerprint: string };

function fingerprint(dir: string): string {
  const keysDir = join(dir, 'keys');
  const files = existsSync(keysDir)
    ? readdirSync(keysDir)
        .filter((f) => f.endsWith('.key.json'))
        .sort()
    : [];
  return `${readFileSync(join(dir, 'trust-list.jws'), 'utf8').trim()}|${files.join(',')}`;
}

/** importKey decides how document signatures are checked (node:crypto inline by default, or on the thread pool). */
export async function loadKeyring(
  dir: string,
  passphrase: string,
  importKey: ImportEd25519Key = importNodeEd25519,
): Promise<Keyring> {
  let current = await loadSnapshot(dir, passphrase, importKey);
  return {
    get trust() {
      return current.trust;
    },
    get trustListText() {
      return current.trustListText;
    },
    get jwks() {
      return current.jwks;
    },
    get statusJwks() {
      return current.statusJwks;
    },
    get roots() {
      return current.roots;
    },
    statusSignerFor: (now) => current.statusSignerFor(now),
    statusKeys: () => current.statusKeys(),
    signerFor: (office, type, now) => current.signerFor(office, type, now),
    officeKeys: (office) => current.officeKeys(office),
    logSigner: () => current.logSigner(),
    async reload() {
      if (fingerprint(dir) === current.fingerprint) return { changed: false };
      current = await loadSnapshot(dir, passphrase, importKey);
      return { changed: true };
    },
  };
}

/** The trust list's status keys and each office's document keys, with whether `held(kid)` has the private key. */
export function keysOfTrustList(
  trust: TrustList,
  held: (kid: string) => boolean,
): Pick<Keyring, 'statusKeys' | 'officeKeys'> {
  return {
    statusKeys: () =>
      trust.keys.filter((k) => k.use === 'status').map((key) => ({ key, held: held(key.kid) })),
    officeKeys: (office) =>
      trust.keys
        .filter((k) => k.use === 'documents' && k.office === office)
        .map((key) => ({ key, held: held(key.kid) })),
  };
}

async function loadSnapshot(dir: string, passphrase: string, importKey: ImportEd25519Key): Promise<Snapshot> {
  const print = fingerprint(dir);
  const trustListText = readFileSync(join(dir, 'trust-list.jws'), 'utf8').trim();
  const roots = [loadRootJwk(join(dir, 'root.jwk.json'))];
  const trust = await loadTrust(trustListText, roots, importKey);
  const signers = new Map<string, Ed25519Signer>();
  const statusSigners = new Map<string, Ed25519Signer>();
  const logSigners = new Map<string, Ed25519Signer>();
  const keysDir = join(dir, 'keys');
  for (const file of existsSync(keysDir) ? readdirSync(keysDir).filter((f) => f.endsWith('.key.json')) : []) {
    const meta = JSON.parse(readFileSync(join(keysDir, file), 'utf8')) as EncryptedKeyFile;
    const listed = trust.keys.find((k) => k.kid === meta.kid);
    if (!listed) continue; // not certified (yet): never sign with it
    const signer = loadKeyFile(join(keysDir, file), passphrase);
    if (toBase64Url(signer.kid) !== meta.kid)
      throw new AppError('KEY_FILE_INVALID', `${file}: kid does not match its key`);
    (listed.use === 'status' ? statusSigners : listed.use === 'log' ? logSigners : signers).set(
      meta.kid,
      signer,
    );
  }
  if (statusSigners.size === 0)
    throw new AppError('NO_SIGNING_KEY', `no status key of the trust list found in ${keysDir}`);
  const newestFirst = (a: TrustedKey, b: TrustedKey) => b.signFrom - a.signFrom;
  const statusHeld = trust.keys
    .filter((k) => k.use === 'status' && statusSigners.has(k.kid))
    .sort(newestFirst);
  const payload = JSON.parse(
    Buffer.from(trustListText.split('.')[1]!, 'base64url').toString('utf8'),
  ) as TrustListPayload;

  return {
    fingerprint: print,
    trust,
    trustListText,
    jwks: jwksFromTrustList(payload),
    statusJwks: jwksFromTrustList(payload, 'status'),
    roots,
    statusSignerFor(now) {
      const key = statusHeld.find((k) => maySignAt(k, now));
      return key ? { signer: statusSigners.get(key.kid)!, key } : undefined;
    },
    ...keysOfTrustList(trust, (kid) => statusSigners.has(kid) || signers.has(kid)),
    logSigner() {
      // The one the trust list's log section names: the newest log key not revoked.
      const key = trust.keys.filter((k) => k.use === 'log' && k.revokedAt === undefined).at(-1);
      return key && logSigners.has(key.kid) ? { signer: logSigners.get(key.kid)!, key } : undefined;
    },
    signerFor(office, type, now) {
      const key = trust.keys
        .filter(
          (k) =>
            k.use === 'documents' &&
            k.office === office &&
            k.documentTypes.includes(type) &&
            signers.has(k.kid) &&
            maySignAt(k, now),
        )
        .sort(newestFirst)[0];
      return key ? { signer: signers.get(key.kid)!, key } : undefined;
    },
  };
}
