// Requests per second and p99 latency of POST /api/v1/verify under load from a second process (autocannon),
// against a bare node:http server doing the same decoding and signature check, in the same run (and a second
// bare server running the whole verifier core, to separate framework cost from verification work); then the
// gain from using both cores (signature checks on the libuv pool, and node:cluster with 2 workers).
// Usage: npx tsx bench/verify-http.ts [seconds=8] [connections=32]

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DocumentTypeRegistry } from '../src/core/document-types.js';
import { connect } from '../src/db/connect.js';
import { createIdGenerator } from '../src/db/ids.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { createApplicant } from '../src/services/applicants.js';
import { approveApplication, createApplication, submitApplication } from '../src/services/applications.js';
import { syncOfficesAndKeys } from '../src/services/bootstrap.js';
import type { Actor, Deps } from '../src/services/deps.js';
import { DocumentValidator } from '../src/services/document-validator.js';
import { issueDocument } from '../src/services/issuance.js';
import { createStaff } from '../src/services/offices.js';
import { initKeyDirectory } from '../src/trust/key-directory.js';
import { loadKeyring } from '../src/trust/keyring.js';

const seconds = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 32);
const ROOT = join(import.meta.dirname, '..');
const PASS = 'bench key passphrase';

// A registry on a SQLite file with keys valid now, and one issued passport.
const dir = mkdtempSync(join(tmpdir(), 'nbr-bench-http-'));
const keysDir = join(dir, 'keys');
const registry = new DocumentTypeRegistry();
await initKeyDirectory({ dir: keysDir, passphrase: PASS, now: Math.floor(Date.now() / 1000) - 60, registry, office: { code: 'PL-WAW', name: 'Bench office', country: 'PL' }, scrypt: { N: 1 << 10, r: 8, p: 1 } });
const dbUrl = `sqlite:${join(dir, 'registry.db')}`;
const handle = connect(dbUrl);
await migrateToLatest(handle.db);
const env = { NBR_KEY_PASSPHRASE: PASS, NBR_KEYS_DIR: keysDir, DATABASE_URL: dbUrl, NBR_PUBLIC_RATE_LIMIT: '1000000', NBR_STATUS_LIST_SIZE: '131072' };
const deps: Deps = {
  db: handle.db, config: loadConfig(env, ROOT), clock: { now: () => Date.now() }, registry, keyring: await loadKeyring(keysDir, PASS),
  random: (n) => new Uint8Array(randomBytes(n)), validator: new DocumentValidator(registry), ids: createIdGenerator(Date.now, (n) => new Uint8Array(randomBytes(n))),
};
await syncOfficesAndKeys(deps);
const office = (await handle.db.selectFrom('offices').select('id').executeTakeFirstOrThrow()).id;
const clerkRow = await createStaff(deps, null, { username: 'c', displayName: 'c', password: 'bench password 1', role: 'clerk', officeId: office });
const approverRow = await createStaff(deps, null, { username: 'a', displayName: 'a', password: 'bench password 1', role: 'approver', officeId: office });
const clerk: Actor = { staffId: clerkRow.id, role: 'clerk', officeId: office, officeCode: 'PL-WAW' };
const approver: Actor = { staffId: approverRow.id, role: 'approver', officeId: office, officeCode: 'PL-WAW' };
const person = await createApplicant(deps, clerk, { surname: 'Навіцкая', givenNames: 'Кацярына', sex: 'F', birthDate: '1990-03-15' });
const app = await createApplication(deps, clerk, { applicantId: person.id, documentType: 'passport' });
await submitApplication(deps, clerk, app.id);
await approveApplication(deps, approver, app.id);
const doc = await issueDocument(deps, clerk, app.id);
const issuerKey = deps.keyring.trust.keys.find((k) => k.kid === doc.kid)!;
await handle.close();
const body = JSON.stringify({ qr: doc.qrText });

function start(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'ignore'] });
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      const json = (await res.json()) as { valid?: boolean; code?: string };
      if (json.valid !== true) throw new Error(`benchmark document not valid: ${JSON.stringify(json)}`);
      return;
    } catch (e) {
      if ((e as Error).message.startsWith('benchmark')) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${url} did not start`);
}

async function load(url: string): Promise<{ rps: number; p99: number; errors: number }> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'autocannon'), ['-c', String(connections), '-d', String(seconds), '-m', 'POST', '-H', 'content-type=application/json', '-b', body, '--json', url], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((r) => child.on('close', r));
  const result = JSON.parse(out) as { requests: { average: number }; latency: { p99: number }; errors: number; non2xx: number };
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function measure(name: string, args: string[], extraEnv: Record<string, string>, port: number, path: string) {
  const server = start(args, { PORT: String(port), ...extraEnv });
  try {
    const url = `http://127.0.0.1:${port}${path}`;
    await waitFor(url);
    await load(url); // warm-up round, discarded
    const r = await load(url);
    return { name, ...r };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('close', r));
  }
}

const results = [];
results.push(await measure('bare node:http, same decode + signature check', ['bench/bare-verify-server.ts', 'sig', '18080', Buffer.from(issuerKey.key.raw).toString('base64url')], {}, 18080, '/'));
results.push(await measure('bare node:http, full verifier core and result (no framework)', ['bench/bare-verify-server.ts', 'full', '18085', keysDir, PASS], {}, 18085, '/'));
results.push(await measure('registry, 1 process', ['src/main.ts'], {}, 18081, '/api/v1/verify'));
results.push(await measure('registry, 1 process, signatures on the libuv pool', ['src/main.ts'], { NBR_VERIFY_POOL: '1' }, 18082, '/api/v1/verify'));
results.push(await measure('registry, node:cluster with 2 workers', ['src/main.ts'], { NBR_WORKERS: '2' }, 18083, '/api/v1/verify'));
const bare = results[0]!.rps;
console.log(JSON.stringify({ node: process.version, seconds, connections, results: results.map((r) => ({ ...r, ratioToBare: Number((r.rps / bare).toFixed(2)) })) }, null, 2));
