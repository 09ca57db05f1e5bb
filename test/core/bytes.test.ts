// fromUtf8 decodes short strings with its own loop: it must accept and reject exactly what the platform's
// strict TextDecoder does, and return the same text.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromUtf8 } from '../../src/core/bytes.js';

const reference = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function outcome(decode: (b: Uint8Array) => string, bytes: Uint8Array): string {
  try {
    return `ok:${decode(bytes)}`;
  } catch (e) {
    return e instanceof TypeError ? 'error' : `unexpected ${String(e)}`;
  }
}

// Most inputs below are invalid: without stack traces, the many throws cost far less.
beforeAll(() => {
  Error.stackTraceLimit = 0;
});
afterAll(() => {
  Error.stackTraceLimit = 10;
});

function agrees(bytes: Uint8Array): boolean {
  return outcome(fromUtf8, bytes) === outcome((b) => reference.decode(b), bytes);
}

describe('fromUtf8', () => {
  it('agrees with TextDecoder on every 1- and 2-byte input', () => {
    for (let a = 0; a < 256; a++) {
      expect(agrees(Uint8Array.of(a))).toBe(true);
      for (let b = 0; b < 256; b++) if (!agrees(Uint8Array.of(a, b))) expect([a, b]).toBe('agreeing');
    }
  });

  it('agrees on every lead byte from C0 with every second byte and boundary third and fourth bytes', () => {
    const edges = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff];
    const disagreeing: number[][] = [];
    for (let a = 0xc0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        for (const c of edges) {
          if (!agrees(Uint8Array.of(a, b, c))) disagreeing.push([a, b, c]);
          // Four-byte forms start with F0-F4; beyond those, a fourth byte changes nothing.
          if (a >= 0xf0 && a <= 0xf5)
            for (const d of [0x41, 0x80, 0xbf, 0xc0])
              if (!agrees(Uint8Array.of(a, b, c, d))) disagreeing.push([a, b, c, d]);
        }
      }
    }
    expect(disagreeing).toEqual([]);
  });

  it('keeps a leading byte order mark, as the reference does with ignoreBOM', () => {
    expect(fromUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('\ufeffA');
  });

  it('agrees on random text and on random bytes, short and long', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const bytes = new TextEncoder().encode(text);
        return agrees(bytes) && fromUtf8(bytes) === text;
      }),
      { numRuns: 5_000, seed: 20261126 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), agrees), { numRuns: 5_000, seed: 20261127 });
  });
});
