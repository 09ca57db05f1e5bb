// C2SP tlog-tiles: the tree served as tiles of 256 hashes (level L holds hashes of subtrees of height 8L)
// and entry bundles (uint16 length-prefixed entries), at paths <prefix>/tile/<L>/<N>[.p/<W>] and
// <prefix>/tile/entries/<N>[.p/<W>], N written in 3-digit groups ("x001/x234/067").

import { HASH_SIZE, type HashReader, nodeHash } from './merkle.js';

export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

/** "x001/x234/067" for 1234067 (tlog-tiles "Merkle Tree"). */
export function tileIndexPath(index: number): string {
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = digits.match(/.{3}/g)!;
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile (level a number) or entry bundle (level "entries"); width below 256 is partial. */
export function tilePath(level: number | 'entries', index: number, width = TILE_WIDTH): string {
  const partial = width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${tileIndexPath(index)}${partial}`;
}

export interface TileRef {
  level: number | 'entries';
  index: number;
  width: number;
}

/** Parses "tile/…" strictly (no leading zeroes where the spec forbids them); undefined when not a tile path. */
export function parseTilePath(path: string): TileRef | undefined {
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
    path,
  );
  if (!m) return undefined;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (typeof level === 'number' && level > 63) return undefined;
  const groups = m[2]!.split('/').map((g) => g.replace('x', ''));
  // The leading group may not be all zeroes unless it is the only one (one encoding per index).
  if (groups.length > 1 && groups[0] === '000') return undefined;
  const index = Number(groups.join(''));
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (!Number.isSafeInteger(index) || (m[3] !== undefined && width > 255)) return undefined;
  return { level, index, width };
}

/** The width of the tile at `level`, `index` in a tree of `size` leaves: 256 for full, 0 if it has none. */
export function tileWidth(size: number, level: number, index: number): number {
  const perEntry = TILE_WIDTH ** level; // leaves under one hash of this level
  const entries = Math.floor(size / perEntry); // complete hashes at this level
  return Math.max(0, Math.min(TILE_WIDTH, entries - index * TILE_WIDTH));
}

export function encodeBundle(entries: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(entries.reduce((n, e) => n + 2 + e.length, 0));
  let o = 0;
  for (const e of entries) {
    if (e.length > 0xffff) throw new RangeError('entry longer than 65535 bytes');
    out[o++] = e.length >> 8;
    out[o++] = e.length & 0xff;
    out.set(e, o);
    o += e.length;
  }
  return out;
}

/** @throws {RangeError} when the bundle is cut or has trailing bytes. */
export function decodeBundle(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < bytes.length) {
    if (o + 2 > bytes.length) throw new RangeError('entry bundle cut inside a length');
    const n = (bytes[o]! << 8) | bytes[o + 1]!;
    o += 2;
    if (o + n > bytes.length) throw new RangeError('entry bundle cut inside an entry');
    out.push(bytes.subarray(o, o + n));
    o += n;
  }
  return out;
}

/** MTH of 2^k consecutive hashes (the hashes are the leaves of a complete subtree). */
export function subtreeRoot(hashes: readonly Uint8Array[]): Uint8Array {
  let row = [...hashes];
  while (row.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
  }
  return row[0]!;
}

/** Tiles as stored: each the concatenation of its hashes (a partial tile is shorter). */
export type TileGetter = (
  level: number,
  index: number,
) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/** A HashReader over stored tiles: a subtree of height h is read from the level floor(h/8) tile holding it. */
export function tileHashReader(getTile: TileGetter): HashReader {
  return async (height, index) => {
    const level = Math.floor(height / TILE_HEIGHT);
    const span = 2 ** (height % TILE_HEIGHT);
    const first = index * span; // position of its first hash at this level
    const tile = await getTile(level, Math.floor(first / TILE_WIDTH));
    const offset = first % TILE_WIDTH;
    if (!tile || tile.length < (offset + span) * HASH_SIZE)
      throw new RangeError(
        `tile ${level}/${Math.floor(first / TILE_WIDTH)} does not hold subtree ${height}/${index}`,
      );
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < span; i++)
      hashes.push(tile.subarray((offset + i) * HASH_SIZE, (offset + i + 1) * HASH_SIZE));
    return subtreeRoot(hashes);
  };
}

/**
 * Appends leaf hashes to a tree of `size` leaves kept as tiles in `tiles` (key "level/index"), in place:
 * level-0 tiles grow, and each tile that becomes full adds its root to the level above. Only the right
 * edge changes, so a store needs to load just the partial tiles (rightEdgeTiles) before calling this.
 * Returns the keys of the tiles it changed.
 */
export function appendToTiles(
  tiles: Map<string, Uint8Array>,
  size: number,
  leafHashes: readonly Uint8Array[],
): Set<string> {
  const changed = new Set<string>();
  let level = 0;
  let start = size; // position of the first new hash at this level
  let hashes = leafHashes;
  while (hashes.length > 0) {
    const promoted: Uint8Array[] = [];
    let pos = start;
    let i = 0;
    while (i < hashes.length) {
      const tileIndex = Math.floor(pos / TILE_WIDTH);
      const key = `${level}/${tileIndex}`;
      const have = tiles.get(key) ?? new Uint8Array(0);
      if (have.length !== (pos % TILE_WIDTH) * HASH_SIZE)
        throw new RangeError(`tile ${key} is not at the tree's edge`);
      const take = Math.min(TILE_WIDTH - (pos % TILE_WIDTH), hashes.length - i);
      const grown = new Uint8Array(have.length + take * HASH_SIZE);
      grown.set(have);
      for (let j = 0; j < take; j++) grown.set(hashes[i + j]!, have.length + j * HASH_SIZE);
      tiles.set(key, grown);
      changed.add(key);
      i += take;
      pos += take;
      if (grown.length === TILE_WIDTH * HASH_SIZE) {
        const row: Uint8Array[] = [];
        for (let j = 0; j < TILE_WIDTH; j++) row.push(grown.subarray(j * HASH_SIZE, (j + 1) * HASH_SIZE));
        promoted.push(subtreeRoot(row));
      }
    }
    // The first tile that can complete is the one holding `start`: its root is the first promoted hash.
    start = Math.floor(start / TILE_WIDTH);
    hashes = promoted;
    level++;
  }
  return changed;
}

/** The tiles that a tree of `size` leaves may still append to: the partial tile of each level. */
export function rightEdgeTiles(size: number): { level: number; index: number }[] {
  const out: { level: number; index: number }[] = [];
  for (let level = 0; TILE_WIDTH ** level <= Math.max(size, 1); level++) {
    const entries = Math.floor(size / TILE_WIDTH ** level);
    out.push({ level, index: Math.floor(entries / TILE_WIDTH) });
  }
  return out;
}
