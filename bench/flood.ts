// One address floods the public endpoints with what costs the service most and earns nothing: 2 MB batch
// bodies that are not codes, 2 MB nested bodies, and made-up API keys (issue 21). Meanwhile an official at
// another address fetches /trust-list and /healthz. Reported: their p50 and p99 without and with the flood,
// in the same run, and how the flooder was answered (it must be 429 for most of it).
//
// Usage: npx tsx bench/flood.ts [SECONDS=10] [FLOODERS=8]
// The service runs as its own process in development mode (as `npm start`), on 127.0.0.1; the flooder's
// connections come from 127.0.0.2 and the official's from 127.0.0.1 (Linux routes all of 127/8 locally).

import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const SECONDS = Number(process.argv[2] ?? 10);
const FLOODERS = Number(process.argv[3] ?? 8);
const ROOT = join(import.meta.dirname, '..');

interface Reply {
  status: number;
  ms: number;
}

function send(
  port: number,
  method: string,
  path: string,
  opts: { body?: string | Buffer; headers?: Record<string, string>; from?: string } = {},
): Promise<Reply> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: opts.from ?? '127.0.0.1',
        agent: false,
        headers: {
          ...(opts.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(opts.body)) }
            : {}),
          ...opts.headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - start }));
    req.end(opts.body);
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/**
 * The official's view: the two endpoints fetched every 40 ms for `seconds` (within the trust list's own
 * budget of 6,000 a minute, so that what is measured is the flood's effect, not the official's own limit).
 */
async function official(port: number, seconds: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = { '/trust-list': [], '/healthz': [] };
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const next = Date.now() + 40;
    for (const path of Object.keys(out)) {
      const r = await send(port, 'GET', path);
      if (r.status === 200) out[path]!.push(r.ms);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
  }
  return out;
}

const FLAT = Buffer.from(JSON.stringify({ codes: 'x'.repeat(2 * 1024 * 1024 - 20) }));
const NESTED = Buffer.from(`{"codes":${'['.repeat(1024 * 1024 - 10)}${']'.repeat(1024 * 1024 - 10)}}`);

async function flooder(port: number, until: number, i: number, tally: Map<number, number>): Promise<void> {
  while (Date.now() < until) {
    const kind = i % 3;
    const r =
      kind === 0
        ? await send(port, 'POST', '/api/v1/verify/batch', { body: FLAT, from: '127.0.0.2' })
        : kind === 1
          ? await send(port, 'POST', '/api/v1/verify/batch', { body: NESTED, from: '127.0.0.2' })
          : await send(port, 'POST', '/api/v1/verify', {
              body: '{"qr":"NB2:x"}',
              from: '127.0.0.2',
              headers: { 'x-api-key': `nbr_ik_${randomBytes(32).toString('base64url')}` },
            });
    tally.set(r.status, (tally.get(r.status) ?? 0) + 1);
  }
}

/** The flooders, in a process of their own so that their work does not slow the official's client. */
async function floodProcess(port: number): Promise<void> {
  const tally = new Map<number, number>();
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(Array.from({ length: FLOODERS }, (_, i) => flooder(port, until, i, tally)));
  process.stdout.write(JSON.stringify([...tally]));
}

async function main(): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), 'nbr-bench-flood-'));
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NBR_DATA_DIR: data, PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${log}`)), 60_000);
    proc.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  try {
    await official(port, 1); // warm
    const quiet = await official(port, SECONDS);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'bench', 'flood.ts'), String(SECONDS), String(FLOODERS), String(port)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the child's start (tsx)
    const flooded = await official(port, SECONDS - 2);
    await done;
    const tally = new Map<number, number>(JSON.parse(out) as [number, number][]);
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    const limited = tally.get(429) ?? 0;
    console.log(
      `flood: ${FLOODERS} connections from 127.0.0.2 for ${SECONDS} s (2 MB junk, 2 MB nested, made-up keys)`,
    );
    console.log('endpoint      quiet p50  quiet p99  flood p50  flood p99  p99 ratio  answers (quiet/flood)');
    for (const path of ['/trust-list', '/healthz']) {
      const q = quiet[path]!;
      const f = flooded[path]!;
      const row = [quantile(q, 0.5), quantile(q, 0.99), quantile(f, 0.5), quantile(f, 0.99)];
      console.log(
        `${path.padEnd(13)} ${row.map((x) => `${x.toFixed(1)} ms`.padStart(9)).join('  ')}  ` +
          `${(row[3]! / row[1]!).toFixed(2).padStart(8)}x  ${q.length}/${f.length}`,
      );
      if (q.length < 5) throw new Error(`too few answers for ${path} without the flood: ${q.length}`);
    }
    console.log(
      `flooder answered: ${[...tally].map(([s, n]) => `${s}: ${n}`).join(', ')} ` +
        `(${((100 * limited) / Math.max(1, total)).toFixed(0)}% 429)`,
    );
    if (limited === 0) throw new Error('the flooding address was never limited');
  } finally {
    proc.kill('SIGKILL');
  }
}

if (process.argv[4]) await floodProcess(Number(process.argv[4]));
else await main();
