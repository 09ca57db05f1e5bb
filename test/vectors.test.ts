// Every committed vector verifies to its expected code, and the generator reproduces them byte for byte.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verify } from '../src/core/verify.js';
import { importNodeEd25519 } from '../src/crypto/ed25519-node.js';
import { REASON_CODES, VALID_UNCHECKED_MESSAGE } from '../src/core/reasons.js';
import { documentVectors, seconds, vectorTrust, VECTOR_DIR } from './helpers/vectors.js';
import { decodeBase45 } from '../src/core/base45.js';
import { toHex } from '../src/core/bytes.js';

const vectors = documentVectors();

describe('document test vectors', async () => {
  const material = await vectorTrust(importNodeEd25519);

  it.each(vectors.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const result = await verify(v.qr, { ...material, now: seconds(v.validationTime) });
    expect(result.code).toBe(v.expected.code);
    expect(result.valid).toBe(v.expected.valid);
    if (v.stages) {
      // Each recorded stage is consistent with the QR text.
      expect(v.qr.slice(4)).toBe(v.stages.base45);
      expect(toHex(decodeBase45(v.stages.base45!))).toBe(v.stages.coseSign1Hex);
    }
  });

  it('keep a passport QR at version 12 or below at level M, log index included', async () => {
    const { qrVersion } = await import('../src/qr/render.js');
    const passport = vectors.find((v) => v.name === 'valid-passport')!;
    expect(qrVersion(passport.qr)).toBeLessThanOrEqual(12);
    // With the sealed face: under 1,800 characters, version 23 or below at M (docs/qr-format.md 5.1).
    const withFace = vectors.find((v) => v.name === 'passport-with-portrait')!;
    expect(withFace.qr.length).toBeLessThan(1800);
    expect(qrVersion(withFace.qr)).toBeLessThanOrEqual(23);
  });

  it('say in words when revocation was not checked (no status list given)', async () => {
    const v = vectors.find((x) => x.name === 'valid-passport')!;
    const { status: _none, ...withoutStatus } = material;
    const result = await verify(v.qr, {
      ...withoutStatus,
      requireStatus: false,
      now: seconds(v.validationTime),
    });
    expect(result.code).toBe('VALID');
    expect(result.valid && result.revocationChecked).toBe(false);
    expect(result.message).toBe(VALID_UNCHECKED_MESSAGE);
    expect(result.message).not.toMatch(/not revoked/);
  });

  it('cover every reason code', () => {
    const covered = new Set(vectors.map((v) => v.expected.code));
    expect([...REASON_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('skip the malformed trust list entry and keep the others', () => {
    expect(material.trust.warnings).toHaveLength(1);
    expect(material.trust.keys.length).toBe(6);
  });
});

describe('vector generator', () => {
  it('reproduces the committed vectors exactly', () => {
    const out = mkdtempSync(join(tmpdir(), 'nbr-vectors-'));
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/make-vectors.ts', out], {
      cwd: join(VECTOR_DIR, '..', '..'),
    });
    for (const sub of ['documents', 'trust', 'registry-log']) {
      for (const f of readdirSync(join(VECTOR_DIR, sub), { recursive: true, encoding: 'utf8' })) {
        if (statSync(join(VECTOR_DIR, sub, f)).isDirectory()) continue;
        expect(readFileSync(join(out, sub, f)).toString('hex'), `${sub}/${f}`).toBe(
          readFileSync(join(VECTOR_DIR, sub, f)).toString('hex'),
        );
      }
    }
  });
});
