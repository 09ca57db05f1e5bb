// The sealed-value encodings, key wrapping and beacons of docs/data-at-rest.md, held to the vectors in
// test/vectors/data-at-rest.json (computed from the specification by scripts/data-at-rest-vectors.ts), and
// what must not open: a value moved to another row or column, a changed byte, a retired key.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapperFromSeed } from '../../src/crypto/data-key-file.js';
import { FieldCipher, localKeyWrapper, sealedKeyId } from '../../src/crypto/field-cipher.js';
import { fromBase64Url } from '../../src/core/bytes.js';

const V = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'vectors', 'data-at-rest.json'), 'utf8'));
const hex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
const cipher = () =>
  new FieldCipher(new Map([[V.dataKey.id, hex(V.dataKey.key)]]), V.dataKey.id, hex(V.indexKey));

describe('field cipher', () => {
  it('opens the vectors and makes their beacons', async () => {
    const c = cipher();
    expect(c.openText(V.text.place, V.text.sealed)).toBe(V.text.plain);
    expect(Buffer.from(c.openBytes(V.bytes.place, hex(V.bytes.sealed))).toString('hex')).toBe(V.bytes.plain);
    for (const b of V.beacons) expect(c.beacon(b.domain, b.scope, b.value, b.bits), b.value).toBe(b.beacon);
    const w = wrapperFromSeed(hex(V.keyFile.seed));
    const dek = await w.unwrap(
      fromBase64Url(V.keyFile.wrappedDataKey.base64url),
      V.keyFile.wrappedDataKey.id,
    );
    expect(Buffer.from(dek).toString('hex')).toBe(V.dataKey.key);
    await expect(w.unwrap(fromBase64Url(V.keyFile.wrappedDataKey.base64url), 'd2')).rejects.toThrow(
      /does not open/,
    );
  });

  it('seals what opens only in its own place, and names its key', () => {
    const c = cipher();
    const sealed = c.sealText(V.text.place, 'Ўладзімір');
    expect(sealed).toMatch(/^ev1:d1:/);
    expect(sealedKeyId(sealed)).toBe('d1');
    expect(sealedKeyId('Ўладзімір')).toBeUndefined();
    expect(c.openText(V.text.place, sealed)).toBe('Ўладзімір');
    expect(c.sealText(V.text.place, 'Ўладзімір')).not.toBe(sealed); // a fresh nonce each time
    for (const moved of [
      { ...V.text.place, row: `${V.text.place.row.slice(0, -1)}2` },
      { ...V.text.place, column: 'given_names' },
      { ...V.text.place, table: 'documents' },
    ])
      expect(() => c.openText(moved, sealed)).toThrow(/does not open/);
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
    expect(() => c.openText(V.text.place, flipped)).toThrow(/does not open/);
    expect(() => c.openText(V.text.place, 'plain text')).toThrow(/not sealed/);
    const bytes = c.sealBytes(V.bytes.place, hex('ffd8ffe0'));
    expect(sealedKeyId(bytes)).toBe('d1');
    expect(Buffer.from(c.openBytes(V.bytes.place, bytes)).toString('hex')).toBe('ffd8ffe0');
  });

  it('opens values of every key it holds, seals with the active one, and not with a key it lost', () => {
    const d2 = new Uint8Array(32).fill(7);
    const old = cipher();
    const sealedOld = old.sealText(V.text.place, 'Алесь');
    const both = new FieldCipher(
      new Map([
        ['d1', hex(V.dataKey.key)],
        ['d2', d2],
      ]),
      'd2',
      hex(V.indexKey),
    );
    expect(both.openText(V.text.place, sealedOld)).toBe('Алесь');
    expect(sealedKeyId(both.sealText(V.text.place, 'Алесь'))).toBe('d2');
    both.update(new Map([['d2', d2]]), 'd2');
    expect(() => both.openText(V.text.place, sealedOld)).toThrow(/sealed with data key d1/);
  });

  it('wraps a data key so that only the same key-encryption key and id open it', async () => {
    const a = localKeyWrapper('a', new Uint8Array(32).fill(1));
    const b = localKeyWrapper('b', new Uint8Array(32).fill(2));
    const wrapped = await a.wrap(new Uint8Array(32).fill(9), 'd1');
    expect(await a.unwrap(wrapped, 'd1')).toEqual(new Uint8Array(32).fill(9));
    await expect(b.unwrap(wrapped, 'd1')).rejects.toThrow(/does not open with key file b/);
  });
});
