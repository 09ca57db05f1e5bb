// Off-the-shelf libraries read our formats: jose verifies the trust list and status list JWS with the root
// and status keys; cborg and a hand-built Sig_structure check a document with node:crypto, following only
// docs/qr-format.md.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { decode as cborgDecode, encode as cborgEncode } from 'cborg';
import { compactVerify, importJWK, type JWK } from 'jose';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeBase45 } from '../src/core/base45.js';
import { documentVectors, vectorFile } from './helpers/vectors.js';

describe('interoperability', () => {
  it('jose verifies the trust list with the root JWK, and the status list with the status key', async () => {
    const root = JSON.parse(vectorFile('root.jwk.json')) as JWK;
    const { payload, protectedHeader } = await compactVerify(
      vectorFile('trust-list.jws').trim(),
      await importJWK({ ...root, alg: 'EdDSA' }, 'EdDSA'),
    );
    expect(protectedHeader.typ).toBe('nbr-trust-list+jws');
    const list = JSON.parse(new TextDecoder().decode(payload)) as {
      keys: { kid: string; use: string; jwk: JWK }[];
    };
    const statusKey = list.keys.find((k) => k.use === 'status')!;
    const status = await compactVerify(
      vectorFile('status-list.jws').trim(),
      await importJWK({ ...statusKey.jwk, alg: 'EdDSA' }, 'EdDSA'),
    );
    expect(status.protectedHeader.kid).toBe(statusKey.kid);
  });

  it('a third-party style verifier (cborg + node:crypto) accepts the valid passport vector', () => {
    const v = documentVectors().find((x) => x.name === 'valid-passport')!;
    const list = JSON.parse(vectorFile('trust-list.payload.json')) as { keys: { kid: string; jwk: JWK }[] };
    const decoder = {
      decode: (b: Uint8Array) =>
        cborgDecode(b, {
          useMaps: true,
          tags: { 18: (inner: () => unknown) => ({ tag: 18, value: inner() }) } as never,
        }),
    };
    const cose = decoder.decode(decodeBase45(v.qr.slice(4))) as {
      tag: number;
      value: [Uint8Array, Map<number, unknown>, Uint8Array, Uint8Array];
    };
    expect(cose.tag).toBe(18);
    const [protectedBytes, , payload, signature] = cose.value;
    const header = decoder.decode(protectedBytes) as Map<number, unknown>;
    expect(header.get(1)).toBe(-8);
    const kid = Buffer.from(header.get(4) as Uint8Array).toString('base64url');
    const jwk = list.keys.find((k) => k.kid === kid)!.jwk;
    const sigStructure = cborgEncode(['Signature1', protectedBytes, new Uint8Array(0), payload]);
    expect(
      nodeVerify(null, sigStructure, createPublicKey({ key: jwk as never, format: 'jwk' }), signature),
    ).toBe(true);
    const claims = decoder.decode(payload) as Map<number, unknown>;
    expect(claims.get(1)).toBe('PL-WAW');
    expect(((claims.get(-65537) as unknown[])[3] as Map<number, unknown>).get(4)).toBe('NAVITSKAIA');
  });

  it('the same third-party verifier finds the sealed face as section 5.1 describes it, and libvips reads it', async () => {
    const v = documentVectors().find((x) => x.name === 'passport-with-portrait')!;
    expect(v.expected.code).toBe('VALID');
    const decode = (b: Uint8Array) =>
      cborgDecode(b, {
        useMaps: true,
        tags: { 18: (inner: () => unknown) => ({ tag: 18, value: inner() }) } as never,
      });
    const cose = decode(decodeBase45(v.qr.slice(4))) as {
      value: [Uint8Array, unknown, Uint8Array, Uint8Array];
    };
    const claims = decode(cose.value[2]) as Map<number, unknown>;
    const document = claims.get(-65537) as unknown[];
    expect(document).toHaveLength(6);
    const [format, image] = document[5] as [number, Uint8Array];
    expect(format).toBe(4);
    expect(Buffer.from(image.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    expect(Buffer.from(image.subarray(8, 12)).toString('latin1')).toBe('WEBP');
    const meta = await sharp(image).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 36, 48]);
  });
});
