// A verifier's copy of the log on disk (nbr log sync, nbr verify --log, nbr log monitor):
//   DIR/copy.json    the accepted cosigned checkpoint, its witnessed time and the compact range
//   DIR/entries.bin  every entry, 8 bytes each, in log order
// and fetching a log's tiles over HTTP from any mirror of <prefix>/checkpoint and <prefix>/tile/….

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogPolicy } from '../core/log/checkpoint.js';
import { type LogCopyJson, LogCopy, type LogFetch, type SyncResult } from '../core/log/copy.js';

export function hasCopy(dir: string): boolean {
  return existsSync(join(dir, 'copy.json'));
}

export async function loadCopy(dir: string, policy: LogPolicy): Promise<SyncResult> {
  const json = JSON.parse(readFileSync(join(dir, 'copy.json'), 'utf8')) as LogCopyJson;
  return LogCopy.restore(policy, json, new Uint8Array(readFileSync(join(dir, 'entries.bin'))));
}

/** Entries first, then the copy description, each by rename: a crash leaves the old copy or the new one. */
export function saveCopy(dir: string, copy: LogCopy): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'entries.bin.tmp'), copy.entries());
  writeFileSync(join(dir, 'copy.json.tmp'), `${JSON.stringify(copy.toJSON(), null, 2)}\n`);
  renameSync(join(dir, 'entries.bin.tmp'), join(dir, 'entries.bin'));
  renameSync(join(dir, 'copy.json.tmp'), join(dir, 'copy.json'));
}

/**
 * GETs below a log prefix ("https://registry.example/log"); a non-200 answer rejects. A prefix that is not
 * an http(s) URL is a folder holding a mirror of the tiles (a copy on a USB stick for an offline post).
 */
export function httpLogFetch(prefix: string, fetchImpl: typeof fetch = fetch): LogFetch {
  const base = prefix.replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) return async (path) => new Uint8Array(readFileSync(join(base, path)));
  return async (path) => {
    const res = await fetchImpl(`${base}/${path}`, { signal: AbortSignal.timeout(30_000) });
    if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

/**
 * A verifier never goes back to an older trust list than one it has used with this copy (a rolled-back list
 * could bring back a revoked key): the highest sequence seen is kept beside the copy. Returns the problem.
 */
export function checkTrustSequence(dir: string, sequence: number): string | undefined {
  const path = join(dir, 'trust-seen.json');
  const seen = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as { sequence: number }).sequence
    : -1;
  if (sequence < seen) return `trust list #${sequence} is older than #${seen}, which this copy already used`;
  if (sequence > seen) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, `${JSON.stringify({ sequence })}\n`);
  }
  return undefined;
}
