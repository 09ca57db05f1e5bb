// Instructions per request of POST /api/v1/verify against the bare servers, counted by valgrind's callgrind:
// the same servers and request as bench/verify-http.ts, but a count that does not depend on what else the
// shared machine is doing (repeatable to about 1%), where req/s drift by ±10% from one second to the next.
// It counts user-space instructions of the server process (Node, V8's generated code, OpenSSL); the kernel's
// share of a request (socket reads and writes, about the same for all servers) is not in it.
// Usage: npx tsx bench/verify-instructions.ts [requests=1500] [repetitions=5]
//   BENCH_ONLY=<regular expression> as in bench/verify-http.ts
// Needs valgrind (Debian package valgrind). Slow: each server runs about 50 times slower under it.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { prepareBench } from './verify-setup.js';

const requests = Number(process.argv[2] ?? 1500);
const repetitions = Number(process.argv[3] ?? 5);
const setting = await prepareBench();
const out = mkdtempSync(join(tmpdir(), 'nbr-callgrind-'));

async function send(url: string, amount: number): Promise<number> {
  const result = await autocannon({
    url,
    connections: 8,
    amount,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: setting.body,
    timeout: 120,
  });
  if (result.errors + result.non2xx > 0)
    throw new Error(`${result.errors + result.non2xx} failed requests against ${url}`);
  return result.requests.total;
}

/** Total instructions (Ir) in the newest callgrind dump of a process. */
function lastDumpTotal(pid: number): number {
  const dumps = readdirSync(out)
    .filter((f) => f.startsWith(`cg.${pid}.`))
    .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
  const text = readFileSync(join(out, dumps.at(-1)!), 'utf8');
  const m = /^totals: (\d+)/m.exec(text) ?? /^summary: (\d+)/m.exec(text);
  if (!m) throw new Error('no totals in the callgrind dump');
  return Number(m[1]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const measured: { name: string; perRequest: number[] }[] = [];
// The pool and cluster variants spread work over threads and processes: counting one process says nothing.
const only = process.env.BENCH_ONLY
  ? new RegExp(process.env.BENCH_ONLY)
  : /^(bare|registry, 1 process, signatures on the event loop)/;
for (const [i, spec] of setting.servers.filter((s, i) => i === 0 || only.test(s.name)).entries()) {
  const port = 18180 + i;
  const child = setting.start(spec, port, [
    'valgrind',
    '--tool=callgrind',
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(out, 'cg.%p')}`,
  ]);
  const pid = child.pid!;
  try {
    const url = `http://127.0.0.1:${port}${spec.path}`;
    await setting.waitFor(url, 600);
    await send(url, 2 * requests); // warm-up: JIT tiers compile in background threads, which callgrind counts
    const perRequest: number[] = [];
    for (let r = 0; r < repetitions; r++) {
      execFileSync('callgrind_control', ['--zero', String(pid)], { stdio: 'ignore' });
      const n = await send(url, requests);
      execFileSync('callgrind_control', ['--dump', String(pid)], { stdio: 'ignore' });
      perRequest.push(lastDumpTotal(pid) / n);
    }
    measured.push({ name: spec.name, perRequest });
    process.stderr.write(
      `${spec.name}: ${perRequest.map((x) => Math.round(x)).join(', ')} instructions per request\n`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('close', r));
  }
}

const bare = median(measured[0]!.perRequest);
console.log(
  JSON.stringify(
    {
      node: process.version,
      requests,
      repetitions,
      results: measured.map((m) => ({
        name: m.name,
        instructionsPerRequest: Math.round(median(m.perRequest)),
        spread: Number(
          ((Math.max(...m.perRequest) - Math.min(...m.perRequest)) / median(m.perRequest)).toFixed(3),
        ),
        // The ceiling's instructions as a share of this server's: the throughput ratio one core would give if
        // instructions were all that counted.
        ratioToBare: Number((bare / median(m.perRequest)).toFixed(3)),
      })),
    },
    null,
    2,
  ),
);
