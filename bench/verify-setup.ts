// The setting shared by the verification benchmarks (bench/verify-http.ts, bench/verify-instructions.ts): a
// registry on a SQLite file with keys valid now, one passport issued through the services, and the servers to
// compare, each started as its own process.

import { openDataAtRest } from '../src/services/store/open-cipher.js';
import { createDeps } from '../src/services/create-deps.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { DocumentTypeRegistry } from '../src/core/document-types.js';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { createApplicant, setPhoto } from '../src/services/registry/applicants.js';
import { testPhoto } from '../test/helpers/photo.js';
import {
  approveApplication,
  createApplication,
  submitApplication,
} from '../src/services/registry/applications.js';
import { syncOfficesAndKeys } from '../src/services/bootstrap.js';
import type { Actor } from '../src/services/deps.js';
import { issueDocument } from '../src/services/registry/issuance.js';
import { createAccountDirectly } from '../src/services/staff/staff.js';
import { initKeyDirectory } from '../src/trust/key-directory.js';
import { loadKeyring } from '../src/trust/keyring.js';

export const ROOT = join(import.meta.dirname, '..');

export interface ServerSpec {
  name: string;
  args: string[];
  env: Record<string, string>;
  path: string;
}

export interface BenchSetting {
  /** The request body: {"qr": "<the issued passport's QR text>"}. */
  body: string;
  /** The ceiling first; every ratio refers to it. */
  servers: ServerSpec[];
  /** Starts a server as `node [prefix...] --import tsx ...args` (prefix: e.g. valgrind and its flags, then node). */
  start(spec: ServerSpec, port: number, wrap?: string[]): ChildProcess;
  /** Resolves once the server answers the body with VALID. */
  waitFor(url: string, attempts?: number): Promise<void>;
}

