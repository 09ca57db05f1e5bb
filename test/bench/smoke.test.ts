// Every script in bench/ that has a smoke run here runs with its smallest arguments, so that none rots unseen
// (its numbers are checked for sense, never for speed: performance is measured by the scripts, not by tests).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { postgresAvailable } from '../helpers/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const bench = (script: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', script), ...args], {
    cwd: ROOT,
    timeout: 120_000,
  });

describe('bench smoke runs', () => {
  it('bench/flood.ts 3 2: the official still gets answers and the flooding address gets 429', async () => {
    const { stdout } = await bench('flood.ts', '3', '2');
    expect(stdout).toMatch(/\/trust-list .*x\s+\d+\/[1-9]\d*/);
    expect(stdout).toMatch(/429: [1-9]/);
  }, 120_000);

  it('bench/portrait.ts 1: every candidate seals, signs and scans; the chosen one is marked', async () => {
    const { stdout } = await bench('portrait.ts', '1', '2026', 'test/fixtures/faces/holder.jpg', 'no-sheet');
    expect(stdout).toMatch(/^baseline: passport without a face, \d+ characters/m);
    expect(stdout.match(/^\| (webp|avif|jpeg) /gm)).toHaveLength(12);
    expect(stdout).toMatch(/\| webp 36x48 grey \(chosen\) \| \d{3} \|/);
  }, 180_000);

  it('bench/issue.ts 10: issues with and without the face, and says the ratio', async () => {
    const { stdout } = await bench('issue.ts', '10');
    const out = JSON.parse(stdout) as {
      issuedPerSecWithFace: number;
      faceRatio: number;
      encryptionRatio: number;
    };
    expect(out.issuedPerSecWithFace).toBeGreaterThan(0);
    expect(out.faceRatio).toBeGreaterThan(0);
    expect(out.encryptionRatio).toBeGreaterThan(0);
  }, 120_000);

  it('bench/verify-http.ts 1 2 1: every server answers the benchmark document VALID, and the ratios are sane', async () => {
    // The set-up and three of the servers (the ceiling, the full core without framework, the registry as it
    // runs by default): enough to keep the script from rotting without paying for every variant.
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'verify-http.ts'), '1', '2', '1'],
      { cwd: ROOT, timeout: 150_000, env: { ...process.env, BENCH_ONLY: 'full verifier core|default' } },
    );
    const out = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
      results: { name: string; rps: number; errors: number; ratioToBare?: number }[];
    };
    expect(out.results.length).toBeGreaterThanOrEqual(3);
    for (const r of out.results) {
      expect(r.rps, r.name).toBeGreaterThan(0);
      expect(r.errors, r.name).toBe(0);
    }
  }, 180_000);

  it('bench/verify.ts 0.3 1, verify-batch.ts 1, log.ts 16 1000, scan.ts 1, recognition.ts 0.3 1: each runs and says sane numbers', async () => {
    const verify = JSON.parse((await bench('verify.ts', '0.3', '1')).stdout) as {
      corePerSec: number;
      ratio: number;
    };
    expect(verify.corePerSec).toBeGreaterThan(0);
    expect(verify.ratio).toBeGreaterThan(0);
    const batch = JSON.parse((await bench('verify-batch.ts', '1')).stdout) as {
      codes: number;
      ratio: number;
    };
    expect(batch.codes).toBe(1000);
    expect(batch.ratio).toBeGreaterThan(0);
    const log = JSON.parse((await bench('log.ts', '16', '1000')).stdout) as {
      issuance: { withLogPerSec: number };
    };
    expect(log.issuance.withLogPerSec).toBeGreaterThan(0);
    expect((await bench('scan.ts', '1')).stdout).toMatch(/\| degradation \| frames \| jsQR \|/);
    const recognition = JSON.parse((await bench('recognition.ts', '0.3', '1')).stdout) as Record<
      string,
      number
    >;
    expect(recognition.verifyAndRecognisePerSec).toBeGreaterThan(0);
    expect(recognition.recogniseOverVerifyTime).toBeGreaterThan(0);
  }, 180_000);

  it('bench/scale.ts both 100: grows a sealed registry on each database and measures every operation', async () => {
    const pg = Boolean(process.env.CI) || (await postgresAvailable());
    const { stdout } = await bench('scale.ts', pg ? 'both' : 'sqlite', '100');
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number | string>)
      .filter((r) => r.documents === 100);
    expect(rows.map((r) => r.database)).toEqual(pg ? ['sqlite', 'postgres'] : ['sqlite']);
    for (const r of rows)
      for (const k of [
        'issueMs',
        'lookupMs',
        'searchRareNameMs',
        'searchBirthDateMs',
        'backupMs',
        'restoreMs',
      ])
        expect(r[k], `${r.database} ${k}`).toBeGreaterThan(0);
  }, 240_000);
});
