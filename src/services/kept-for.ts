// One value kept for a while: what several callers poll (healthz, the status list's fill) is computed at most
// once per period, and callers in the same period share the computation.

/**
 * The result of `compute`, kept for `ms` of `elapsed` time (monotonic milliseconds). A computation that fails
 * is not kept: the next call tries again (a database that was down).
 */
export function keptFor<T>(
  ms: number,
  compute: () => Promise<T>,
  elapsed: () => number = () => performance.now(),
): () => Promise<T> {
  let last: { at: number; value: Promise<T> } | undefined;
  return () => {
    const t = elapsed();
    if (!last || t - last.at >= ms) {
      const entry = { at: t, value: compute() };
      entry.value.catch(() => {
        if (last === entry) last = undefined;
      });
      last = entry;
    }
    return last.value;
  };
}
