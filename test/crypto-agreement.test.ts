// node:crypto (server and CLI, inline and on the thread pool), WebCrypto and @noble/ed25519 (browser) must give the same answer on every vector,
// including the malleability cases that ZIP-215 would accept and RFC 8032 rejects.
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../src/core/bytes.js';
import { verify } from '../src/core/verify.js';
import { importNodeEd25519, importNodeEd25519Pooled } from '../src/crypto/ed25519-node.js';
import { importNobleEd25519, webCryptoImporter } from '../src/crypto/ed25519-web.js';
import { documentVectors, seconds, vectorTrust } from './helpers/vectors.js';

const importers = {
  node: importNodeEd25519,
  // The service's default: the same OpenSSL check on libuv's thread pool.
  nodePool: importNodeEd25519Pooled,
  webcrypto: webCryptoImporter(webcrypto.subtle as unknown as SubtleCrypto),
  noble: importNobleEd25519,
};

// RFC 8032 section 7.1, tests 1-3.
const rfc8032 = [
  {
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

// L, the order of the base point (RFC 8032 section 5.1).
const L = (1n << 252n) + 27742317777372353535851937790883648493n;

function addLToS(sigHex: string): string {
  const s =
    BigInt(
      `0x${[...fromHex(sigHex.slice(64))]
        .reverse()
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('')}`,
    ) + L;
  const bytes = new Uint8Array(32);
  let v = s;
  for (let i = 0; i < 32; i++) {
    bytes[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return sigHex.slice(0, 64) + toHex(bytes);
}

describe('Ed25519 implementations agree', () => {
  for (const [i, v] of rfc8032.entries()) {
    it(`RFC 8032 test ${i + 1}: valid, and rejected with S + L (malleability)`, async () => {
      for (const [name, importKey] of Object.entries(importers)) {
        const key = await importKey(fromHex(v.pk));
        expect(await key.verify(fromHex(v.msg), fromHex(v.sig)), name).toBe(true);
        expect(await key.verify(fromHex(v.msg), fromHex(addLToS(v.sig))), `${name} S+L`).toBe(false);
        expect(await key.verify(fromHex(`${v.msg}00`), fromHex(v.sig)), `${name} other message`).toBe(false);
      }
    });
  }

  it('on every document vector', async () => {
    const results: Record<string, string[]> = {};
    for (const [name, importKey] of Object.entries(importers)) {
      const material = await vectorTrust(importKey);
      results[name] = [];
      for (const v of documentVectors())
        results[name].push((await verify(v.qr, { ...material, now: seconds(v.validationTime) })).code);
    }
    expect(results.nodePool).toEqual(results.node);
    expect(results.webcrypto).toEqual(results.node);
    expect(results.noble).toEqual(results.node);
    expect(results.node).toEqual(documentVectors().map((v) => v.expected.code));
  });
});
