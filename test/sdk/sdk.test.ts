// @new-belarus/verify as an integrator gets it: packed with npm pack, installed into an empty project
// (no registry access needed: the package has no dependencies), then used from that project to verify the
// committed vectors offline (their trust list, status list and log served from files), a live document
// against a running registry (and the revocation of it), in Node and in Chromium.

import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished as after } from 'vitest';
import { buildSdk } from '../../scripts/build-sdk.js';
import { listen } from '../../src/http/server.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { CHROMIUM, launch } from '../helpers/browser.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { revokeAsTwo } from '../helpers/revoke.js';
import { testRegistry, type TestRegistry } from '../helpers/registry.js';
import { documentVectors, VECTOR_DIR } from '../helpers/vectors.js';

const PKG = join(import.meta.dirname, '..', '..', 'packages', 'verify');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    stdio: 'pipe',
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });

let project: string;
let r: TestRegistry;
let server: Awaited<ReturnType<typeof listen>>;
let base: string;

beforeAll(async () => {
  await buildSdk();
  const out = mkdtempSync(join(tmpdir(), 'nbr-sdk-'));
  const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', out, '--silent'], PKG)
    .trim()
    .split('\n')
    .pop()!;
  project = join(out, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  npm(['install', join(out, tarball), '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  r = await testRegistry();
  server = await listen(r.deps, { port: 0, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${server.port}`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((res) => (server ? server.server.close(() => res()) : res()));
  await r?.close();
});

/**
 * Runs a script in the consumer project with node; its last line of output is JSON. Asynchronously: the
 * registry it talks to answers from this process's event loop.
 */
async function run(name: string, code: string, ...args: string[]): Promise<unknown> {
  writeFileSync(join(project, name), code);
  const { stdout } = await promisify(execFile)(process.execPath, [name, ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('@new-belarus/verify, installed from its packed tarball', () => {
  it('installs with nothing but its own files: an ESM bundle, its types, its README', () => {
    const installed = join(project, 'node_modules', '@new-belarus', 'verify');
    expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'dist', 'types', 'packages', 'verify', 'src', 'index.d.ts'))).toBe(
      true,
    );
    expect(existsSync(join(installed, 'README.md'))).toBe(true);
    expect(readdirSync(join(project, 'node_modules'))).toEqual(['.package-lock.json', '@new-belarus']);
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(pkg.dependencies).toBeUndefined();
    // No Node module and no call of Node's require (esbuild's __require wrapper of the CommonJS certlogic-js
    // modules it bundles is not one).
    expect(readFileSync(join(installed, 'dist', 'index.js'), 'utf8')).not.toMatch(
      /from ["']node:|(?<![\w$])require\(/,
    );
  });

  it('verifies every committed vector offline in Node, with the expected code', async () => {
    const results = (await run(
      'vectors.mjs',
      `import { readFileSync } from 'node:fs';
import { Verifier } from '@new-belarus/verify';
const dir = process.argv[2];
const file = (p) => readFileSync(dir + '/' + p);
// A registry made of files: what an integrator's test suite can do with the published test material.
const fetch = async (url) => {
  const path = new URL(url).pathname;
  const local = path === '/trust-list' ? 'trust/trust-list.jws' : path === '/status-list' ? 'trust/status-list.jws'
    : 'registry-log/' + path.slice('/log/'.length);
  try { return new Response(file(local)); } catch { return new Response('', { status: 404 }); }
};
const root = JSON.parse(file('trust/root.jwk.json'));
const out = [];
for (const v of JSON.parse(process.argv[3])) {
  const verifier = await Verifier.create({ root, baseUrl: 'https://vectors.test', fetch, now: () => Date.parse(v.validationTime) });
  const result = await verifier.verify(v.qr);
  out.push({ name: v.name, code: result.code, valid: result.valid });
}
console.log(JSON.stringify(out));
`,
      VECTOR_DIR,
      JSON.stringify(documentVectors()),
    )) as { name: string; code: string; valid: boolean }[];
    const expected = documentVectors().map((v) => ({
      name: v.name,
      code: v.expected.code,
      valid: v.expected.valid,
    }));
    expect(results).toEqual(expected);
    expect(results.filter((x) => x.valid).length).toBeGreaterThan(3);
  }, 60_000);

  it('verifies a live document against a running registry in Node, then sees its revocation', async () => {
    const passport = await issuePassport(r);
    await integrateLog(r.deps);
    const root = {
      kid: r.deps.keyring.roots[0]!.kid,
      x: Buffer.from(r.deps.keyring.roots[0]!.key.raw).toString('base64url'),
    };
    const script = `import { Verifier, memoryStore } from '@new-belarus/verify';
const [base, root, qr, now] = process.argv.slice(2);
const store = memoryStore();
const verifier = await Verifier.create({ root: JSON.parse(root), baseUrl: base, store, now: () => Number(now) });
const first = await verifier.verify(qr + '\\r\\n');
// Offline, from the store alone: the same answer.
const offline = await (await Verifier.create({ root: JSON.parse(root), store, now: () => Number(now) })).verify(qr);
console.log(JSON.stringify({
  first: first.code,
  document: first.document?.fields.number,
  face: first.document?.portrait?.mediaType,
  offline: offline.code,
  status: verifier.status(),
}));
`;
    const check = async () =>
      (await run('live.mjs', script, base, JSON.stringify(root), passport.qrText, String(r.clock.t))) as {
        first: string;
        document: string;
        face?: string;
        offline: string;
        status: { log: { size: number }; problems: string[] };
      };
    const live = await check();
    // The face sealed in the passport comes with the document (issue 23).
    expect(live).toMatchObject({
      first: 'VALID',
      document: passport.number,
      face: 'image/webp',
      offline: 'VALID',
    });
    expect(live.status.problems).toEqual([]);
    expect(live.status.log.size).toBeGreaterThan(0);
    expect((await revokeAsTwo(server.app, passport.id, { reason: 'stolen' })).status).toBe(200);
    const after = await check();
    expect(after.first).toBe('REVOKED');
  }, 60_000);

  it.skipIf(!existsSync(CHROMIUM))(
    'verifies a live document in Chromium from the same bundle',
    async () => {
      const passport = await issuePassport(r);
      await integrateLog(r.deps);
      const root = {
        kid: r.deps.keyring.roots[0]!.kid,
        x: Buffer.from(r.deps.keyring.roots[0]!.key.raw).toString('base64url'),
      };
      const bundle = readFileSync(
        join(project, 'node_modules', '@new-belarus', 'verify', 'dist', 'index.js'),
        'utf8',
      );
      const browser = await launch();
      try {
        // An integrator's web app on another origin: the registry's answers reach it through CORS.
        const app = createServer((_req, res) => res.end('<!doctype html><title>integrator</title>'));
        await new Promise<void>((res) => app.listen(0, '127.0.0.1', () => res()));
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${(app.address() as { port: number }).port}/`);
        after(() => void app.close());
        // A string, not a function: the test runner would rewrite import() inside a function.
        const args = JSON.stringify({ bundle, base, root, qr: passport.qrText, now: r.clock.t });
        const result = await page.evaluate(`(async ({ bundle, base, root, qr, now }) => {
        const url = URL.createObjectURL(new Blob([bundle], { type: 'text/javascript' }));
        const sdk = await import(url);
        const verifier = await sdk.Verifier.create({ root, baseUrl: base, now: () => now });
        const res = await verifier.verify(qr);
        const engine = (await sdk.browserImporter(crypto.subtle)).engine;
        return { code: res.code, number: res.document?.fields.number, engine, problems: verifier.status().problems };
      })(${args})`);
        expect(result).toEqual({ code: 'VALID', number: passport.number, engine: 'webcrypto', problems: [] });
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
