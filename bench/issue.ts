// Documents issued per second in a batch (sign + store + status index + audit, one transaction each, through
// the issuance service on SQLite), and QR SVG renders per second. Usage: npx tsx bench/issue.ts [count=500]

import { performance } from 'node:perf_hooks';
import { issueDocument } from '../src/services/issuance.js';
import { renderSvg } from '../src/qr/render.js';
import { sign } from 'node:crypto';
import { privateKeyObject } from '../src/crypto/ed25519-node.js';
import { benchDesk } from './desk.js';

const count = Number(process.argv[2] ?? 500);
const { r, clerk, approved } = await benchDesk();
// Prepare approved applications outside the timed part.
const ids = await approved(count);

let t = performance.now();
const qrs: string[] = [];
for (const id of ids) qrs.push((await issueDocument(r.deps, clerk, id)).qrText);
const issueSeconds = (performance.now() - t) / 1000;

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
      rawSignPerSec: Math.round(signPerSec),
      qrSvgRendersPerSec: Math.round(count / svgSeconds),
    },
    null,
    2,
  ),
);
await r.close();
