// Base45 (RFC 9285). Chosen because QR alphanumeric mode stores its 45 characters at 5.5 bits each,
// so 2 bytes -> 3 characters costs 16.5 bits instead of 24 in byte mode.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
// Character code -> value, -1 for characters outside the alphabet (a table lookup keeps decoding cheap).
const INDEX = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

function valueAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const v = code < 128 ? INDEX[code]! : -1;
  if (v < 0) throw new TypeError('invalid base45 character');
  return v;
}

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += ALPHABET[n % 45]! + ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/**
 * Decodes base45, rejecting what RFC 9285 section 4.2 calls invalid: a length of 1 mod 3, a character outside
 * the alphabet, a triplet above 65535 or a final pair above 255. Each byte string therefore has exactly one
 * encoding, which matters: a verifier must not accept two different texts for one signed document.
 * @throws {TypeError} on any invalid input.
 */
export function decodeBase45(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new TypeError('base45 length must not be 1 mod 3');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = valueAt(text, i);
    const d = valueAt(text, i + 1);
    if (i + 2 < text.length) {
      const e = valueAt(text, i + 2);
      const n = c + d * 45 + e * 2025;
      if (n > 0xffff) throw new TypeError('base45 triplet out of range');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = c + d * 45;
      if (n > 0xff) throw new TypeError('base45 pair out of range');
      out[o++] = n;
    }
  }
  return out;
}
