// Verifications per second of the core verifier on the reference passport vector, against raw node:crypto
// Ed25519 verification of the same Sig_structure and signature with a cached KeyObject, in the same run.
// Usage: npx tsx bench/verify.ts [seconds-per-round=2] [rounds=5]

import { verify as nodeVerify } from 'node:crypto';
import { decodeBase45 } from '../src/core/base45.js';
import { decodeCoseSign1, sigStructure } from '../src/core/cose.js';
import { verify } from '../src/core/verify.js';
import { importNodeEd25519, publicKeyObject } from '../src/crypto/ed25519-node.js';
import { documentVectors, seconds, vectorTrust } from '../test/helpers/vectors.js';

const perRound = Number(process.argv[2] ?? 2) * 1000;
const rounds = Number(process.argv[3] ?? 5);

const material = await vectorTrust(importNodeEd25519);
const vector = documentVectors().find((v) => v.name === 'valid-passport')!;
const opts = { ...material, now: seconds(vector.validationTime) };
const cose = decodeCoseSign1(decodeBase45(vector.qr.slice(4)));
const message = sigStructure(cose.protectedBytes, cose.payload);
const key = material.trust.keys.find(
  (k) => k.use === 'documents' && k.kid === Buffer.from(cose.kid).toString('base64url'),
)!;
const keyObject = publicKeyObject(key.key.raw);

async function rate(fn: () => Promise<boolean> | boolean): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < perRound) {
    for (let i = 0; i < 100; i++) if (!(await fn())) throw new Error('verification failed during benchmark');
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const raw: number[] = [];
const core: number[] = [];
// Interleave rounds so that both see the same machine state.
await rate(async () => (await verify(vector.qr, opts)).valid); // warm-up
for (let r = 0; r < rounds; r++) {
  raw.push(await rate(() => nodeVerify(null, message, keyObject, cose.signature)));
  core.push(await rate(async () => (await verify(vector.qr, opts)).valid));
}
const ratio = median(core) / median(raw);
console.log(
  JSON.stringify(
    {
      node: process.version,
      qrChars: vector.qr.length,
      rounds,
      rawPerSec: Math.round(median(raw)),
      corePerSec: Math.round(median(core)),
      ratio: Number(ratio.toFixed(3)),
    },
    null,
    2,
  ),
);
