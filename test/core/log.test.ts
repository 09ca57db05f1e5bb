// The log's pure side against published vectors (RFC 6962 roots, transparency-dev/merkle proofs, the Go
// signed-note example, a real witness cosignature) and against itself on random trees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/core/bytes.js';
import { fromBase64, toBase64 } from '../../src/core/log/base64.js';
import { openCheckpoint, parseCheckpoint } from '../../src/core/log/checkpoint.js';
import { CompactRange } from '../../src/core/log/compact-range.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../../src/core/log/merkle.js';
import {
  checkNoteSignatures,
  cosignNoteText,
  formatNote,
  parseNote,
  parseVerifierKey,
  signNoteText,
} from '../../src/core/log/note.js';
import {
  appendToTiles,
  decodeBundle,
  encodeBundle,
  parseTilePath,
  tileHashReader,
  tilePath,
  tileWidth,
} from '../../src/core/log/tiles.js';
import { importNodeEd25519, nodeSigner } from '../../src/crypto/ed25519-node.js';
import { VECTOR_DIR } from '../helpers/vectors.js';

const merkle = JSON.parse(readFileSync(join(VECTOR_DIR, 'log', 'merkle.json'), 'utf8'));
const notes = JSON.parse(readFileSync(join(VECTOR_DIR, 'log', 'notes.json'), 'utf8'));
const b64 = (list: string[]) => list.map(fromBase64);
const cases = (list: any[]): [string, any][] => list.map((v) => [v.desc, v]);

/** A tree kept as tiles, as the registry stores it. */
function tiledTree(entries: Uint8Array[]) {
  const tiles = new Map<string, Uint8Array>();
  appendToTiles(tiles, 0, entries.map(leafHash));
  return tileHashReader((level, index) => tiles.get(`${level}/${index}`));
}

describe('Merkle tree (RFC 6962, RFC 9162)', () => {
  const leaves = (merkle.leavesHex as string[]).map(fromHex);

  it('computes the reference roots for every size, from tiles and from a compact range', async () => {
    for (let n = 1; n <= leaves.length; n++) {
      const range = CompactRange.empty();
      for (const l of leaves.slice(0, n)) range.appendEntry(l);
      expect(toHex(range.root()), `size ${n}`).toBe(merkle.rootsHex[n - 1]);
      expect(toHex(await treeRoot(tiledTree(leaves.slice(0, n)), n))).toBe(merkle.rootsHex[n - 1]);
    }
  });

  it.each(cases(merkle.inclusion))('inclusion: %s', async (_d, v: any) => {
    const ok = verifyInclusion(
      v.leafIdx,
      v.treeSize,
      fromBase64(v.leafHash),
      b64(v.proof),
      fromBase64(v.root),
    );
    expect(ok).toBe(!v.wantErr);
    if (!v.wantErr) {
      const proof = await inclusionProof(tiledTree(leaves.slice(0, v.treeSize)), v.leafIdx, v.treeSize);
      expect(proof.map(toBase64)).toEqual(v.proof);
    }
  });

  it.each(cases(merkle.consistency))('consistency: %s', async (_d, v: any) => {
    const ok = verifyConsistency(v.size1, v.size2, b64(v.proof), fromBase64(v.root1), fromBase64(v.root2));
    expect(ok).toBe(!v.wantErr);
    if (!v.wantErr) {
      const proof = await consistencyProof(tiledTree(leaves.slice(0, v.size2)), v.size1, v.size2);
      expect(proof.map(toBase64)).toEqual(v.proof);
    }
  });

  it('proves and verifies inclusion and consistency on random trees across tile boundaries', async () => {
    const entries = Array.from(
      { length: 70_000 },
      (_, i) => new Uint8Array([i >> 16, (i >> 8) & 255, i & 255]),
    );
    const tiles = new Map<string, Uint8Array>();
    // Appended in uneven batches, as issuance and integration would.
    let size = 0;
    for (const batch of [1, 254, 1, 300, 65_000, 4_444]) {
      appendToTiles(tiles, size, entries.slice(size, size + batch).map(leafHash));
      size += batch;
    }
    const read = tileHashReader((level, index) => tiles.get(`${level}/${index}`));
    const roots = new Map<number, Uint8Array>();
    const rootOf = async (n: number) => {
      if (!roots.has(n)) roots.set(n, await treeRoot(read, n));
      return roots.get(n)!;
    };
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: size }), fc.integer({ min: 1, max: size }), async (a, b) => {
        const [m, n] = a <= b ? [a, b] : [b, a];
        const proof = await consistencyProof(read, m, n);
        expect(verifyConsistency(m, n, proof, await rootOf(m), await rootOf(n))).toBe(true);
        if (proof.length > 0) {
          const bad = proof.map((p, i) =>
            i === 0 ? Uint8Array.from(p, (x, j) => (j === 0 ? x ^ 1 : x)) : p,
          );
          expect(verifyConsistency(m, n, bad, await rootOf(m), await rootOf(n))).toBe(false);
        }
        const idx = m - 1;
        const inc = await inclusionProof(read, idx, n);
        expect(verifyInclusion(idx, n, leafHash(entries[idx]!), inc, await rootOf(n))).toBe(true);
        expect(verifyInclusion(idx, n, leafHash(new Uint8Array([9, 9])), inc, await rootOf(n))).toBe(false);
      }),
      { numRuns: 60 },
    );
    const range = CompactRange.empty();
    for (const e of entries) range.appendEntry(e);
    expect(range.root()).toEqual(await rootOf(size));
  });
});

