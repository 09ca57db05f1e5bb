// A verifier's own copy of the log: the latest cosigned checkpoint it accepted, every entry (8 bytes each),
// and the compact range that proves the entries make that checkpoint's root. Synchronised from any mirror
// of the tiles (C2SP tlog-tiles); each update is checked to extend what the copy held before, so a log (or
// a mirror) that rewrites history or shows this verifier another tree is caught here, not trusted.

import { bytesEqual } from '../bytes.js';
import type { LogView } from '../verify.js';
import { type LogPolicy, openCheckpoint } from './checkpoint.js';
import { CompactRange } from './compact-range.js';
import { ENTRY_SIZE } from './entry.js';
import { decodeBundle, TILE_WIDTH, tilePath, tileWidth } from './tiles.js';

const FETCH_AHEAD = 32;

export type LogProblem = 'LOG_INVALID' | 'LOG_INCONSISTENT' | 'LOG_UNAVAILABLE';

export type SyncResult =
  | { ok: true; copy: LogCopy; added: number; fetchedBytes: number }
  | { ok: false; code: LogProblem; message: string };

/** Fetches a resource below the log's prefix ("checkpoint", "tile/entries/…"); rejects when unavailable. */
export type LogFetch = (path: string) => Promise<Uint8Array>;

export interface LogCopyJson {
  checkpoint: string;
  time: number | null;
  range: { size: number; nodes: string[] };
}

export class LogCopy implements LogView {
  private constructor(
    readonly checkpoint: string,
    readonly time: number | undefined,
    readonly maxMergeDelay: number,
    private readonly range: CompactRange,
    /** size * 8 bytes, possibly with spare capacity after them. */
    private readonly store: Uint8Array,
  ) {}

  get size(): number {
    return this.range.size;
  }

  entryAt(index: number): Uint8Array | undefined {
    if (!(index >= 0 && index < this.size)) return undefined;
    return this.store.subarray(index * ENTRY_SIZE, (index + 1) * ENTRY_SIZE);
  }

  /** The entries as one byte string (size * 8 bytes), to save. */
  entries(): Uint8Array {
    return this.store.subarray(0, this.size * ENTRY_SIZE);
  }

  toJSON(): LogCopyJson {
    return { checkpoint: this.checkpoint, time: this.time ?? null, range: this.range.toJSON() };
  }

  /**
   * Re-opens a saved copy: the checkpoint is checked again against the policy (the trust list may have
   * changed) and the entries against the checkpoint's root.
   */
  static async restore(
    policy: LogPolicy,
    json: LogCopyJson,
    entries: Uint8Array,
    /** false: trust the saved compact range (a copy this device saved itself), skipping a million hashes. */
    rehash = true,
  ): Promise<SyncResult> {
    const opened = await openCheckpoint(json.checkpoint, policy);
    if (!opened.ok) return opened;
    const size = opened.checkpoint.size;
    if (entries.length !== size * ENTRY_SIZE)
      return { ok: false, code: 'LOG_INVALID', message: 'saved entries do not match the saved checkpoint' };
    let range: CompactRange;
    try {
      range = rehash ? CompactRange.empty() : CompactRange.fromJSON(json.range);
    } catch (e) {
      return { ok: false, code: 'LOG_INVALID', message: (e as Error).message };
    }
    if (rehash)
      for (let i = 0; i < size; i++)
        range.appendEntry(entries.subarray(i * ENTRY_SIZE, (i + 1) * ENTRY_SIZE));
    if (range.size !== size)
      return { ok: false, code: 'LOG_INVALID', message: 'saved compact range does not match the checkpoint' };
    if (!bytesEqual(range.root(), opened.checkpoint.root))
      return { ok: false, code: 'LOG_INVALID', message: 'saved entries do not make the checkpoint root' };
    const copy = new LogCopy(json.checkpoint, opened.time, policy.maxMergeDelay, range, entries);
    return { ok: true, copy, added: 0, fetchedBytes: 0 };
  }

