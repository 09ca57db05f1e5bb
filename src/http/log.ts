// Log lines for the server: JSON, one per line, buffered. Only the route pattern, method, status and duration
// of a request are logged (never paths with ids, query strings, bodies or names; test/http/public.test.ts).

import type { ErrorLogger } from './errors.js';

/** One access log line: the route pattern, never the path (no ids, no query strings). */
export interface AccessLogEntry {
  method: string;
  route: string;
  status: number;
  ms: number;
}

/**
 * Lines are buffered and written at most every 100 ms: one write per request was a tenth of the CPU time of a
 * verification under load (bench/verify-http.ts). The buffer is bytes outside the JS heap, so that lines
 * waiting for the flush are not strings surviving collections (promoted, then swept by full collections).
 */
export function bufferedLog(stream: NodeJS.WritableStream, size = 64 * 1024): (line: string) => void {
  let buffer = Buffer.allocUnsafe(size);
  let used = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer); // a flush because the buffer filled makes the pending one pointless
    timer = undefined;
    if (used === 0) return;
    stream.write(buffer.subarray(0, used));
    buffer = Buffer.allocUnsafe(size); // the stream may still hold the old one
    used = 0;
  };
  process.on('exit', flush);
  return (line) => {
    // A line that does not fit (3 bytes per UTF-16 unit at most, plus the newline) goes after a flush, or alone.
    if (used + line.length * 3 + 1 > size) flush();
    if (line.length * 3 + 1 > size) {
      stream.write(`${line}\n`);
      return;
    }
    used += buffer.write(line, used, 'utf8');
    buffer[used++] = 0x0a;
    timer ??= setTimeout(flush, 100).unref();
  };
}

/**
 * ISO timestamps: the date and time up to the second are formatted once a second (Date's formatting is slow,
 * and under load every request logs), the milliseconds appended.
 */
function timestamps(now: () => number): () => string {
  let second = NaN;
  let prefix = '';
  return () => {
    const ms = now();
    const s = Math.floor(ms / 1000);
    if (s !== second) {
      second = s;
      prefix = new Date(s * 1000).toISOString().slice(0, 20); // "2026-12-01T09:00:00."
    }
    const frac = ms - s * 1000;
    return `${prefix}${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}Z`;
  };
}

export function requestLoggers(
  write: (line: string) => void,
  now: () => number = Date.now,
): { accessLog: (e: AccessLogEntry) => void; errorLog: ErrorLogger } {
  const t = timestamps(now);
  return {
    // Written by hand rather than JSON.stringify({...}): it runs for every request.
    accessLog: (e) =>
      write(
        `{"t":"${t()}","method":${JSON.stringify(e.method)},"route":${JSON.stringify(e.route)},"status":${e.status},"ms":${e.ms}}`,
      ),
    errorLog: (e) =>
      write(
        JSON.stringify({
          t: t(),
          level: 'error',
          code: e.code,
          route: e.route,
          error: (e.error as Error)?.name,
        }),
      ),
  };
}
