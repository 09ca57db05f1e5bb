// The right edge of a Merkle tree (RFC 6962): the roots of its complete subtrees, largest first. Enough to
// append leaves and compute the root without keeping the tree, which is how a verifier's copy of the log
// checks each new checkpoint against the entries it holds (transparency-dev/merkle calls it a compact range).

import { fromBase64, toBase64 } from './base64.js';
import { EMPTY_ROOT, leafHash, nodeHash } from './merkle.js';

export class CompactRange {
  private constructor(
    private _size: number,
    private readonly nodes: Uint8Array[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  get size(): number {
    return this._size;
  }

  /** Appends one leaf by its Merkle leaf hash. */
  appendHash(hash: Uint8Array): void {
    let h = hash;
    // Merge while the new subtree has a left neighbour of equal size (trailing one bits of the old size).
    for (let s = this._size; s % 2 === 1; s = Math.floor(s / 2)) h = nodeHash(this.nodes.pop()!, h);
    this.nodes.push(h);
    this._size++;
  }

  appendEntry(entry: Uint8Array): void {
    this.appendHash(leafHash(entry));
  }

  root(): Uint8Array {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let r = this.nodes[this.nodes.length - 1]!;
    for (let i = this.nodes.length - 2; i >= 0; i--) r = nodeHash(this.nodes[i]!, r);
    return r;
  }

  clone(): CompactRange {
    return new CompactRange(this._size, [...this.nodes]);
  }

  toJSON(): { size: number; nodes: string[] } {
    return { size: this._size, nodes: this.nodes.map(toBase64) };
  }

  /** @throws {TypeError} when the node count does not fit the size. */
  static fromJSON(json: { size: number; nodes: string[] }): CompactRange {
    const expected = json.size
      .toString(2)
      .split('')
      .filter((b) => b === '1').length;
    if (!Number.isSafeInteger(json.size) || json.size < 0 || json.nodes.length !== expected)
      throw new TypeError('compact range does not match its size');
    return new CompactRange(json.size, json.nodes.map(fromBase64));
  }
}
