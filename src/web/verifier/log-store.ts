// The verifier page's copy of the transparency log: kept in IndexedDB (8 bytes a document: a million
// documents are 8 MB, more than localStorage holds), refreshed from the registry when online with only the
// new entry bundles, or taken from the single-file download. It is what lets the page refuse a document
// signed with a stolen key while offline (docs/transparency-log.md).

import { fromBase64Url } from '../../core/bytes.js';
import type { LogPolicy } from '../../core/log/checkpoint.js';
import { LogCopy, type LogCopyJson } from '../../core/log/copy.js';

const DB = 'nbr-verifier';
const STORE = 'log';
const KEY = 'copy';

interface Saved {
  json: LogCopyJson;
  entries: ArrayBuffer;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function read(): Promise<Saved | undefined> {
  const db = await open();
  return new Promise((resolve, reject) => {
    const req = db.transaction(STORE).objectStore(STORE).get(KEY);
    req.onsuccess = () => resolve(req.result as Saved | undefined);
    req.onerror = () => reject(req.error);
  });
}

async function write(copy: LogCopy): Promise<void> {
  const db = await open();
  const entries = copy.entries().slice().buffer;
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ json: copy.toJSON(), entries } satisfies Saved, KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

export interface LogState {
  copy?: LogCopy;
  /** Why the copy could not be refreshed (offline, or a log that contradicts the stored copy). */
  problem?: string;
}

/**
 * The newest copy among the stored one and the embedded one, brought up to date from `origin` when online.
 * A refresh that contradicts the stored copy (LOG_INCONSISTENT) keeps the stored copy and says so.
 */
export async function loadLog(
  policy: LogPolicy,
  origin: string,
  online: boolean,
  embedded?: { copy: LogCopyJson; entries: string },
): Promise<LogState> {
  let copy: LogCopy | undefined;
  try {
    const saved = await read();
    if (saved) {
      const restored = await LogCopy.restore(policy, saved.json, new Uint8Array(saved.entries), false);
      if (restored.ok) copy = restored.copy;
    }
  } catch {
    // No IndexedDB (a private window, file://): work from the embedded copy and the network.
  }
  if (embedded) {
    const restored = await LogCopy.restore(policy, embedded.copy, fromBase64Url(embedded.entries));
    if (restored.ok && (!copy || restored.copy.size > copy.size)) copy = restored.copy;
  }
  let problem: string | undefined;
  if (online) {
    const synced = await LogCopy.sync(copy, policy, async (path) => {
      const res = await fetch(`${origin}/log/${path}`, {
        cache: path === 'checkpoint' ? 'no-cache' : 'default',
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    });
    if (synced.ok) copy = synced.copy;
    else problem = `${synced.code}: ${synced.message}`;
  }
  if (copy) await write(copy).catch(() => {});
  return { ...(copy ? { copy } : {}), ...(problem ? { problem } : {}) };
}
