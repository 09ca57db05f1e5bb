// A registry under test: in-memory SQLite (or a fresh PostgreSQL database), a fixed clock, test keys for two
// offices, and one account per role and office.

import { contractProblem } from './contract.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { createDataKeyFile, loadDataKeyFile } from '../../src/crypto/data-key-file.js';
import type { FieldCipher } from '../../src/crypto/field-cipher.js';
import { openFieldCipher } from '../../src/services/store/data-keys.js';
import { createDeps } from '../../src/services/create-deps.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { type ConnectOptions, connect, type DbHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import { createApp } from '../../src/http/app.js';
import { syncOfficesAndKeys } from '../../src/services/bootstrap.js';
import { registryLogView } from '../../src/services/log/log-view.js';
import type { Deps } from '../../src/services/deps.js';
import { createAccountDirectly } from '../../src/services/staff/staff.js';
import { addIssuerKey, initKeyDirectory, publishTrustList } from '../../src/trust/key-directory.js';
import { loadKeyring } from '../../src/trust/keyring.js';

export const PASSWORD = 'correct horse battery staple';
export const KEY_PASSPHRASE = 'test key passphrase';
export const FAST_SCRYPT = { N: 1 << 10, r: 8, p: 1 };
export const START = Date.parse('2026-12-01T09:00:00Z');

let keysDir: Promise<string> | undefined;

/** One key directory per test process: PL-WAW (all types) and LT-VNO (all types), certified at START - 1 day. */
export function testKeysDir(): Promise<string> {
  keysDir ??= (async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'nbr-keys-')), 'keys');
    const registry = new DocumentTypeRegistry();
    const now = Math.floor(START / 1000) - 86_400;
    const opts = { dir, passphrase: KEY_PASSPHRASE, now, documentTypes: registry, scrypt: FAST_SCRYPT };
    await initKeyDirectory({
      ...opts,
      office: { code: 'PL-WAW', name: "People's Embassy of Belarus in Poland (TEST)", country: 'PL' },
    });
    await addIssuerKey(opts, {
      code: 'LT-VNO',
      name: "People's Embassy of Belarus in Lithuania (TEST)",
      country: 'LT',
    });
    await publishTrustList({ ...opts, nextUpdateDays: 365 });
    createDataKeyFile(join(dir, 'data.key.json'), KEY_PASSPHRASE, FAST_SCRYPT);
    return dir;
  })();
  return keysDir;
}

/**
 * The cipher of a test database: data keys made on first use, wrapped by the key file of the keys folder
 * (made there if the folder is a test's own), so that every process of one test opens the same data.
 */
export async function testCipher(db: Kysely<Database>, dir?: string): Promise<FieldCipher> {
  const keys = dir ?? (await testKeysDir());
  const file = join(keys, 'data.key.json');
  const wrapper = existsSync(file)
    ? loadDataKeyFile(file, KEY_PASSPHRASE)
    : createDataKeyFile(file, KEY_PASSPHRASE, FAST_SCRYPT);
  return openFieldCipher(db, wrapper, { create: true, now: () => new Date().toISOString() });
}

const PG_ADMIN = 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL server of the machine answers; CI must have it, a laptop may not. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Whether to run a PostgreSQL test; in CI a missing server fails the run instead of skipping `what`. */
export async function postgresForTests(what: string): Promise<boolean> {
  const up = await postgresAvailable();
  if (!up && process.env.CI) throw new Error(`CI must run ${what}: no PostgreSQL at 127.0.0.1:5432`);
  return up;
}

/** SQLite always, PostgreSQL when the machine has it (CI must): the databases a registry test runs on. */
export async function testDialects(what: string): Promise<[string, 'pg' | undefined][]> {
  return [
    ['sqlite', undefined],
    ...((await postgresForTests(what)) ? [['postgres', 'pg'] as [string, 'pg']] : []),
  ];
}

