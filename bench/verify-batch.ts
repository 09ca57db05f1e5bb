// 1,000 codes in one POST /api/v1/verify/batch against 1,000 single POST /api/v1/verify requests (8 at a time
// over keep-alive connections), to one real server on 127.0.0.1, in interleaved rounds; median of each and
// their ratio. Usage: npx tsx bench/verify-batch.ts [rounds=5]

import { performance } from 'node:perf_hooks';
import { Agent, request } from 'node:http';
import { listen } from '../src/http/server.js';
import { issuePassport } from '../test/helpers/issue-passport.js';
import { testRegistry } from '../test/helpers/registry.js';

const rounds = Number(process.argv[2] ?? 5);
const N = 1_000;
const r = await testRegistry({
  config: { publicRateLimit: 10_000_000, batchRateLimit: 10_000_000 },
});
const s = await listen(r.deps, { port: 0, hostname: '127.0.0.1' });
const doc = await issuePassport(r);
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function post(path: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () =>
          res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const single = JSON.stringify({ qr: doc.qrText });
const batch = JSON.stringify({ codes: Array.from({ length: N }, () => doc.qrText) });
async function singles(): Promise<number> {
  const t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < N) {
        next++;
        const out = JSON.parse(await post('/api/v1/verify', single)) as { code: string };
        if (out.code !== 'VALID') throw new Error(out.code);
      }
    }),
  );
  return performance.now() - t;
}
async function oneBatch(): Promise<number> {
  const t = performance.now();
  const out = JSON.parse(await post('/api/v1/verify/batch', batch)) as { results: { code: string }[] };
  if (out.results.length !== N || out.results.some((x) => x.code !== 'VALID')) throw new Error('batch');
  return performance.now() - t;
}

await singles(); // warm both paths
await oneBatch();
const a: number[] = [];
const b: number[] = [];
for (let i = 0; i < rounds; i++) {
  if (i % 2) {
    b.push(await oneBatch());
    a.push(await singles());
  } else {
    a.push(await singles());
    b.push(await oneBatch());
  }
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    node: process.version,
    codes: N,
    rounds,
    singlesMs: Math.round(median(a)),
    batchMs: Math.round(median(b)),
    singlesPerSec: Math.round(N / (median(a) / 1000)),
    batchPerSec: Math.round(N / (median(b) / 1000)),
    ratio: Math.round((median(a) / median(b)) * 100) / 100,
  }),
);
agent.destroy();
await new Promise<void>((res) => s.server.close(() => res()));
await r.close();
