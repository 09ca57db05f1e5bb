import { decode as cborgDecode } from 'cborg';

// cborg, an independent decoder, with maps as Map and tag 18 surfaced.
const cborgDecodeMaps = (b: Uint8Array) =>
  cborgDecode(b, {
    useMaps: true,
    tags: { 18: (inner: () => unknown) => ({ tag: 18, value: inner() }) } as never,
  }) as unknown;
import { describe, expect, it } from 'vitest';
import { CborError, CborTag, decodeCbor, encodeCbor, type CborValue } from '../../src/core/cbor.js';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { sigStructure } from '../../src/core/cose.js';

describe('deterministic CBOR', () => {
  // RFC 8949 Appendix A examples within our subset.
  it.each([
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [9007199254740991, '1b001fffffffffffff'],
    [-1, '20'],
    [-100, '3863'],
    [-65537, '3a00010000'],
    ['', '60'],
    ['IETF', '6449455446'],
    ['\u00fc', '62c3bc'],
    [true, 'f5'],
    [false, 'f4'],
    [null, 'f6'],
  ] as [CborValue, string][])('encodes %j as %s', (value, hex) => {
    expect(toHex(encodeCbor(value))).toBe(hex);
    expect(decodeCbor(fromHex(hex))).toEqual(value);
  });

  it('sorts map keys by their encoded bytes (RFC 8949 4.2.1)', () => {
    const map = new Map<number | string, CborValue>([
      ['a', 1],
      [-1, 2],
      [10, 3],
      [1, 4],
    ]);
    // 01 < 0a < 20 < 61..
    expect(toHex(encodeCbor(map))).toBe('a401040a032002616101');
  });

  it.each([
    ['1800', 'integer not in shortest form'],
    ['190017', 'integer not in shortest form'],
    ['5f4100ff', 'indefinite-length byte string'],
    ['9f01ff', 'indefinite-length array'],
    ['a202010101', 'map keys out of order'],
    ['a201010101', 'duplicate map key'],
    ['0000', 'trailing bytes'],
    ['f93c00', 'half-precision float'],
    ['f7', 'undefined'],
    ['62c3', 'truncated text'],
    ['62ff61', 'invalid UTF-8'],
    ['9b0000000100000000', 'array length beyond the data'],
    ['1c', 'reserved additional information'],
  ])('rejects %s (%s)', (hex) => {
    expect(() => decodeCbor(fromHex(hex))).toThrow(CborError);
  });

  it('rejects nesting deeper than the limit instead of overflowing the stack', () => {
    expect(() => decodeCbor(new Uint8Array(10_000).fill(0x81))).toThrow(CborError);
  });

  it('writes what cborg (an independent decoder) reads identically', () => {
    const value = new Map<number | string, CborValue>([
      [1, 'PL-WAW'],
      [6, 1790000000],
      [
        -65537,
        [
          1,
          1,
          4242,
          new Map<number, CborValue>([
            [1, 'PA1'],
            [2, 'Навіцкая'],
          ]),
        ],
      ],
    ]);
    const decoded = cborgDecodeMaps(encodeCbor(value)) as Map<number, unknown>;
    expect(decoded.get(1)).toBe('PL-WAW');
    expect(decoded.get(6)).toBe(1790000000);
    const doc = decoded.get(-65537) as unknown[];
    expect(doc.slice(0, 3)).toEqual([1, 1, 4242]);
    expect((doc[3] as Map<number, string>).get(2)).toBe('Навіцкая');
    const tagged = cborgDecodeMaps(encodeCbor(new CborTag(18, [new Uint8Array([1]), new Map(), null]))) as {
      tag: number;
      value: unknown[];
    };
    expect(tagged.tag).toBe(18);
  });
});

describe('sigStructure', () => {
  it('writes exactly what the generic encoder writes, across the length boundaries of CBOR heads', () => {
    const lengths = [0, 1, 23, 24, 25, 255, 256, 300, 65_535, 65_536];
    for (const p of lengths) {
      for (const q of lengths) {
        const protectedBytes = new Uint8Array(p).fill(0xa1);
        const payload = new Uint8Array(q).fill(0x5b);
        expect(toHex(sigStructure(protectedBytes, payload))).toBe(
          toHex(encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload])),
        );
      }
    }
  });
});
