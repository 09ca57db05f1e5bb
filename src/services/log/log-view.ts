// The registry's own copy of its log, for POST /api/v1/verify: every leaf committed to the database (not
// only those in a published checkpoint: they are registered, and a checkpoint follows within the merge
// delay), held in memory so that verification reads no database and keeps answering while it is down.
// Refreshed every second and after each issuance in this process; another instance's new document may be
// UNCONFIRMED for that second, never VALID before its leaf is committed.

import type { Kysely } from 'kysely';
import { ENTRY_SIZE } from '../../core/log/entry.js';
import type { LogView } from '../../core/verify.js';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../deps.js';

/** Documents claiming a position beyond the copy are NOT_REGISTERED once older than this (seconds). */
export const REGISTRY_LOG_GRACE = 30;
const BATCH = 50_000;

export interface RegistryLogView extends LogView {
  /** Reads leaves committed since the last refresh; keeps the old copy if the database fails. */
  refresh(): Promise<void>;
}

export function registryLogView(db: Kysely<Database>, clock: Clock): RegistryLogView {
  let store = new Uint8Array(ENTRY_SIZE * 1024);
  let size = 0;
  let time: number | undefined;
  let running: Promise<void> | undefined;

  async function load(): Promise<void> {
    const started = Math.floor(clock.now() / 1000);
    for (;;) {
      const rows = await db
        .selectFrom('log_leaves')
        .select(['idx', 'entry'])
        .where('idx', '>=', size)
        .orderBy('idx')
        .limit(BATCH)
        .execute();
      for (const row of rows) {
        if (Number(row.idx) !== size) break; // a gap cannot occur (the log counter orders commits)
        if (store.length < (size + 1) * ENTRY_SIZE) {
          const grown = new Uint8Array(store.length * 2);
          grown.set(store);
          store = grown;
        }
        store.set(row.entry, size * ENTRY_SIZE);
        size++;
      }
      if (rows.length < BATCH) break;
    }
    time = started;
  }

  return {
    get size() {
      return size;
    },
    get time() {
      return time;
    },
    maxMergeDelay: REGISTRY_LOG_GRACE,
    entryAt(index) {
      return index >= 0 && index < size
        ? store.subarray(index * ENTRY_SIZE, (index + 1) * ENTRY_SIZE)
        : undefined;
    },
    refresh() {
      // One refresh at a time; callers arriving meanwhile wait for it, then the next one runs.
      const next = (running ?? Promise.resolve()).then(load, load);
      running = next.catch(() => {});
      return next;
    },
  };
}
