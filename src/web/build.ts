// Bundles the browser code (verifier page, service worker) from src/ with esbuild, once per process, in memory.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface WebAsset {
  code: string;
  etag: string;
}

const ROOT = join(import.meta.dirname, '..', '..');

async function bundle(entry: string): Promise<WebAsset> {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  return { code, etag: `"${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"` };
}

const cache = new Map<string, Promise<WebAsset>>();

/** The bundle of a browser entry point (path relative to the repository root), built on first use. */
export function webAsset(entry: string): Promise<WebAsset> {
  let asset = cache.get(entry);
  if (!asset) {
    asset = bundle(entry);
    cache.set(entry, asset);
  }
  return asset;
}
