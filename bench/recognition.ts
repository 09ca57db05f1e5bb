// What host-state recognition costs a verifier (issue 26 goal: at most 10% of a verification): verify() alone
// against verify() then recognise() with Arcadia's statement from the vectors (a passport for identity: a
// CertLogic rule with two plusTime dates), and recognise() alone, interleaved in the same run.
// Usage: npx tsx bench/recognition.ts [seconds-per-round=2] [rounds=5]

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStatement, parseProvision, recognise } from '../src/core/recognition/index.js';
import { verify } from '../src/core/verify.js';
import { importNodeEd25519 } from '../src/crypto/ed25519-node.js';
import { documentVectors, seconds, VECTOR_DIR, vectorTrust } from '../test/helpers/vectors.js';

const perRound = Number(process.argv[2] ?? 2) * 1000;
const rounds = Number(process.argv[3] ?? 5);

const V = JSON.parse(readFileSync(join(VECTOR_DIR, 'recognition.json'), 'utf8'));
const material = await vectorTrust(importNodeEd25519);
const vector = documentVectors().find((v) => v.name === 'expired')!; // accepted for identity by one rule
const now = seconds(vector.validationTime);
const opts = { ...material, now };
const opened = await openStatement(
  V.statements['XA-1'],
  parseProvision(V.provisions.XA),
  material.documentTypes.all().map((t) => t.name),
  importNodeEd25519,
);
if (!opened.ok) throw new Error(opened.message);
const statement = opened.statement;
const ask = (verdict: Awaited<ReturnType<typeof verify>>) =>
  recognise({
    verdict,
    statement,
    state: 'XA',
    purpose: 'identity',
    rootFingerprint: V.rootFingerprint,
    now,
  });
const verdict = await verify(vector.qr, opts);
if (ask(verdict).status !== 'recognised') throw new Error('the benchmark document is not recognised');

async function rate(fn: () => Promise<boolean> | boolean): Promise<number> {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < perRound) {
    for (let i = 0; i < 100; i++)
      if (!(await fn())) throw new Error('unexpected answer during the benchmark');
    n += 100;
  }
  return n / ((performance.now() - start) / 1000);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const alone: number[] = [];
const withRecognition: number[] = [];
const rulesOnly: number[] = [];
await rate(async () => ask(await verify(vector.qr, opts)).status === 'recognised'); // warm-up
for (let r = 0; r < rounds; r++) {
  alone.push(await rate(async () => (await verify(vector.qr, opts)).code === 'EXPIRED'));
  withRecognition.push(await rate(async () => ask(await verify(vector.qr, opts)).status === 'recognised'));
  rulesOnly.push(await rate(() => ask(verdict).status === 'recognised'));
}
// Cost of recognition as a share of a verification: (1/with - 1/alone) / (1/alone).
const share = median(alone) / median(withRecognition) - 1;
console.log(
  JSON.stringify(
    {
      node: process.version,
      rounds,
      verifyPerSec: Math.round(median(alone)),
      verifyAndRecognisePerSec: Math.round(median(withRecognition)),
      recognisePerSec: Math.round(median(rulesOnly)),
      recognitionShareOfVerification: Number(share.toFixed(4)),
      recogniseOverVerifyTime: Number((median(alone) / median(rulesOnly)).toFixed(4)),
    },
    null,
    2,
  ),
);
