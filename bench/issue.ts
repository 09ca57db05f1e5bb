// Documents issued per second in a batch (sign + store + status index + audit, one transaction each, through
// the issuance service on SQLite), and QR SVG renders per second. Usage: npx tsx bench/issue.ts [count=500]

import { performance } from 'node:perf_hooks';
import { createApplicant, setPhoto } from '../src/services/applicants.js';
import { testPhoto } from '../test/helpers/photo.js';
import { approveApplication, createApplication, submitApplication } from '../src/services/applications.js';
import type { Actor } from '../src/services/deps.js';
import { issueDocument } from '../src/services/issuance.js';
import { renderSvg } from '../src/qr/render.js';
import { sign } from 'node:crypto';
import { privateKeyObject } from '../src/crypto/ed25519-node.js';
import { testRegistry } from '../test/helpers/registry.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const count = Number(process.argv[2] ?? 500);
const file = join(mkdtempSync(join(tmpdir(), 'nbr-bench-')), 'registry.db');
const r = await testRegistry({ databaseUrl: `sqlite:${file}` });
const staff = await r.handle.db
  .selectFrom('staff')
  .select(['id', 'role', 'office_id', 'username'])
  .where('username', 'in', ['pl-clerk', 'pl-approver'])
  .execute();
const actor = (u: string): Actor => {
  const s = staff.find((x) => x.username === u)!;
  return { staffId: s.id, role: s.role, officeId: s.office_id, officeCode: 'PL-WAW' };
};
const clerk = actor('pl-clerk');
const approver = actor('pl-approver');

// Prepare approved applications outside the timed part.
const ids: string[] = [];
for (let i = 0; i < count; i++) {
  const p = await createApplicant(r.deps, clerk, {
    surname: 'Навіцкая',
    givenNames: 'Кацярына',
    sex: 'F',
    birthDate: '1990-03-15',
    personalNumber: '4150390A001PB1',
  });
  await setPhoto(r.deps, clerk, p.id, 'image/png', new Uint8Array(testPhoto()));
  const a = await createApplication(r.deps, clerk, { applicantId: p.id, documentType: 'passport' });
  await submitApplication(r.deps, clerk, a.id);
  await approveApplication(r.deps, approver, a.id);
  ids.push(a.id);
}

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