  /**
   * Brings a copy (or none) up to the log's current cosigned checkpoint, fetching only the entry bundles
   * from the copy's last, partial one on. Never goes back: a smaller tree, a changed entry or a root that
   * the entries do not make is LOG_INCONSISTENT, and the old copy stays as it was.
   */
  static async sync(prev: LogCopy | undefined, policy: LogPolicy, fetch: LogFetch): Promise<SyncResult> {
    let fetchedBytes = 0;
    const get = async (path: string): Promise<Uint8Array> => {
      const bytes = await fetch(path);
      fetchedBytes += bytes.length;
      return bytes;
    };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await get('checkpoint'));
    } catch (e) {
      return { ok: false, code: 'LOG_UNAVAILABLE', message: `checkpoint: ${(e as Error).message}` };
    }
    const opened = await openCheckpoint(text, policy);
    if (!opened.ok) return opened;
    const size = opened.checkpoint.size;
    const oldSize = prev?.size ?? 0;
    if (size < oldSize)
      return {
        ok: false,
        code: 'LOG_INCONSISTENT',
        message: `the log went back from ${oldSize} to ${size} entries`,
      };
    let store = prev ? prev.store : new Uint8Array(0);
    if (store.length < size * ENTRY_SIZE) {
      const grown = new Uint8Array(
        Math.max(size * ENTRY_SIZE, Math.min(store.length * 2, size * ENTRY_SIZE * 2)),
      );
      grown.set(prev ? prev.entries() : new Uint8Array(0));
      store = grown;
    } else if (prev) {
      store = store.slice(); // the old copy must stay untouched if this update fails
    }
    const range = prev ? prev.range.clone() : CompactRange.empty();
    // Bundles are fetched 32 ahead (a first sync of a million documents is ~3,900 requests, and
    // one at a time the round trips dominate) and applied in order.
    const first = Math.floor(oldSize / TILE_WIDTH);
    const end = Math.ceil(size / TILE_WIDTH);
    const pending = new Map<number, Promise<Uint8Array>>();
    const request = (bundle: number) => {
      if (bundle < end && !pending.has(bundle)) {
        const p = get(tilePath('entries', bundle, tileWidth(size, 0, bundle)));
        p.catch(() => {}); // awaited in order below; a failure there ends the sync
        pending.set(bundle, p);
      }
    };
    for (let bundle = first; bundle < first + FETCH_AHEAD; bundle++) request(bundle);
    for (let bundle = first; bundle * TILE_WIDTH < size; bundle++) {
      const width = tileWidth(size, 0, bundle);
      request(bundle + FETCH_AHEAD);
      let entries: Uint8Array[];
      try {
        entries = decodeBundle(await pending.get(bundle)!);
        pending.delete(bundle);
      } catch (e) {
        return {
          ok: false,
          code: 'LOG_UNAVAILABLE',
          message: `entry bundle ${bundle}: ${(e as Error).message}`,
        };
      }
      if (entries.length !== width || entries.some((e) => e.length !== ENTRY_SIZE))
        return {
          ok: false,
          code: 'LOG_INVALID',
          message: `entry bundle ${bundle} is not ${width} entries of 8 bytes`,
        };
      for (const [j, entry] of entries.entries()) {
        const index = bundle * TILE_WIDTH + j;
        const at = store.subarray(index * ENTRY_SIZE, (index + 1) * ENTRY_SIZE);
        if (index < oldSize) {
          if (!bytesEqual(at, entry))
            return {
              ok: false,
              code: 'LOG_INCONSISTENT',
              message: `entry ${index} changed since the last copy`,
            };
          continue;
        }
        at.set(entry);
        range.appendEntry(entry);
      }
    }
    if (!bytesEqual(range.root(), opened.checkpoint.root))
      return {
        ok: false,
        code: prev ? 'LOG_INCONSISTENT' : 'LOG_INVALID',
        message: 'the entries do not make the checkpoint root: the log shows another tree',
      };
    const copy = new LogCopy(text, opened.time, policy.maxMergeDelay, range, store);
    return { ok: true, copy, added: size - oldSize, fetchedBytes };
  }
}
