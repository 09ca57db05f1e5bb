// Progress of long work (a migration over every row, a rotation, a backup of a million documents): on a
// terminal one line on standard error is rewritten with done/total, the rate and the time left; otherwise
// one summary line at the end; with --quiet nothing. Standard output, which scripts read, is never touched.

import type { CliContext } from './context.js';

export interface Progress {
  update(what: string, done: number, total: number): void;
  finish(summary: string): void;
}

const duration = (s: number) =>
  !Number.isFinite(s)
    ? '?'
    : s < 90
      ? `${Math.ceil(s)} s`
      : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;

export function progress(
  ctx: CliContext,
  quiet: boolean,
  now: () => number = () => performance.now(),
): Progress {
  const started = now();
  let last = 0;
  return {
    update(what, done, total) {
      if (quiet || !ctx.status) return;
      const t = now();
      // At most ten redraws a second: a terminal is slow next to a batch of rows.
      if (t - last < 100 && done < total) return;
      last = t;
      const rate = done / Math.max(0.001, (t - started) / 1000);
      const left = total > done ? (total - done) / rate : 0;
      ctx.status(`${what}: ${done}/${total} (${Math.round(rate)}/s, ${duration(left)} left)`);
    },
    finish(summary) {
      if (quiet) return;
      if (ctx.status) ctx.status('');
      ctx.err(`${summary} in ${duration((now() - started) / 1000)}`);
    },
  };
}
