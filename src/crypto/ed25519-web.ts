// Browser implementation: WebCrypto Ed25519 where the browser has it, @noble/ed25519 otherwise.
// No node: imports; bundled into the verifier page.

import * as ed from '@noble/ed25519';
import type { Ed25519PublicKey, ImportEd25519Key } from '../core/crypto-port.js';

type Subtle = SubtleCrypto;

/** WebCrypto; rejects if the runtime lacks Ed25519 in SubtleCrypto. */
export function webCryptoImporter(subtle: Subtle): ImportEd25519Key {
  return async (raw) => {
    if (raw.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
    const key = await subtle.importKey('raw', Uint8Array.from(raw), { name: 'Ed25519' }, false, ['verify']);
    return {
      raw: Uint8Array.from(raw),
      verify: async (message: Uint8Array, signature: Uint8Array) => {
        if (signature.length !== 64) return false;
        try {
          return await subtle.verify(
            { name: 'Ed25519' },
            key,
            Uint8Array.from(signature),
            Uint8Array.from(message),
          );
        } catch {
          return false;
        }
      },
    } satisfies Ed25519PublicKey;
  };
}

/** Pure-JS fallback. zip215:false asks for RFC 8032 / FIPS 186-5 strictness instead of ZIP-215 leniency. */
export const importNobleEd25519: ImportEd25519Key = async (raw) => {
  if (raw.length !== 32) throw new RangeError('Ed25519 public key must be 32 bytes');
  const copy = Uint8Array.from(raw);
  return {
    raw: copy,
    verify: async (message, signature) => {
      if (signature.length !== 64) return false;
      try {
        return await ed.verifyAsync(signature, message, copy, { zip215: false });
      } catch {
        return false;
      }
    },
  };
};

/** Picks WebCrypto when it supports Ed25519 (probed once with a key import), else noble. */
export async function browserImporter(
  subtle: Subtle | undefined,
): Promise<{ importKey: ImportEd25519Key; engine: 'webcrypto' | 'noble' }> {
  if (subtle) {
    try {
      // The RFC 8032 test 1 public key: importing it succeeds only where Ed25519 is supported.
      const probe = new Uint8Array([
        215, 90, 152, 1, 130, 177, 10, 183, 213, 75, 254, 211, 201, 100, 7, 58, 14, 225, 114, 243, 218, 166,
        35, 37, 175, 2, 26, 104, 247, 7, 81, 26,
      ]);
      await subtle.importKey('raw', probe, { name: 'Ed25519' }, false, ['verify']);
      return { importKey: webCryptoImporter(subtle), engine: 'webcrypto' };
    } catch {
      // fall through
    }
  }
  return { importKey: importNobleEd25519, engine: 'noble' };
}
