import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../src/core/base45.js';
import { utf8, fromUtf8 } from '../../src/core/bytes.js';

// RFC 9285 section 4.3 and 4.4 examples.
const examples: [string, string][] = [
  ['AB', 'BB8'],
  ['Hello!!', '%69 VD92EX0'],
  ['base-45', 'UJCLQE7W581'],
  ['ietf!', 'QED8WEX0'],
];

describe('base45 (RFC 9285)', () => {
  it.each(examples)('encodes %j as %j and back', (text, encoded) => {
    expect(encodeBase45(utf8(text))).toBe(encoded);
    expect(fromUtf8(decodeBase45(encoded))).toBe(text);
  });

  it('round-trips every length up to 40 with random bytes', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect(decodeBase45(encodeBase45(bytes))).toEqual(bytes);
    }
  });

  it.each([
    ['GGW', 'triplet above 65535 (RFC 9285 4.4)'],
    ['A', 'length 1 mod 3'],
    ['ABCD', 'length 1 mod 3'],
    ['abc', 'lower case'],
    [':::', 'triplet 91124'],
    ['::', 'pair above 255'],
  ])('rejects %j (%s)', (text) => {
    expect(() => decodeBase45(text)).toThrow(TypeError);
  });
});
