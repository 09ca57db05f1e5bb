// The transparency log's costs (issue 9). Usage: npx tsx bench/log.ts [issued=300] [logSize=1000000]
//  1. Issuance with the log against without it, interleaved rounds on one SQLite file (goal >= 0.9).
//  2. A verifier's sync of a log of `logSize` documents from empty, then after 1,000 more, in Debian's
//     Chromium and in Node, from a mirror served on 127.0.0.1: time and bytes (goals: <= 12 MB, KB, < 10 s).
//  3. verify() with the membership check against without it (requireLog: false) (goal >= 0.9).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { formatCheckpoint } from '../src/core/log/checkpoint.js';
import { LogCopy } from '../src/core/log/copy.js';
import { leafHash, treeRoot } from '../src/core/log/merkle.js';
import {
  formatNote,
  formatVerifierKey,
  parseVerifierKey,
  SIG_ED25519,
  signNoteText,
} from '../src/core/log/note.js';
import {
  appendToTiles,
  encodeBundle,
  parseTilePath,
  TILE_WIDTH,
  tileHashReader,
} from '../src/core/log/tiles.js';
import { verify } from '../src/core/verify.js';
import { importNodeEd25519, nodeSigner } from '../src/crypto/ed25519-node.js';
import { issueDocument } from '../src/services/registry/issuance.js';
import { launch } from '../test/helpers/browser.js';
import { benchDesk } from './desk.js';
import { vectorTrust, documentVectors, seconds } from '../test/helpers/vectors.js';

const issued = Number(process.argv[2] ?? 300);
const logSize = Number(process.argv[3] ?? 1_000_000);
const out: Record<string, unknown> = { node: process.version };

// ---------------------------------------------------------------- 1. issuance
{
  const { r, clerk, approved } = await benchDesk();
  const rounds = 8;
  const withLog: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? ['with', 'without'] : ['without', 'with']) {
      const ids = await approved(issued / rounds);
      const t = performance.now();
      for (const id of ids)
        await issueDocument(r.deps, clerk, id, mode === 'with' ? undefined : { withoutLog: true });
      (mode === 'with' ? withLog : without).push(ids.length / ((performance.now() - t) / 1000));
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  out.issuance = {
    documents: issued,
    withLogPerSec: Math.round(sum(withLog) / rounds),
    withoutLogPerSec: Math.round(sum(without) / rounds),
    ratio: Number((sum(withLog) / sum(without)).toFixed(3)),
  };
  await r.close();
}

// ---------------------------------------------------------------- 2. sync of a large log
{
  const origin = 'bench.log/registry';
  const signer = nodeSigner(new Uint8Array(32).fill(5));
  const noteSigner = { name: origin, publicKey: signer.publicKey, sign: (m: Uint8Array) => signer.sign(m) };
  const vkey = formatVerifierKey(origin, SIG_ED25519, signer.publicKey);
  const entries: Uint8Array[] = [];
  const tiles = new Map<string, Uint8Array>();
  let checkpoint = '';
  const grow = async (n: number) => {
    const fresh = Array.from({ length: n }, () => new Uint8Array(randomBytes(8)));
    appendToTiles(tiles, entries.length, fresh.map(leafHash));
    for (const e of fresh) entries.push(e);
    const root = await treeRoot(
      tileHashReader((l, i) => tiles.get(`${l}/${i}`)),
      entries.length,
    );
    const text = formatCheckpoint({ origin, size: entries.length, root, extensions: [] });
    checkpoint = formatNote({ text, signatures: [await signNoteText(text, noteSigner)] });
  };
  const t0 = performance.now();
  await grow(logSize);
  const buildSeconds = (performance.now() - t0) / 1000;
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'log-sync-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    minify: true,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end(`<!doctype html><meta charset="utf-8"><script>${script}</script>`);
    }
    if (path === '/log/checkpoint') return res.end(checkpoint);
    const ref = parseTilePath(path.slice('/log/'.length));
    if (ref?.level === 'entries') {
      const first = ref.index * TILE_WIDTH;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      return res.end(encodeBundle(entries.slice(first, first + ref.width)));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await launch();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/?origin=${encodeURIComponent(origin)}&vkey=${encodeURIComponent(vkey)}`);
  const fromEmpty = await page.evaluate(() => window.syncLog());
  const hashMs = await page.evaluate((n) => window.hashOnly(n), logSize);
  // Node, the same code (nbr log sync without the disk writes).
  const policy = {
    origin,
    log: await parseVerifierKey(vkey, importNodeEd25519),
    witnesses: [],
    quorum: 0,
    maxMergeDelay: 300,
  };
  const fetchLog = async (p: string) => new Uint8Array(await (await fetch(`${base}/log/${p}`)).arrayBuffer());
  let t = performance.now();
  const node = await LogCopy.sync(undefined, policy, fetchLog);
  const nodeMs = performance.now() - t;
  if (!node.ok) throw new Error(node.message);
  await grow(1_000);
  const increment = await page.evaluate(() => window.syncLog());
  t = performance.now();
  const nodeInc = await LogCopy.sync(node.copy, policy, fetchLog);
  const nodeIncMs = performance.now() - t;
  await browser.close();
  server.close();
  out.sync = {
    logSize,
    buildTreeSeconds: Number(buildSeconds.toFixed(1)),
    chromiumFromEmpty: {
      seconds: Number((fromEmpty.ms / 1000).toFixed(2)),
      megabytes: Number((fromEmpty.bytes / 1e6).toFixed(2)),
    },
    chromiumHashingAloneSeconds: Number((hashMs / 1000).toFixed(2)),
    chromiumAfter1000More: {
      seconds: Number((increment.ms / 1000).toFixed(3)),
      kilobytes: Number((increment.bytes / 1e3).toFixed(1)),
    },
    nodeFromEmptySeconds: Number((nodeMs / 1000).toFixed(2)),
    nodeAfter1000MoreSeconds: Number((nodeIncMs / 1000).toFixed(3)),
    storedCopyMegabytes: Number((((logSize + 1000) * 8) / 1e6).toFixed(2)),
    incrementOk: nodeInc.ok,
  };
}

// ---------------------------------------------------------------- 3. verify cost of the membership check
{
  const material = await vectorTrust(importNodeEd25519);
  const v = documentVectors().find((x) => x.name === 'valid-passport')!;
  const now = seconds(v.validationTime);
  const base = { trust: material.trust, status: material.status, documentTypes: material.documentTypes, now };
  const time = async (opts: Parameters<typeof verify>[1], n: number) => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await verify(v.qr, opts);
    return n / ((performance.now() - t) / 1000);
  };
  const withLog: number[] = [];
  const without: number[] = [];
  for (let round = 0; round < 6; round++) {
    without.push(await time({ ...base, requireLog: false }, 3000));
    withLog.push(await time({ ...base, log: material.log }, 3000));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  out.verify = {
    withoutLogPerSec: Math.round(median(without)),
    withLogPerSec: Math.round(median(withLog)),
    ratio: Number((median(withLog) / median(without)).toFixed(3)),
  };
}

console.log(JSON.stringify(out, null, 2));
process.exit(0);
