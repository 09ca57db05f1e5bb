// Encrypted files of any size (database backups): a passphrase-derived key (scrypt, RFC 7914) and AES-256-GCM
// over fixed-size chunks, each sealed on its own, in the STREAM construction (Hoang, Reyhanitabar, Rogaway and
// Vizár, "Online authenticated-encryption and its nonce-reuse misuse-resistance", CRYPTO 2015) that age and
// Tink's streaming AEAD use: nonce = 7-byte random prefix || 4-byte chunk counter || 1-byte last-chunk flag.
// Every chunk is authenticated before any of its bytes are released, chunks cannot be reordered, dropped or
// repeated, and a file cut after any chunk is refused because no chunk carried the last flag. The header
// (format, KDF parameters, salt, prefix) is bound to every chunk as additional data through its hash.
//
// File: one JSON header line, then chunks of [u32 big-endian ciphertext length][ciphertext][16-byte tag].

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from '../errors.js';
import { DEFAULT_SCRYPT, deriveKey, type ScryptCost } from './key-file.js';

export const SEALED_FORMAT = 'nbr-sealed/1';
const CHUNK = 64 * 1024;
const TAG = 16;
/** Refuse absurd lengths before allocating: a chunk is never larger than CHUNK. */
const MAX_CHUNK = CHUNK;

interface Header {
  format: typeof SEALED_FORMAT;
  /** What the plaintext is (e.g. "registry-backup"), so that one kind of file is not taken for another. */
  content: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm-stream';
  chunk: number;
  noncePrefix: string;
}

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** A Transform that seals what is written to it; the header line comes first. */
export async function sealStream(
  passphrase: string,
  content: string,
  cost: ScryptCost = DEFAULT_SCRYPT,
): Promise<Transform> {
  if (passphrase.length < 12)
    throw new AppError('BAD_REQUEST', 'the backup passphrase must be at least 12 characters');
  const salt = randomBytes(16);
  const prefix = randomBytes(7);
  const header: Header = {
    format: SEALED_FORMAT,
    content,
    kdf: { name: 'scrypt', ...cost, salt: salt.toString('base64url') },
    cipher: 'aes-256-gcm-stream',
    chunk: CHUNK,
    noncePrefix: prefix.toString('base64url'),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const aad = createHash('sha256').update(headerLine).digest();
  const key = deriveKey(passphrase, salt, cost);
  let counter = 0;
  let pending = Buffer.alloc(0);
  let headerSent = false;

  const seal = (plain: Buffer, last: boolean): Buffer => {
    if (counter > 0xffffffff) throw new Error('file too large for one sealed stream');
    const cipher = createCipheriv('aes-256-gcm', key, nonce(prefix, counter++, last));
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body, cipher.getAuthTag()]);
  };
  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      if (!headerSent) {
        this.push(headerLine);
        headerSent = true;
      }
      pending = Buffer.concat([pending, data]);
      // Keep at least one byte back: the last chunk must be sealed with the last flag, known only at the end.
      while (pending.length > CHUNK) {
        this.push(seal(pending.subarray(0, CHUNK), false));
        pending = pending.subarray(CHUNK);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!headerSent) this.push(headerLine);
      this.push(seal(pending, true));
      done();
    },
  });
}

/**
 * A Transform that opens a sealed file: fails with BACKUP_INVALID on a wrong passphrase, another kind of file,
 * or any change, reordering or truncation, and releases each chunk's bytes only after its tag has verified.
 */
export function openStream(passphrase: string, content: string): Transform {
  let buffer = Buffer.alloc(0);
  let header: Header | undefined;
  let key: Buffer | undefined;
  let prefix: Buffer | undefined;
  let aad: Buffer | undefined;
  let counter = 0;
  let finished = false;
  const invalid = (message: string) => new AppError('BACKUP_INVALID', message);

  function readHeader(): boolean {
    const end = buffer.indexOf(0x0a);
    if (end < 0) {
      if (buffer.length > 4096) throw invalid('not a sealed registry file');
      return false;
    }
    const line = buffer.subarray(0, end + 1);
    let parsed: Header;
    try {
      parsed = JSON.parse(line.toString('utf8')) as Header;
    } catch {
      throw invalid('not a sealed registry file');
    }
    if (
      parsed.format !== SEALED_FORMAT ||
      parsed.cipher !== 'aes-256-gcm-stream' ||
      parsed.kdf?.name !== 'scrypt'
    )
      throw invalid('not a sealed registry file');
    if (parsed.content !== content) throw invalid(`this file holds "${parsed.content}", not "${content}"`);
    const { N, r, p } = parsed.kdf;
    // Bound the KDF cost a file may ask for: a crafted header must not exhaust memory or time.
    if (![N, r, p].every(Number.isSafeInteger) || N > 1 << 20 || r > 16 || p > 4 || N < 2)
      throw invalid('unsupported key derivation parameters');
    header = parsed;
    prefix = Buffer.from(parsed.noncePrefix, 'base64url');
    if (prefix.length !== 7) throw invalid('malformed header');
    aad = createHash('sha256').update(line).digest();
    key = deriveKey(passphrase, Buffer.from(parsed.kdf.salt, 'base64url'), { N, r, p });
    buffer = buffer.subarray(end + 1);
    return true;
  }

  /** Opens every whole chunk in the buffer and pushes its plaintext; throws on the first that does not verify. */
  function openChunks(out: Transform): void {
    if (!header && !readHeader()) return;
    for (;;) {
      if (buffer.length < 4) return;
      const len = buffer.readUInt32BE(0);
      if (len > MAX_CHUNK) throw invalid('damaged file (chunk length)');
      if (buffer.length < 4 + len + TAG) return;
      if (finished) throw invalid('data after the last chunk');
      const body = buffer.subarray(4, 4 + len);
      const tag = buffer.subarray(4 + len, 4 + len + TAG);
      buffer = buffer.subarray(4 + len + TAG);
      // The last flag is not stored: try "not last" first, then "last" (only the true one verifies).
      let plain: Buffer | undefined;
      for (const last of [false, true]) {
        const decipher = createDecipheriv('aes-256-gcm', key!, nonce(prefix!, counter, last));
        decipher.setAAD(aad!);
        decipher.setAuthTag(tag);
        try {
          plain = Buffer.concat([decipher.update(body), decipher.final()]);
          finished = last;
          break;
        } catch {
          // try the other flag
        }
      }
      if (!plain)
        throw invalid(counter === 0 ? 'wrong passphrase, or the file was altered' : 'the file was altered');
      counter++;
      out.push(plain);
    }
  }

  return new Transform({
    transform(data: Buffer, _enc, done: TransformCallback) {
      buffer = Buffer.concat([buffer, data]);
      try {
        openChunks(this);
      } catch (e) {
        return done(e as Error);
      }
      done();
    },
    flush(done: TransformCallback) {
      if (!header) return done(invalid('not a sealed registry file'));
      if (!finished || buffer.length > 0) return done(invalid('the file is incomplete (cut short)'));
      done();
    },
  });
}
