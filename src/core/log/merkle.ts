// RFC 6962 section 2.1 Merkle Tree Hashes, and RFC 9162 section 2.1.3-2.1.4 inclusion and consistency proofs
// (generation and verification). The tree is read through a HashReader: the hash of a complete, aligned
// subtree (height h, index i covers leaves [i * 2^h, (i + 1) * 2^h)), which tiles store (tiles.ts).

import { bytesEqual } from '../bytes.js';
import { sha256 } from './hash.js';
import { leafHash8, nodeHash32 } from './sha256-fixed.js';

export const HASH_SIZE = 32;
const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);
/** MTH({}) = SHA-256() (RFC 6962 section 2.1). */
export const EMPTY_ROOT = sha256(new Uint8Array(0));

export function leafHash(entry: Uint8Array): Uint8Array {
  // The log's entries are 8 bytes: a specialised one-block SHA-256 (sha256-fixed.ts) for the hot path.
  return entry.length === 8 ? leafHash8(entry) : sha256(LEAF_PREFIX, entry);
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return left.length === 32 && right.length === 32
    ? nodeHash32(left, right)
    : sha256(NODE_PREFIX, left, right);
}

/** Hash of the complete subtree of height `height` and index `index`; may be sync or async. */
export type HashReader = (height: number, index: number) => Uint8Array | Promise<Uint8Array>;

/** The largest power of two smaller than n (n > 1): RFC 6962's split point k. */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/** MTH(D[start:end]) for any range that RFC 6962's recursion produces (start aligned to the split). */
export async function rangeHash(read: HashReader, start: number, end: number): Promise<Uint8Array> {
  const n = end - start;
  if (n <= 0) throw new RangeError('empty range');
  if (isPowerOfTwo(n) && start % n === 0) return read(Math.log2(n), start / n);
  const k = split(n);
  return nodeHash(await rangeHash(read, start, start + k), await rangeHash(read, start + k, end));
}

/** The root of a tree of `size` leaves (EMPTY_ROOT for 0). */
export async function treeRoot(read: HashReader, size: number): Promise<Uint8Array> {
  return size === 0 ? EMPTY_ROOT : rangeHash(read, 0, size);
}

/** RFC 9162 section 2.1.3.1: the inclusion proof of leaf `index` in a tree of `size` leaves. */
export async function inclusionProof(read: HashReader, index: number, size: number): Promise<Uint8Array[]> {
  if (!(index >= 0 && index < size)) throw new RangeError('index outside the tree');
  const path = async (m: number, start: number, end: number): Promise<Uint8Array[]> => {
    const n = end - start;
    if (n === 1) return [];
    const k = split(n);
    return m < k
      ? [...(await path(m, start, start + k)), await rangeHash(read, start + k, end)]
      : [...(await path(m - k, start + k, end)), await rangeHash(read, start, start + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 section 2.1.4.1: the consistency proof from a tree of size1 leaves to one of size2. */
export async function consistencyProof(
  read: HashReader,
  size1: number,
  size2: number,
): Promise<Uint8Array[]> {
  if (!(size1 >= 0 && size1 <= size2)) throw new RangeError('size1 must be between 0 and size2');
  if (size1 === 0 || size1 === size2) return [];
  const subproof = async (
    m: number,
    start: number,
    end: number,
    complete: boolean,
  ): Promise<Uint8Array[]> => {
    const n = end - start;
    if (m === n) return complete ? [] : [await rangeHash(read, start, end)];
    const k = split(n);
    return m <= k
      ? [...(await subproof(m, start, start + k, complete)), await rangeHash(read, start + k, end)]
      : [...(await subproof(m - k, start + k, end, false)), await rangeHash(read, start, start + k)];
  };
  return subproof(size1, 0, size2, true);
}

/** RFC 9162 section 2.1.3.2. Returns false for any proof that does not lead to `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size))
    return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(r, root);
}

/** RFC 9162 section 2.1.4.2. Returns false for any proof that does not tie root1 to root2. */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!(Number.isSafeInteger(size1) && Number.isSafeInteger(size2) && size1 >= 0 && size1 <= size2))
    return false;
  if (size1 === size2) return proof.length === 0 && bytesEqual(root1, root2);
  if (size1 === 0) return proof.length === 0; // every tree extends the empty one
  if (proof.length === 0 || proof.some((p) => p.length !== HASH_SIZE)) return false;
  // Step 1: a size1 that is a power of two is itself the first node of the path.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else sr = nodeHash(sr, c);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && bytesEqual(fr, root1) && bytesEqual(sr, root2);
}