export async function prepareBench(): Promise<BenchSetting> {
  const PASS = 'bench key passphrase';

  // A registry on a SQLite file with keys valid now, and one issued passport.
  const dir = mkdtempSync(join(tmpdir(), 'nbr-bench-http-'));
  const keysDir = join(dir, 'keys');
  const registry = new DocumentTypeRegistry();
  await initKeyDirectory({
    dir: keysDir,
    passphrase: PASS,
    now: Math.floor(Date.now() / 1000) - 60,
    documentTypes: registry,
    office: { code: 'PL-WAW', name: 'Bench office', country: 'PL' },
    scrypt: { N: 1 << 10, r: 8, p: 1 },
  });
  // The service refuses a key folder holding the root key (it stays offline): the bench needs it no more.
  rmSync(join(keysDir, 'root.key.json'));
  const dbUrl = `sqlite:${join(dir, 'registry.db')}`;
  const handle = connect(dbUrl);
  await migrateToLatest(handle.db);
  const env = {
    NBR_KEY_PASSPHRASE: PASS,
    NBR_KEYS_DIR: keysDir,
    DATABASE_URL: dbUrl,
    NBR_PUBLIC_RATE_LIMIT: '1000000',
    NBR_STATUS_LIST_SIZE: '131072',
    NBR_ALLOW_UNWITNESSED_LOG: '1',
  };
  const deps = createDeps({
    db: handle.db,
    config: loadConfig(env, ROOT),
    registry,
    keyring: await loadKeyring(keysDir, PASS),
    cipher: (
      await openDataAtRest(handle.db, { dataKeyFile: join(keysDir, 'data.key.json'), devMode: true }, PASS)
    ).cipher,
  });
  await syncOfficesAndKeys(deps);
  const office = (await handle.db.selectFrom('offices').select('id').executeTakeFirstOrThrow()).id;
  const clerkRow = await createAccountDirectly(deps, {
    username: 'c',
    displayName: 'c',
    password: 'bench password 1',
    role: 'clerk',
    officeId: office,
  });
  const approverRow = await createAccountDirectly(deps, {
    username: 'a',
    displayName: 'a',
    password: 'bench password 1',
    role: 'approver',
    officeId: office,
  });
  const clerk: Actor = { staffId: clerkRow.id, role: 'clerk', officeId: office, officeCode: 'PL-WAW' };
  const approver: Actor = {
    staffId: approverRow.id,
    role: 'approver',
    officeId: office,
    officeCode: 'PL-WAW',
  };
  const person = await createApplicant(deps, clerk, {
    surname: 'Навіцкая',
    givenNames: 'Кацярына',
    sex: 'F',
    birthDate: '1990-03-15',
  });
  // A passport needs its portrait before submission (issue 23).
  await setPhoto(deps, clerk, person.id, 'image/png', testPhoto());
  const app = await createApplication(deps, clerk, { applicantId: person.id, documentType: 'passport' });
  await submitApplication(deps, clerk, app.id);
  await approveApplication(deps, approver, app.id);
  const doc = await issueDocument(deps, clerk, app.id);
  const issuerKey = deps.keyring.trust.keys.find((k) => k.kid === doc.kid)!;
  await handle.close();
  const body = JSON.stringify({ qr: doc.qrText });

  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const publicKey = Buffer.from(issuerKey.key.raw).toString('base64url');
  return {
    body,
    servers: [
      {
        name: 'bare node:http, same decode + signature check',
        args: ['bench/bare-verify-server.ts', 'sig', publicKey],
        env: {},
        path: '/',
      },
      {
        name: 'bare node:http, full verifier core and result (no framework)',
        args: ['bench/bare-verify-server.ts', 'full', keysDir, PASS, dbUrl],
        env: {},
        path: '/',
      },
      {
        name: 'registry, 1 process, signatures on the event loop (NBR_VERIFY_POOL=0)',
        args: ['src/main.ts'],
        env: { NBR_VERIFY_POOL: '0' },
        path: '/api/v1/verify',
      },
      {
        name: 'registry, 1 process, default (signatures on the libuv pool)',
        args: ['src/main.ts'],
        env: {},
        path: '/api/v1/verify',
      },
      {
        name: 'registry, node:cluster with 2 workers (event loop)',
        args: ['src/main.ts'],
        env: { NBR_WORKERS: '2', NBR_VERIFY_POOL: '0' },
        path: '/api/v1/verify',
      },
      // Experiments: BENCH_EXTRA_SERVERS='[{"name":"...","args":["bench/x.ts"],"env":{},"path":"/"}]'
      ...(JSON.parse(process.env.BENCH_EXTRA_SERVERS ?? '[]') as ServerSpec[]),
    ],
    start(spec, port, wrap = []) {
      const [command, ...prefix] = wrap.length ? wrap : [process.execPath];
      return spawn(
        command!,
        [...prefix, ...(wrap.length ? [process.execPath] : []), ...nodeArgs, '--import', 'tsx', ...spec.args],
        {
          cwd: ROOT,
          env: { ...process.env, ...env, ...spec.env, PORT: String(port) },
          // BENCH_SERVER_OUTPUT=<file prefix>: keep each server's output (e.g. with BENCH_NODE_ARGS=--trace-deopt).
          stdio: process.env.BENCH_SERVER_OUTPUT
            ? ['ignore', openSync(`${process.env.BENCH_SERVER_OUTPUT}.${port}.log`, 'w'), 'inherit']
            : ['ignore', 'ignore', 'ignore'],
        },
      );
    },
    async waitFor(url, attempts = 200) {
      for (let i = 0; i < attempts; i++) {
        try {
          const res = await fetch(url, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          const json = (await res.json()) as { valid?: boolean; code?: string };
          if (json.valid !== true) throw new Error(`benchmark document not valid: ${JSON.stringify(json)}`);
          return;
        } catch (e) {
          if ((e as Error).message.startsWith('benchmark')) throw e;
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      throw new Error(`server at ${url} did not start`);
    },
  };
}
