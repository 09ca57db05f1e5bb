// Documents issued per second in a batch (sign + store + status index + audit, one transaction each, through
// the issuance service on SQLite), and QR SVG renders per second. Passports are issued alternately with the
// face sealed in (the real sharp pipeline) and without (deps.sealFace returning none), in the same run, so
// that the ratio says what the face costs (issue 23). A second registry that stores people's data unencrypted
// (bench/plain-cipher.ts) issues the same number of passports with faces, alternately with the first, so that
// the ratio says what encryption at rest costs (issue 25). Usage: npx tsx bench/issue.ts [count=500]

import { performance } from 'node:perf_hooks';
import { issueDocument } from '../src/services/registry/issuance.js';
import { renderSvg } from '../src/qr/render.js';
import { sign } from 'node:crypto';
import { privateKeyObject } from '../src/crypto/ed25519-node.js';
import { benchDesk } from './desk.js';

const count = Number(process.argv[2] ?? 500);
const { r, clerk, approved } = await benchDesk();
// Prepare approved applications outside the timed part.
const ids = await approved(count);
const plain = await benchDesk({ plain: true });
const plainIds = await plain.approved(Math.ceil(count / 2));

// Every other application loses the face made at its submission, and seals none at issuance.
const withoutFace = { ...r.deps, sealFace: async () => undefined };
for (const [i, id] of ids.entries())
  if (i % 2)
    await r.deps.db
      .updateTable('application_photos')
      .set({ seal: null, seal_format: null })
      .where('application_id', '=', id)
      .execute();
const qrs: string[] = [];
let withSeconds = 0;
let withoutSeconds = 0;
let plainSeconds = 0;
let issueSeconds = 0;
for (const [i, id] of ids.entries()) {
  const start = performance.now();
  qrs.push((await issueDocument(i % 2 ? withoutFace : r.deps, clerk, id)).qrText);
  const took = (performance.now() - start) / 1000;
  issueSeconds += took;
  if (i % 2) withoutSeconds += took;
  else {
    withSeconds += took;
    // The same issuance, face and all, into the registry without encryption at rest.
    const plainStart = performance.now();
    await issueDocument(plain.r.deps, plain.clerk, plainIds[i / 2]!);
    plainSeconds += (performance.now() - plainStart) / 1000;
  }
}
let t = performance.now();
const withFace = Math.ceil(count / 2);

// Ceiling in the same run: bare Ed25519 signing of a payload of the same size.
const key = privateKeyObject(new Uint8Array(32).fill(7));
const msg = Buffer.alloc(240, 1);
t = performance.now();
for (let i = 0; i < count * 4; i++) sign(null, msg, key);
const signPerSec = (count * 4) / ((performance.now() - t) / 1000);

t = performance.now();
for (const q of qrs) await renderSvg(q);
const svgSeconds = (performance.now() - t) / 1000;

console.log(
  JSON.stringify(
    {
      node: process.version,
      database: 'sqlite (file, WAL)',
      documents: count,
      issuedPerSec: Math.round(count / issueSeconds),
      issuedPerSecWithFace: Math.round(withFace / withSeconds),
      issuedPerSecWithoutFace: Math.round((count - withFace) / withoutSeconds),
      faceRatio: Number((withFace / withSeconds / ((count - withFace) / withoutSeconds)).toFixed(2)),
      issuedPerSecUnencrypted: Math.round(withFace / plainSeconds),
      encryptionRatio: Number((plainSeconds / withSeconds).toFixed(2)),
      rawSignPerSec: Math.round(signPerSec),
      qrSvgRendersPerSec: Math.round(count / svgSeconds),
    },
    null,
    2,
  ),
);
await r.close();
await plain.r.close();
