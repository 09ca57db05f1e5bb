// Browser entry for bench/log.ts: syncs a log copy in the page with the same core code the verifier page
// uses (LogCopy.sync over fetch, WebCrypto Ed25519 for the checkpoint), and reports time and bytes.
import type { LogPolicy } from '../src/core/log/checkpoint.js';
import { CompactRange } from '../src/core/log/compact-range.js';
import { LogCopy } from '../src/core/log/copy.js';
import { parseVerifierKey } from '../src/core/log/note.js';
import { browserImporter } from '../src/crypto/ed25519-web.js';

declare global {
  interface Window {
    syncLog(): Promise<{ ms: number; bytes: number; size: number; added: number }>;
  }
}

let copy: LogCopy | undefined;
window.syncLog = async () => {
  const params = new URLSearchParams(location.search);
  const { importKey } = await browserImporter(crypto.subtle);
  const policy: LogPolicy = {
    origin: params.get('origin')!,
    log: await parseVerifierKey(params.get('vkey')!, importKey),
    witnesses: [],
    quorum: 0,
    maxMergeDelay: 300,
  };
  const started = performance.now();
  const result = await LogCopy.sync(copy, policy, async (path) => {
    const res = await fetch(`/log/${path}`);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  });
  if (!result.ok) throw new Error(result.message);
  copy = result.copy;
  return {
    ms: performance.now() - started,
    bytes: result.fetchedBytes,
    size: copy.size,
    added: result.added,
  };
};

declare global {
  interface Window {
    /** The hashing alone: `n` entries into a compact range (to see what a sync spends on it). */
    hashOnly(n: number): number;
  }
}
window.hashOnly = (n) => {
  const range = CompactRange.empty();
  const e = new Uint8Array(8);
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    e[0] = i & 255;
    range.appendEntry(e);
  }
  return performance.now() - started;
};
