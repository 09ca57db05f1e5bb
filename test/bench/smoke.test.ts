// Every script in bench/ that has a smoke run here runs with its smallest arguments, so that none rots unseen
// (its numbers are checked for sense, never for speed: performance is measured by the scripts, not by tests).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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
});