/** Creates a fresh database; returns its URL and a function that drops it. */
export async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `nbr_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestRegistry {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  handle: DbHandle;
  clock: { t: number; now(): number };
  offices: Record<'PL' | 'LT', string>;
  close(): Promise<void>;
}

export async function testRegistry(
  opts: {
    databaseUrl?: string;
    config?: Partial<Config>;
    staff?: boolean;
    keysDir?: string;
    onQuery?: ConnectOptions['onQuery'];
  } = {},
): Promise<TestRegistry> {
  const dir = opts.keysDir ?? (await testKeysDir());
  const config: Config = {
    ...loadConfig(
      {
        NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
        NBR_KEYS_DIR: dir,
        NBR_STATUS_LIST_SIZE: '131072',
        NBR_LOGIN_RATE_LIMIT: '10000',
        NBR_STAFF_RATE_LIMIT: '100000',
        NBR_SEARCH_RATE_LIMIT: '100000',
        NBR_PERSONAL_DATA_BUDGET: '100000',
      },
      tmpdir(),
    ),
    ...opts.config,
  };
  const handle = connect(
    opts.databaseUrl ?? 'sqlite::memory:',
    opts.onQuery ? { onQuery: opts.onQuery } : {},
  );
  await migrateToLatest(handle.db);
  const clock = {
    t: START,
    now() {
      return this.t;
    },
  };
  const registry = new DocumentTypeRegistry();
  const deps = createDeps({
    db: handle.db,
    config,
    clock,
    registry,
    keyring: await loadKeyring(dir, KEY_PASSPHRASE),
    cipher: await testCipher(handle.db, dir),
  });
  await syncOfficesAndKeys(deps);
  const logView = registryLogView(handle.db, clock);
  await logView.refresh();
  deps.logView = logView;
  const offices = Object.fromEntries(
    (await handle.db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [
      o.code.slice(0, 2),
      o.id,
    ]),
  ) as Record<'PL' | 'LT', string>;
  if (opts.staff !== false) {
    await createAccountDirectly(deps, {
      username: 'cabinet',
      displayName: 'Cabinet Admin',
      password: PASSWORD,
      role: 'cabinet_admin',
      officeId: null,
    });
    for (const [prefix, officeId] of Object.entries(offices)) {
      for (const role of ['office_admin', 'clerk', 'approver'] as const) {
        await createAccountDirectly(deps, {
          username: `${prefix.toLowerCase()}-${role}`,
          displayName: `${prefix} ${role}`,
          password: PASSWORD,
          role,
          officeId,
        });
      }
      await createAccountDirectly(deps, {
        username: `${prefix.toLowerCase()}-clerk2`,
        displayName: `${prefix} clerk 2`,
        password: PASSWORD,
        role: 'clerk',
        officeId,
      });
    }
  }
  return { deps, app: createApp(deps), handle, clock, offices, close: () => handle.close() };
}

export interface Api {
  (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: any; text: string; headers: Headers }>;
}

/**
 * Calls the app with a bearer token (or none). Every answer is checked against /openapi.json unless
 * `contract` is false (bench/scale.ts times requests, and the check is not the service's time).
 */
export function api(app: TestRegistry['app'], token?: string, { contract = true } = {}): Api {
  return async (method, path, body, headers = {}) => {
    const init: RequestInit = {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    };
    if (body !== undefined) {
      init.body =
        typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, init);
    const text = await res.text();
    // Every answer is as /openapi.json describes it (test/helpers/contract.ts).
    const problem =
      contract && contractProblem(method, path, res.status, res.headers.get('content-type'), text);
    if (problem) throw new Error(`the answer is not as /openapi.json describes it: ${problem}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text, headers: res.headers };
  };
}

/**
 * A test registry on one of testDialects' databases (PostgreSQL: a fresh database), with `dispose`, which
 * closes it and drops that database.
 */
export async function registryOn(
  kind: 'pg' | undefined,
  opts: Parameters<typeof testRegistry>[0] = {},
): Promise<TestRegistry & { dispose(): Promise<void> }> {
  const fresh = kind === 'pg' ? await freshPostgres() : undefined;
  const r = await testRegistry({ ...opts, ...(fresh ? { databaseUrl: fresh.url } : {}) });
  return Object.assign(r, {
    async dispose() {
      await r.close();
      await fresh?.drop();
    },
  });
}

export async function tokenFor(app: TestRegistry['app'], username: string): Promise<string> {
  const res = await api(app)('POST', '/api/v1/tokens', { username, password: PASSWORD, label: 'test' });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.text}`);
  return res.json.token as string;
}

export const NAVITSKAYA = {
  surname: 'Навіцкая',
  givenNames: 'Кацярына',
  patronymic: 'Аляксандраўна',
  sex: 'F',
  birthDate: '1990-03-15',
  birthPlace: 'Мінск',
  personalNumber: '4150390A001PB1',
};
