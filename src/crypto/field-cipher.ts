// Field-level envelope encryption of people's data at rest (issue 25; docs/data-at-rest.md).
//
// Every personal value is sealed with AES-256-GCM under a data key (DEK) before it reaches the database; the
// data keys are stored wrapped by a key-encryption key (KEK) that never is in the database (a key file, or an
// external KMS through KeyWrapper). The additional authenticated data is "nbr-field/1|table|column|row id", so
// a ciphertext copied to another row or column does not open (NIST SP 800-38D section 5.2.1.2: AAD binds
// context). Nonces are 96 random bits: far below the 2^32 messages a key may seal with random nonces (SP
// 800-38D section 8.3) for any registry size, and rotation starts a new key anyway.
//
// Encodings, stable and specified in docs/data-at-rest.md:
//   text  "ev1:" key-id ":" base64url(nonce 12 | ciphertext | tag 16)
//   bytes 0x00 "ev1" | key-id length (1 byte) | key-id ASCII | nonce 12 | ciphertext | tag 16
// A photo (JPEG, PNG, WebP) never starts with a zero byte, and no validated text starts with "ev1:".
//
// Blind indexes ("beacons", as in the AWS Database Encryption SDK): HMAC-SHA-256 under a separate index key,
// of a domain, a scope (the office, or "" for registry-wide ones) and the value, truncated. A beacon finds
// candidate rows for a query; the rows are then opened and compared, so a truncated beacon's collisions cost
// only a decryption, and a reader of the database without the index key can compute none.

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';

const TEXT_PREFIX = 'ev1:';
const BYTES_MAGIC = [0x00, 0x65, 0x76, 0x31];
const NONCE = 12;
const TAG = 16;
const KEY_ID = /^[a-z0-9-]{1,32}$/;

/** The key-encryption key's side: the one plug-in point for an external KMS (docs/operations.md). */
export interface KeyWrapper {
  /** Names the KEK (its fingerprint), stored beside each wrapped key so that a wrong KEK is named as such. */
  readonly id: string;
  wrap(key: Uint8Array, context: string): Promise<Uint8Array>;
  unwrap(wrapped: Uint8Array, context: string): Promise<Uint8Array>;
}

/** A KEK held in this process (from the data key file): AES-256-GCM key wrap with the key's id as AAD. */
export function localKeyWrapper(id: string, kek: Uint8Array): KeyWrapper {
  if (kek.length !== 32) throw new Error('a key-encryption key is 32 bytes');
  return {
    id,
    async wrap(key, context) {
      const nonce = randomBytes(NONCE);
      const c = createCipheriv('aes-256-gcm', kek, nonce);
      c.setAAD(Buffer.from(`nbr-dek/1|${context}`));
      return new Uint8Array(Buffer.concat([nonce, c.update(key), c.final(), c.getAuthTag()]));
    },
    async unwrap(wrapped, context) {
      try {
        const d = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, NONCE));
        d.setAAD(Buffer.from(`nbr-dek/1|${context}`));
        d.setAuthTag(wrapped.subarray(wrapped.length - TAG));
        return new Uint8Array(
          Buffer.concat([d.update(wrapped.subarray(NONCE, wrapped.length - TAG)), d.final()]),
        );
      } catch {
        throw new AppError('DATA_KEY_MISMATCH', `data key ${context} does not open with key file ${id}`);
      }
    },
  };
}

/** Where a sealed value lives: its table, column and row id, bound as associated data. */
export interface FieldPlace {
  table: string;
  column: string;
  row: string;
}

const aad = (p: FieldPlace) => Buffer.from(`nbr-field/1|${p.table}|${p.column}|${p.row}`);

// Nonces drawn from the CSPRNG 4 KiB at a time: one call per 341 values instead of one each (issuance seals a
// dozen values). Each nonce is still 96 fresh random bits, never reused.
let pool = Buffer.alloc(0);
function nonce(): Buffer {
  if (pool.length < NONCE) pool = randomBytes(NONCE * 341);
  const n = pool.subarray(0, NONCE);
  pool = pool.subarray(NONCE);
  return n;
}

export class FieldCipher {
  readonly #keys: Map<string, Buffer>;
  #active: string;
  readonly #index: Buffer;

  /** keys: every data key in use, by id; active: the one new values are sealed with; index: the beacon key. */
  constructor(keys: Map<string, Uint8Array>, active: string, index: Uint8Array) {
    if (!keys.has(active)) throw new Error(`the active data key ${active} is not among the keys`);
    this.#keys = new Map([...keys].map(([id, k]) => [id, Buffer.from(k)]));
    this.#active = active;
    this.#index = Buffer.from(index);
  }

