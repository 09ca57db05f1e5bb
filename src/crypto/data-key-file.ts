// The key-encryption key (KEK) of people's data at rest, in a file beside the service's other keys and in
// the same format (nbr-key/1: AES-256-GCM under a scrypt-derived key), so that `nbr keys reencrypt` and the
// ceremony's habits apply to it. The file holds 32 random bytes; the KEK is derived from them with HKDF-SHA-256
// (RFC 5869) under its own label, and the file's "publicKey" field holds a second derivation that names the
// KEK (its kid) without revealing it. The KEK is never stored in the database: a copy of the database
// without this file and its passphrase reveals no one (issue 25).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import {
  decryptKey,
  DEFAULT_SCRYPT,
  encryptKey,
  type EncryptedKeyFile,
  type ScryptCost,
} from './key-file.js';
import { localKeyWrapper, type KeyWrapper } from './field-cipher.js';
import { toBase64Url } from '../core/bytes.js';
import { kidFor } from './kid.js';

export const DATA_KEY_LABEL = 'data';

const derive = (seed: Uint8Array, info: string) =>
  new Uint8Array(hkdfSync('sha256', seed, new Uint8Array(0), info, 32));

/** The wrapper for a KEK file's 32 bytes: its id is the kid of the naming derivation. */
export function wrapperFromSeed(seed: Uint8Array): KeyWrapper {
  const name = derive(seed, 'nbr-data-kek-id/1');
  return localKeyWrapper(toBase64Url(kidFor(name)), derive(seed, 'nbr-data-kek/1'));
}

/** Writes a new data key file (never over an existing one); returns its wrapper. */
export function createDataKeyFile(
  path: string,
  passphrase: string,
  cost: ScryptCost = DEFAULT_SCRYPT,
): KeyWrapper {
  if (existsSync(path))
    throw new AppError('CONFLICT', `${path} exists already: a data key file is never replaced`);
  const seed = new Uint8Array(randomBytes(32));
  const file = encryptKey(seed, derive(seed, 'nbr-data-kek-id/1'), passphrase, DATA_KEY_LABEL, cost);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return wrapperFromSeed(seed);
}

/** @throws {AppError} DATA_KEY_FILE_MISSING, WRONG_PASSPHRASE or KEY_FILE_INVALID. */
export function loadDataKeyFile(path: string, passphrase: string): KeyWrapper {
  if (!existsSync(path))
    throw new AppError(
      'DATA_KEY_FILE_MISSING',
      `the data key file ${path} is missing: people's data in the database cannot be read without it ` +
        '(restore it from the ceremony, or create one for a new registry with  nbr data-key init)',
    );
  const file = JSON.parse(readFileSync(path, 'utf8')) as EncryptedKeyFile;
  if (file.label !== DATA_KEY_LABEL)
    throw new AppError('KEY_FILE_INVALID', `${path} is a "${file.label}" key, not the data key file`);
  const seed = decryptKey(file, passphrase);
  const wrapper = wrapperFromSeed(seed);
  if (wrapper.id !== file.kid)
    throw new AppError('KEY_FILE_INVALID', `${path}: its kid does not match its key`);
  return wrapper;
}
