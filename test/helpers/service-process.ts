// The real service as an operator runs it (node + tsx src/main.ts), on a database prepared by the test,
// with the test keys: for fault tests that kill, stop or starve it.
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_PASSPHRASE, testKeysDir } from './registry.js';

export interface ServiceProcess {
  url: string;
  proc: ChildProcess;
  /** Everything the service wrote to stderr so far. */
  log(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

const ROOT = join(import.meta.dirname, '..', '..');

let serviceKeys: Promise<string> | undefined;
/** The test ceremony as the service gets it: everything but the root key, which stays offline (issue 22). */
export function serviceKeysDir(): Promise<string> {
  serviceKeys ??= testKeysDir().then((dir) => {
    const copy = join(mkdtempSync(join(tmpdir(), 'nbr-service-keys-')), 'keys');
    cpSync(dir, copy, { recursive: true, filter: (src) => !src.endsWith('root.key.json') });
    return copy;
  });
  return serviceKeys;
}

export async function startService(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: databaseUrl,
      NBR_KEYS_DIR: await serviceKeysDir(),
      NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
      NBR_DATA_DIR: mkdtempSync(join(tmpdir(), 'nbr-data-')),
      NBR_STATUS_LIST_SIZE: '131072',
      NBR_STAFF_RATE_LIMIT: '100000',
      NBR_SEARCH_RATE_LIMIT: '100000',
      NBR_PERSONAL_DATA_BUDGET: '100000',
      NBR_LOGIN_RATE_LIMIT: '10000',
      NBR_PUBLIC_RATE_LIMIT: '100000',
      PORT: '0',
      NBR_DRAIN_SECONDS: '1',
      NBR_ALLOW_UNWITNESSED_LOG: '1', // the test ceremony has no witnesses (test/log/witness.test.ts has)
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${stderr}`)), 30_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on (http:\/\/[^ ]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited (${code}) before listening:\n${stderr}`));
    });
  });
  return { url, proc, log: () => stderr, exited };
}
