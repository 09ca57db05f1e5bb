// A second service process for the concurrency test: issues N passports against a shared PostgreSQL
// database. With --seed, its "random" source is a seeded stream, so two workers with the same seed draw the
// same document numbers and status indices and must resolve the collisions.
// With APPLICANT_ID, every passport goes to that one applicant (each supersedes the one before).
// Usage: node --import tsx test/helpers/issue-worker.ts DATABASE_URL KEYS_DIR COUNT SEED [APPLICANT_ID]

import { createDeps } from '../../src/services/create-deps.js';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { connect } from '../../src/db/connect.js';
import { createApplicant, setPhoto } from '../../src/services/registry/applicants.js';
import { testPhoto } from './photo.js';
import {
  approveApplication,
  createApplication,
  submitApplication,
} from '../../src/services/registry/applications.js';
import type { Actor } from '../../src/services/deps.js';
import { issueDocument } from '../../src/services/registry/issuance.js';
import { loadKeyring } from '../../src/trust/keyring.js';
import { testCipher } from './registry.js';

const [url, keysDir, countText, seed, applicantId] = process.argv.slice(2);
const KEY_PASSPHRASE = 'test key passphrase';

function seededRandom(label: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      const block = createHash('sha256').update(`${label}:${counter++}`).digest();
      out.set(block.subarray(0, Math.min(32, n - i)), i);
    }
    return out;
  };
}

// The test keys are certified from START - 1 day: run the clock from START, as the test registry does.
const START = Date.parse('2026-12-01T09:00:00Z');
const t0 = Date.now();
const now = () => START + (Date.now() - t0);
const handle = connect(url!);
const registry = new DocumentTypeRegistry();
const deps = createDeps({
  db: handle.db,
  config: loadConfig(
    { NBR_KEY_PASSPHRASE: KEY_PASSPHRASE, NBR_KEYS_DIR: keysDir, NBR_STATUS_LIST_SIZE: '131072' },
    process.cwd(),
  ),
  clock: { now },
  registry,
  keyring: await loadKeyring(keysDir!, KEY_PASSPHRASE),
  cipher: await testCipher(handle.db, keysDir!),
  random: seededRandom(seed!),
});
const staff = await handle.db
  .selectFrom('staff')
  .innerJoin('offices', 'offices.id', 'staff.office_id')
  .select(['staff.id', 'staff.role', 'staff.office_id', 'offices.code'])
  .where('offices.code', '=', 'PL-WAW')
  .execute();
const actor = (role: string): Actor => {
  const s = staff.find((x) => x.role === role)!;
  return { staffId: s.id, role: s.role, officeId: s.office_id, officeCode: s.code };
};
const clerk = actor('clerk');
const approver = actor('approver');
const issued: { number: string; statusIndex: number }[] = [];
for (let i = 0; i < Number(countText); i++) {
  const person = applicantId
    ? { id: applicantId }
    : await createApplicant(deps, clerk, {
        surname: 'Навіцкая',
        givenNames: 'Кацярына',
        sex: 'F',
        birthDate: '1990-03-15',
      });
  if (!applicantId || i === 0)
    await setPhoto(deps, clerk, person.id, 'image/png', new Uint8Array(testPhoto()));
  // With one holder and two workers, the other worker's passport can be issued between this approval and
  // this issuance: then the approval is stale (approve again) or has lapsed (apply again), issue 21.
  for (;;) {
    const app = await createApplication(deps, clerk, { applicantId: person.id, documentType: 'passport' });
    await submitApplication(deps, clerk, app.id);
    let doc;
    for (;;) {
      try {
        await approveApplication(deps, approver, app.id);
      } catch (e) {
        // Lapsed between a stale refusal and its return to the queue: apply again.
        if ((e as { code?: string }).code === 'INVALID_STATE') break;
        throw e;
      }
      try {
        doc = await issueDocument(deps, clerk, app.id);
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'APPROVAL_STALE') continue;
        if (code === 'INVALID_STATE') break;
        throw e;
      }
    }
    if (!doc) continue;
    issued.push({ number: doc.number, statusIndex: doc.statusIndex });
    break;
  }
}
process.stdout.write(JSON.stringify(issued));
await handle.close();