  get activeKeyId(): string {
    return this.#active;
  }

  /** Takes keys made or retired by a rotation in another process (services/store/data-keys.ts refresh). */
  update(keys: Map<string, Uint8Array>, active: string): void {
    if (!keys.has(active)) throw new Error(`the active data key ${active} is not among the keys`);
    this.#keys.clear();
    for (const [id, k] of keys) this.#keys.set(id, Buffer.from(k));
    this.#active = active;
  }

  #seal(place: FieldPlace, plain: Uint8Array): { id: string; body: Buffer } {
    const iv = nonce();
    const c = createCipheriv('aes-256-gcm', this.#keys.get(this.#active)!, iv);
    c.setAAD(aad(place));
    return { id: this.#active, body: Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]) };
  }

  #open(place: FieldPlace, id: string, body: Uint8Array): Buffer {
    const key = this.#keys.get(id);
    if (!key)
      throw new AppError('DATA_KEY_MISSING', `${place.table}.${place.column} is sealed with data key ${id}`);
    try {
      const d = createDecipheriv('aes-256-gcm', key, body.subarray(0, NONCE));
      d.setAAD(aad(place));
      d.setAuthTag(body.subarray(body.length - TAG));
      return Buffer.concat([d.update(body.subarray(NONCE, body.length - TAG)), d.final()]);
    } catch {
      throw new AppError(
        'DATA_CORRUPT',
        `${place.table}.${place.column} of row ${place.row} does not open: changed, or moved from another row`,
      );
    }
  }

  sealText(place: FieldPlace, value: string): string {
    const { id, body } = this.#seal(place, Buffer.from(value, 'utf8'));
    return `${TEXT_PREFIX}${id}:${body.toString('base64url')}`;
  }

  openText(place: FieldPlace, value: string): string {
    const parts = textParts(value);
    if (!parts) throw new AppError('DATA_CORRUPT', `${place.table}.${place.column} is not sealed`);
    return this.#open(place, parts.id, Buffer.from(parts.body, 'base64url')).toString('utf8');
  }

  sealBytes(place: FieldPlace, value: Uint8Array): Uint8Array {
    const { id, body } = this.#seal(place, value);
    return new Uint8Array(
      Buffer.concat([Buffer.from(BYTES_MAGIC), Buffer.from([id.length]), Buffer.from(id), body]),
    );
  }

  openBytes(place: FieldPlace, value: Uint8Array): Uint8Array {
    const parts = bytesParts(value);
    if (!parts) throw new AppError('DATA_CORRUPT', `${place.table}.${place.column} is not sealed`);
    return new Uint8Array(this.#open(place, parts.id, parts.body));
  }

  /**
   * The beacon of a value: hex of the first `bits` bits of HMAC-SHA-256(index key, domain | scope | value).
   * Scope is the office for searches within one office (so the same name gives unrelated beacons in two
   * offices), "" for registry-wide ones (document numbers, the cross-office report).
   */
  beacon(domain: string, scope: string, value: string, bits: 32 | 64): string {
    return createHmac('sha256', this.#index)
      .update(`nbr-beacon/1|${domain}|${scope}|${value}`)
      .digest('hex')
      .slice(0, bits / 4);
  }
}

/** The data key a sealed value names, or undefined if the value is not sealed (plain text before migration). */
export function sealedKeyId(value: string | Uint8Array | null): string | undefined {
  if (value === null) return undefined;
  return (typeof value === 'string' ? textParts(value) : bytesParts(value))?.id;
}

function textParts(value: string): { id: string; body: string } | undefined {
  if (!value.startsWith(TEXT_PREFIX)) return undefined;
  const end = value.indexOf(':', TEXT_PREFIX.length);
  if (end < 0) return undefined;
  const id = value.slice(TEXT_PREFIX.length, end);
  return KEY_ID.test(id) ? { id, body: value.slice(end + 1) } : undefined;
}

function bytesParts(value: Uint8Array): { id: string; body: Uint8Array } | undefined {
  if (value.length < 5 || !BYTES_MAGIC.every((b, i) => value[i] === b)) return undefined;
  const n = value[4]!;
  const id = Buffer.from(value.subarray(5, 5 + n)).toString('latin1');
  return KEY_ID.test(id) ? { id, body: value.subarray(5 + n) } : undefined;
}

/** A fresh 32-byte key. */
export const newKey = (): Uint8Array => new Uint8Array(randomBytes(32));
