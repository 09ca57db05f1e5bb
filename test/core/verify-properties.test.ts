// Properties of verify(): any single change to a valid code is rejected, and no input makes it throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from '../../src/core/base45.js';
import { verify } from '../../src/core/verify.js';
import { importNodeEd25519 } from '../../src/crypto/ed25519-node.js';
import { documentVectors, seconds, vectorTrust } from '../helpers/vectors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

describe('verify properties', async () => {
  const material = await vectorTrust(importNodeEd25519);
  const vector = documentVectors().find((v) => v.name === 'valid-passport')!;
  const opts = { ...material, now: seconds(vector.validationTime) };
  const good = vector.qr;
  const body = decodeBase45(good.slice(4));

  it('accepts the unmodified code', async () => {
    expect((await verify(good, opts)).code).toBe('VALID');
  });

  it('rejects every single-character substitution and deletion of the QR text (exhaustive)', async () => {
    let tried = 0;
    for (let i = 0; i < good.length; i++) {
      for (const c of ALPHABET + 'a\u0000\u0416') {
        if (c === good[i]) continue;
        const changed = good.slice(0, i) + c + good.slice(i + 1);
        const r = await verify(changed, opts);
        if (r.valid) throw new Error(`accepted a change at ${i} to ${JSON.stringify(c)}`);
        tried++;
      }
      expect((await verify(good.slice(0, i) + good.slice(i + 1), opts)).valid).toBe(false);
    }
    expect(tried).toBeGreaterThan(good.length * 44);
  });

  it('rejects every single-byte change of the signed COSE bytes (exhaustive)', async () => {
    for (let i = 0; i < body.length; i++) {
      for (let b = 0; b < 256; b++) {
        if (b === body[i]) continue;
        const changed = Uint8Array.from(body);
        changed[i] = b;
        const r = await verify(`NB1:${encodeBase45(changed)}`, opts);
        if (r.valid) throw new Error(`accepted byte ${i} = ${b}`);
      }
    }
  });

  it('never throws on 100,000 random and mutated inputs', async () => {
    const mutated = fc
      .tuple(
        fc.nat(good.length),
        fc.nat(good.length),
        fc.string({ maxLength: 8 }),
        fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'bytes'),
      )
      .map(([i, j, s, op]) => {
        const [a, b] = i < j ? [i, j] : [j, i];
        if (op === 'replace') return good.slice(0, a) + s + good.slice(a + s.length);
        if (op === 'insert') return good.slice(0, a) + s + good.slice(a);
        if (op === 'delete') return good.slice(0, a) + good.slice(b);
        if (op === 'truncate') return good.slice(0, a);
        const bytes = Uint8Array.from(body);
        bytes[a % bytes.length] = s.charCodeAt(0) & 0xff || 0xff;
        return `NB1:${encodeBase45(bytes.subarray(0, Math.max(1, b % (bytes.length + 1))))}`;
      });
    const randomCose = fc
      .uint8Array({ maxLength: 400 })
      .map((bytes) => `NB1:${encodeBase45(Uint8Array.of(0xd2, 0x84, ...bytes))}`);
    const input = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 600 }).map((s) => `NB1:${s}`),
      mutated,
      randomCose,
    );
    let slowest = 0;
    await fc.assert(
      fc.asyncProperty(input, async (text) => {
        const t = performance.now();
        const r = await verify(text, opts);
        slowest = Math.max(slowest, performance.now() - t);
        return typeof r.code === 'string' && (r.valid === false || text === good);
      }),
      { numRuns: 100_000, seed: 20261126 },
    );
    // Not a performance assertion (bench/fuzz-verify.ts measures that): a guard against pathological inputs
    // such as deep nesting or huge declared lengths, which would take orders of magnitude longer.
    expect(slowest).toBeLessThan(250);
  });
});
