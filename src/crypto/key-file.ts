// Private keys at rest: the 32-byte Ed25519 seed encrypted with AES-256-GCM under a key derived from a
// passphrase by scrypt (RFC 7914). The kid, public key and label are bound as additional authenticated data,
// so a file cannot be relabelled. A wrong passphrase fails the GCM tag check and is reported as such.

import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { fromBase64Url, toBase64Url, utf8 } from '../core/bytes.js';
import { AppError } from '../errors.js';
import { kidFor } from './kid.js';

export interface EncryptedKeyFile {
  format: 'nbr-key/1';
  label: string;
  kid: string;
  publicKey: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm';
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP's scrypt floor is N=2^17 r=8 p=1; tests pass a lower cost so that they stay fast. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 1 << 17, r: 8, p: 1 };

/** The 32-byte AES key for a passphrase (NFC-normalised, so the same words typed on any system match). */
export function deriveKey(passphrase: string, salt: Uint8Array, cost: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    maxmem: 256 * cost.N * cost.r + 1024 * 1024,
  });
}

function aad(label: string, kid: string, publicKey: string): Uint8Array {
  return utf8(`nbr-key/1|${label}|${kid}|${publicKey}`);
}

export function encryptKey(
  seed: Uint8Array,
  publicKey: Uint8Array,
  passphrase: string,
  label: string,
  cost: ScryptCost = DEFAULT_SCRYPT,
): EncryptedKeyFile {
  if (passphrase.length < 8) throw new AppError('BAD_REQUEST', 'passphrase must be at least 8 characters');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kid = toBase64Url(kidFor(publicKey));
  const pub = toBase64Url(publicKey);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, cost), iv);
  cipher.setAAD(aad(label, kid, pub));
  const ciphertext = Buffer.concat([cipher.update(seed), cipher.final()]);
  return {
    format: 'nbr-key/1',
    label,
    kid,
    publicKey: pub,
    kdf: { name: 'scrypt', ...cost, salt: toBase64Url(salt) },
    cipher: 'aes-256-gcm',
    iv: toBase64Url(iv),
    ciphertext: toBase64Url(ciphertext),
    tag: toBase64Url(cipher.getAuthTag()),
  };
}

/** @throws {AppError} WRONG_PASSPHRASE or KEY_FILE_INVALID. */
export function decryptKey(file: EncryptedKeyFile, passphrase: string): Uint8Array {
  if (file?.format !== 'nbr-key/1' || file.cipher !== 'aes-256-gcm' || file.kdf?.name !== 'scrypt') {
    throw new AppError('KEY_FILE_INVALID', 'not an nbr-key/1 encrypted key file');
  }
  let seed: Buffer;
  try {
    const key = deriveKey(passphrase, fromBase64Url(file.kdf.salt), file.kdf);
    const decipher = createDecipheriv('aes-256-gcm', key, fromBase64Url(file.iv));
    decipher.setAAD(aad(file.label, file.kid, file.publicKey));
    decipher.setAuthTag(fromBase64Url(file.tag));
    seed = Buffer.concat([decipher.update(fromBase64Url(file.ciphertext)), decipher.final()]);
  } catch (e) {
    throw new AppError(
      'WRONG_PASSPHRASE',
      `cannot decrypt key "${file.label}": wrong passphrase or damaged file`,
      undefined,
      { cause: e },
    );
  }
  if (seed.length !== 32) throw new AppError('KEY_FILE_INVALID', 'decrypted key has the wrong length');
  return new Uint8Array(seed);
}
