// Issue 22, findings 4 and 5: the documented way to start the service (`npm start`) and the documented signals
// (`kill -HUP $(cat data/registry.pid)` to reload, SIGTERM to stop) reach the process that holds the port; and
// several instances reloading the same trust material at once on one database agree, without errors.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/services/create-deps.js';
import { syncOfficesAndKeys } from '../../src/services/bootstrap.js';
import { freshPostgres, postgresForTests, testKeysDir, testRegistry } from '../helpers/registry.js';
import { startService } from '../helpers/service-process.js';

const ROOT = join(import.meta.dirname, '..', '..');
const pgUp = await postgresForTests('the reload race test');
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
});

const until = async (what: () => boolean, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('signals as documented', () => {
  it('npm start: SIGHUP to the pid file reloads, SIGTERM to it stops; npm goes with it', async () => {
    const data = mkdtempSync(join(tmpdir(), 'nbr-signals-'));
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? data,
        NBR_DATA_DIR: data,
        PORT: '0',
        NBR_DRAIN_SECONDS: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.push(npm);
    let log = '';
    npm.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const npmExited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    await until(() => /listening on http:\/\/[^ ]+:(\d+)/.test(log), 60_000);
    const port = /listening on http:\/\/[^ ]+:(\d+)/.exec(log)![1];
    const pidFile = join(data, 'registry.pid');
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    // The pid is the service's node process itself, not npm or a shell.
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('src/main.ts');
    expect(pid).not.toBe(npm.pid);
    process.kill(pid, 'SIGHUP');
    await until(() => /serving sequence \d+/.test(log), 10_000);
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health.trustListSequence).toBe(Number(/serving sequence (\d+)/.exec(log)![1]));
    expect(npm.exitCode).toBeNull(); // still running: the reload killed nothing
    process.kill(pid, 'SIGTERM');
    expect(await npmExited).toBe(0);
    expect(log).toMatch(/draining for 1 s/);
    expect(existsSync(pidFile)).toBe(false);
  }, 90_000);
});

describe('the root key stays offline', () => {
  it('the service refuses to start with root.key.json in its key folder (issue 22)', async () => {
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-root-')), 'registry.db')}`;
    await expect(startService(db, { NBR_KEYS_DIR: await testKeysDir() })).rejects.toThrow(
      /root.key.json is in the service's key folder: the root key stays offline/,
    );
  });
});

describe('a log nobody witnesses', () => {
  it('is refused in production unless NBR_ALLOW_UNWITNESSED_LOG=1 says it is meant (issue 22)', async () => {
    const db = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-quorum-')), 'registry.db')}`;
    await expect(startService(db, { NBR_ALLOW_UNWITNESSED_LOG: '' })).rejects.toThrow(
      /no witness quorum: add witnesses \(nbr keys witness add/,
    );
  });
});

describe.skipIf(!pgUp)('several instances reloading at once', () => {
  it('agree on the keys and offices without a constraint error', async () => {
    const db = await freshPostgres();
    const r = await testRegistry({ databaseUrl: db.url });
    try {
      // Four instances on one database, as after a SIGHUP to each: before, delete-then-insert collided.
      const instances = Array.from({ length: 4 }, () =>
        createDeps({
          db: r.deps.db,
          config: r.deps.config,
          keyring: r.deps.keyring,
          cipher: r.deps.cipher,
          clock: r.clock,
        }),
      );
      await r.deps.db.deleteFrom('issuer_keys').execute();
      for (let round = 0; round < 3; round++) await Promise.all(instances.map((d) => syncOfficesAndKeys(d)));
      const kids = (await r.deps.db.selectFrom('issuer_keys').select('kid').execute())
        .map((k) => k.kid)
        .sort();
      const expected = r.deps.keyring.trust.keys
        .filter((k) => k.use === 'documents')
        .map((k) => k.kid)
        .sort();
      expect(kids).toEqual(expected);
    } finally {
      await r.close();
      await db.drop();
    }
  });
});
