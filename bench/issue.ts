// Documents issued per second in a batch (sign + store + status index + audit, one transaction each, through
// the issuance service on SQLite), and QR SVG renders per second. Passports are issued alternately with the
// face sealed in (the real sharp pipeline) and without (deps.sealFace returning none), in the same run, so
// that the ratio says what the face costs (issue 23). Usage: npx tsx bench/issue.ts [count=500]

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
let t = performance.now();
for (const [i, id] of ids.entries()) {
  const start = performance.now();
  qrs.push((await issueDocument(i % 2 ? withoutFace : r.deps, clerk, id)).qrText);
  if (i % 2) withoutSeconds += (performance.now() - start) / 1000;
  else withSeconds += (performance.now() - start) / 1000;
}
const issueSeconds = (performance.now() - t) / 1000;
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
      rawSignPerSec: Math.round(signPerSec),
      qrSvgRendersPerSec: Math.round(count / svgSeconds),
    },
    null,
    2,
  ),
);
await r.close();
