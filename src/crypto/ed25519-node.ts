// node:crypto Ed25519 (OpenSSL): the server's and CLI's implementation. OpenSSL follows RFC 8032 strictly
// (rejects S >= L and non-canonical encodings), which test/crypto-agreement.test.ts checks against noble.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { Ed25519PublicKey, Ed25519Signer, ImportEd25519Key } from '../core/crypto-port.js';
import { kidFor } from './kid.js';

// RFC 8410 DER prefixes: SubjectPublicKeyInfo and PKCS#8 wrappers around the raw 32 bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`Ed25519 public key must be 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32)
    throw new RangeError(`Ed25519 private key seed must be 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Imports once into a KeyObject; verify() then costs one OpenSSL call. */
export const importNodeEd25519: ImportEd25519Key = async (raw) => nodePublicKey(raw);

export function nodePublicKey(raw: Uint8Array): Ed25519PublicKey {
  const keyObject = publicKeyObject(raw);
  const copy = Uint8Array.from(raw);
  return {
    raw: copy,
    verify: async (message, signature) =>
      signature.length === 64 && verify(null, message, keyObject, signature),
  };
}

/**
 * The same check on libuv's thread pool (crypto.verify with a callback): the event loop stays free while
 * OpenSSL works, so one process uses both cores under load. Slower for a single call (a thread hop).
 */
export const importNodeEd25519Pooled: ImportEd25519Key = async (raw) => {
  const keyObject = publicKeyObject(raw);
  return {
    raw: Uint8Array.from(raw),
    verify: (message, signature) =>
      signature.length !== 64
        ? Promise.resolve(false)
        : new Promise((resolve) =>
            verify(null, message, keyObject, signature, (err, ok) => resolve(!err && ok)),
          ),
  };
};

export function nodeSigner(seed: Uint8Array): Ed25519Signer {
  const keyObject = privateKeyObject(seed);
  const publicKey = new Uint8Array(
    createPublicKey(keyObject).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length),
  );
  return {
    kid: kidFor(publicKey),
    publicKey,
    sign: async (message) => new Uint8Array(sign(null, message, keyObject)),
  };
}

/** A fresh random key pair; the seed is the 32-byte private key of RFC 8032 5.1.5. */
export function generateEd25519(): { seed: Uint8Array; publicKey: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = new Uint8Array(
    privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length),
  );
  const pub = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
  return { seed, publicKey: pub };
}
