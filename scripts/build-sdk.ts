// Builds packages/verify/dist: one ESM bundle of the SDK and the core it re-exports (its dependencies,
// @noble/ed25519, @noble/hashes and fflate, bundled in, so the package installs with no dependency of its
// own), and the type declarations. Usage: npx tsx scripts/build-sdk.ts (npm pack in packages/verify runs it).

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const PKG = join(ROOT, 'packages', 'verify');

export async function buildSdk(): Promise<void> {
  rmSync(join(PKG, 'dist'), { recursive: true, force: true });
  await build({
    entryPoints: [join(PKG, 'src', 'index.ts')],
    outfile: join(PKG, 'dist', 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: ['es2022'],
    legalComments: 'inline',
    logLevel: 'warning',
  });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(PKG, 'tsconfig.json')],
    {
      stdio: 'inherit',
    },
  );
}

if (process.argv[1] === import.meta.filename) await buildSdk();
