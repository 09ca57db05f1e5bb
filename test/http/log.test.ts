// The server's log lines (src/http/log.ts): one JSON object per line, the access line written by hand.
import { describe, expect, it } from 'vitest';
import { requestLoggers } from '../../src/http/log.js';

describe('request log lines', () => {
  it('are JSON with the time, the route pattern, the status and the duration only', () => {
    const lines: string[] = [];
    let t = Date.parse('2026-12-01T09:00:00.123Z');
    const { accessLog, errorLog } = requestLoggers(
      (l) => lines.push(l),
      () => t,
    );
    accessLog({ method: 'POST', route: '/api/v1/verify', status: 200, ms: 0.4 });
    t += 1;
    accessLog({ method: 'GET', route: '/api/v1/applicants/:id', status: 404, ms: 12 });
    errorLog({ code: 'INTERNAL', route: '/api/v1/verify', error: new RangeError('contains Навіцкая') });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { t: '2026-12-01T09:00:00.123Z', method: 'POST', route: '/api/v1/verify', status: 200, ms: 0.4 },
      { t: '2026-12-01T09:00:00.124Z', method: 'GET', route: '/api/v1/applicants/:id', status: 404, ms: 12 },
      // The error's class only: messages may carry personal data.
      {
        t: '2026-12-01T09:00:00.124Z',
        level: 'error',
        code: 'INTERNAL',
        route: '/api/v1/verify',
        error: 'RangeError',
      },
    ]);
  });
});

describe('bufferedLog', () => {
  it('writes whole lines in order, in batches, and never splits or drops a line', async () => {
    const { bufferedLog } = await import('../../src/http/log.js');
    const { PassThrough } = await import('node:stream');
    const out = new PassThrough();
    let text = '';
    let writes = 0;
    out.on('data', (d: Buffer) => {
      text += d.toString('utf8');
      writes++;
    });
    const log = bufferedLog(out, 256);
    const lines = Array.from({ length: 50 }, (_, i) => `{"n":${i},"name":"Навіцкая"}`);
    lines.push('x'.repeat(1000)); // larger than the buffer: written on its own
    lines.push('after');
    for (const l of lines) log(l);
    await new Promise((r) => setTimeout(r, 150));
    expect(text).toBe(lines.map((l) => `${l}\n`).join(''));
    expect(writes).toBeGreaterThan(1);
    expect(writes).toBeLessThan(lines.length);
  });
});

describe('log timestamps', () => {
  it('match Date.toISOString to the millisecond, across second boundaries', async () => {
    const { requestLoggers } = await import('../../src/http/log.js');
    const start = Date.parse('2026-12-31T23:59:59.990Z');
    const times = [
      start,
      start + 5,
      start + 9,
      start + 10,
      start + 11,
      start + 110,
      start + 1001,
      Date.parse('2027-01-01T00:00:00.000Z'),
      start,
    ];
    let t = 0;
    const lines: string[] = [];
    const { accessLog } = requestLoggers(
      (l) => lines.push(l),
      () => t,
    );
    for (t of times) accessLog({ method: 'GET', route: '/', status: 200, ms: 1 });
    expect(lines.map((l) => JSON.parse(l).t)).toEqual(times.map((x) => new Date(x).toISOString()));
  });
});