describe('tiles (C2SP tlog-tiles)', () => {
  it('names tiles as the spec does', () => {
    expect(tilePath(0, 1234067)).toBe('tile/0/x001/x234/067');
    expect(tilePath(2, 5, 17)).toBe('tile/2/005.p/17');
    expect(tilePath('entries', 1000)).toBe('tile/entries/x001/000');
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('tile/entries/005.p/255')).toEqual({ level: 'entries', index: 5, width: 255 });
    for (const bad of [
      'tile/0/5',
      'tile/0/x000/005',
      'tile/01/005',
      'tile/0/005.p/0',
      'tile/0/005.p/256',
      'tile/64/000',
    ])
      expect(parseTilePath(bad), bad).toBeUndefined();
  });

  it('has the widths of the spec example: a tree of 70,000', () => {
    expect(tileWidth(70_000, 0, 272)).toBe(256);
    expect(tileWidth(70_000, 0, 273)).toBe(112);
    expect(tileWidth(70_000, 1, 0)).toBe(256);
    expect(tileWidth(70_000, 1, 1)).toBe(17);
    expect(tileWidth(70_000, 2, 0)).toBe(1);
    expect(tileWidth(256, 1, 0)).toBe(1);
  });

  it('length-prefixes entry bundles and refuses cut ones', () => {
    const entries = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)];
    const bundle = encodeBundle(entries);
    expect(decodeBundle(bundle)).toEqual(entries);
    expect(() => decodeBundle(bundle.subarray(0, bundle.length - 1))).toThrow(RangeError);
  });
});

describe('signed notes and cosignatures (C2SP signed-note, tlog-cosignature)', () => {
  it('verifies and reproduces the Go signed-note example byte for byte', async () => {
    const key = await parseVerifierKey(notes.note.verifierKey, importNodeEd25519);
    const note = parseNote(notes.note.signed);
    expect(note.text).toBe(notes.note.text);
    expect(await checkNoteSignatures(note, [key])).toEqual([{ key, valid: true }]);
    const tampered = parseNote(notes.note.signed.replace('cryptography', 'cryptographY'));
    expect((await checkNoteSignatures(tampered, [key]))[0]!.valid).toBe(false);
    // The private key: "PRIVATE+KEY+<name>+<id>+base64(0x01 || seed)".
    const seed = fromBase64(notes.note.signerKey.split('+').slice(4).join('+')).subarray(1);
    const signer = { name: 'PeterNeumann', ...pick(nodeSigner(seed)) };
    const line = await signNoteText(notes.note.text, signer);
    expect(formatNote({ text: notes.note.text, signatures: [line] })).toBe(notes.note.signed);
  });

  it('verifies a real witness cosignature and the log signature on a published checkpoint', async () => {
    const log = await parseVerifierKey(notes.cosigned.logKey, importNodeEd25519);
    const witness = await parseVerifierKey(notes.cosigned.witnessKey, importNodeEd25519);
    const opened = await openCheckpoint(notes.cosigned.checkpoint, {
      origin: 'arche2025h1.staging.ct.transparency.dev',
      log,
      witnesses: [witness],
      quorum: 1,
      maxMergeDelay: 60,
    });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.checkpoint.size).toBe(1432088532);
    expect(opened.cosigned).toEqual([{ name: 'remora.n621.de', time: opened.time }]);
    expect(opened.time).toBeGreaterThan(1_700_000_000);
    // One changed digit of the size breaks both signatures.
    const forged = notes.cosigned.checkpoint.replace('1432088532', '1432088533');
    expect((await openCheckpoint(forged, { ...policyOf(log, witness), quorum: 0 })).ok).toBe(false);
  });

  it('cosigns in the format it verifies, and refuses malformed notes', async () => {
    const seed = new Uint8Array(32).fill(3);
    const signer = { name: 'witness.test/w1', ...pick(nodeSigner(seed)) };
    const text = 'log.test/x\n5\nTju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\n';
    const line = await cosignNoteText(text, signer, 1_767_225_600);
    const { formatVerifierKey, SIG_COSIGNATURE_V1 } = await import('../../src/core/log/note.js');
    const key = await parseVerifierKey(
      formatVerifierKey(signer.name, SIG_COSIGNATURE_V1, signer.publicKey),
      importNodeEd25519,
    );
    const checks = await checkNoteSignatures(parseNote(formatNote({ text, signatures: [line] })), [key]);
    expect(checks).toEqual([{ key, valid: true, time: 1_767_225_600 }]);
    expect(parseCheckpoint(text).size).toBe(5);
    for (const bad of [
      'no newline',
      'a\n\n— x AAAA\n',
      'a\nb\n\n— x+y AAAAAAAAAAAA\n',
      'a\tb\n\n— x AAAAAAAAAAAA\n',
    ])
      expect(() => parseNote(bad), JSON.stringify(bad)).toThrow();
    expect(() => parseCheckpoint('o\n01\nTju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=\n')).toThrow();
  });
});

function pick(s: { publicKey: Uint8Array; sign(m: Uint8Array): Promise<Uint8Array> }) {
  return { publicKey: s.publicKey, sign: (m: Uint8Array) => s.sign(m) };
}

function policyOf(log: any, witness: any) {
  return {
    origin: 'arche2025h1.staging.ct.transparency.dev',
    log,
    witnesses: [witness],
    quorum: 1,
    maxMergeDelay: 60,
  };
}

describe('the specialised SHA-256 of leaves and nodes', () => {
  it('agrees with @noble/hashes on random inputs', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { leafHash8, nodeHash32 } = await import('../../src/core/log/sha256-fixed.js');
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (e, l, r) => {
          expect(leafHash8(e)).toEqual(sha256(new Uint8Array([0, ...e])));
          expect(nodeHash32(l, r)).toEqual(sha256(new Uint8Array([1, ...l, ...r])));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
