// Requests per second and p99 latency of POST /api/v1/verify under load from a second process (autocannon),
// against a bare node:http server doing the same decoding and signature check, in the same run (and a second
// bare server running the whole verifier core, to separate framework cost from verification work); then the
// gain from using both cores (signature checks on the libuv pool, and node:cluster with 2 workers).
// Usage: npx tsx bench/verify-http.ts [seconds-per-round=3] [connections=32] [rounds=9]
//   BENCH_ONLY=<regular expression> measures only the servers whose names match (and the ceiling);
//   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes flags to the servers (how the profiles in
//   docs/benchmarks.md were taken).
// The machine is shared and its speed drifts by ±10% within seconds (docs/benchmarks.md): rounds are short,
// interleaved and many, and the figures are medians. bench/verify-instructions.ts gives the noise-free view.

import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { prepareBench } from './verify-setup.js';

const seconds = Number(process.argv[2] ?? 3);
const connections = Number(process.argv[3] ?? 32);
const rounds = Number(process.argv[4] ?? 9);
const setting = await prepareBench();

/** CPU time (user + system) a process and its children have used, microseconds, from /proc (Linux). */
function cpuMicros(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * (1e6 / 100); // utime, stime in clock ticks (USER_HZ 100)
      for (const child of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').split(' ').filter(Boolean))
        visit(Number(child));
    } catch {
      // the process ended
    }
  };
  visit(pid);
  return total;
}

interface Round {
  rps: number;
  p99: number;
  errors: number;
  cpuPerRequest: number;
}

async function load(url: string, pid: number, duration: number): Promise<Round> {
  const cpuBefore = cpuMicros(pid);
  // autocannon runs in this process: the second process, beside the server's.
  const result = await autocannon({
    url,
    connections,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: setting.body,
  });
  const cpu = cpuMicros(pid) - cpuBefore;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : undefined;
const specs = setting.servers.filter((s, i) => i === 0 || !only || only.test(s.name));
const servers = specs.map((spec, i) => {
  const port = 18080 + i;
  return {
    spec,
    url: `http://127.0.0.1:${port}${spec.path}`,
    process: setting.start(spec, port),
    rounds: [] as Round[],
  };
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  for (const s of servers) await setting.waitFor(s.url);
  for (const s of servers) await load(s.url, s.process.pid!, 3); // warm-up (JIT), discarded
  // Interleaved rounds, the order rotating each round: a slow spell of the machine then falls on every server
  // alike, and each round's ratio compares measurements taken seconds apart.
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < servers.length; k++) {
      const s = servers[(k + r) % servers.length]!;
      s.rounds.push(await load(s.url, s.process.pid!, seconds));
    }
  }
} finally {
  for (const s of servers) s.process.kill('SIGTERM');
}

const bare = servers[0]!;
const ratios = (s: (typeof servers)[number], f: (x: Round) => number, invert = false) =>
  s.rounds.map((x, i) => (invert ? f(bare.rounds[i]!) / f(x) : f(x) / f(bare.rounds[i]!)));
console.log(
  JSON.stringify(
    {
      node: process.version,
      seconds,
      connections,
      rounds,
      results: servers.map((s) => ({
        name: s.spec.name,
        rps: Math.round(median(s.rounds.map((x) => x.rps))),
        p99: median(s.rounds.map((x) => x.p99)),
        errors: s.rounds.reduce((n, x) => n + x.errors, 0),
        // Median over rounds of (this server / the ceiling in the same round).
        ratioToBare: Number(median(ratios(s, (x) => x.rps)).toFixed(3)),
        ratiosPerRound: ratios(s, (x) => x.rps).map((x) => Number(x.toFixed(2))),
        // CPU microseconds the server process(es) spent per request, and the ceiling's as a share of it.
        cpuMicrosPerRequest: Math.round(median(s.rounds.map((x) => x.cpuPerRequest))),
        cpuRatioToBare: Number(median(ratios(s, (x) => x.cpuPerRequest, true)).toFixed(3)),
      })),
    },
    null,
    2,
  ),
);
