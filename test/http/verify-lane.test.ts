// The Node server's direct lane for POST /api/v1/verify (src/http/node-listener.ts) against the Hono route
// it bypasses: over a real socket, every kind of answer must match what app.request() gets through Hono,
// headers included, and both ways must draw on one rate-limit budget.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AccessLogEntry } from '../../src/http/app.js';
import { listen } from '../../src/http/server.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, testRegistry, type TestRegistry } from '../helpers/registry.js';

const JSON_TYPE = { 'content-type': 'application/json' };
let r: TestRegistry;
let base: string;
let close: () => Promise<void>;
let app: Awaited<ReturnType<typeof listen>>['app'];
const log: AccessLogEntry[] = [];
let qr: string;

beforeAll(async () => {
  r = await testRegistry();
  qr = (await issuePassport(r)).qrText;
  const started = await listen(r.deps, { port: 0, hostname: '127.0.0.1', accessLog: (e) => log.push(e) });
  base = `http://127.0.0.1:${started.port}`;
  app = started.app;
  close = () => new Promise((res) => started.server.close(() => res()));
});
afterAll(async () => {
  await close();
  await r.close();
});

/** Raw HTTP/1.1 over the socket: a body given as chunks goes out chunked, without Content-Length. */
function post(
  path: string,
  body: string | string[],
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const chunked = Array.isArray(body);
    const req = request(
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers as Record<string, string>, text }),
        );
      },
    );
    req.on('error', reject);
    if (chunked) for (const part of body) req.write(part);
    else req.write(body);
    req.end();
  });
}

/** The headers that describe the answer (not the connection). */
function answerHeaders(h: Record<string, string> | Headers): Record<string, string> {
  const entries = h instanceof Headers ? [...h.entries()] : Object.entries(h);
  const skip = new Set([
    'date',
    'connection',
    'keep-alive',
    'content-length',
    'transfer-encoding',
    'ratelimit-remaining',
  ]);
  return Object.fromEntries(
    entries.filter(([k]) => !skip.has(k.toLowerCase())).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
}

describe('the verification lane', () => {
  const cases: [string, string][] = [
    ['valid', JSON.stringify({ qr })],
    ['tampered', JSON.stringify({ qr: 'NB1:' + 'A'.repeat(30) })],
    ['not JSON', '{"qr":'],
    ['wrong shape', JSON.stringify({ qr: 42 })],
    ['too long for a QR', JSON.stringify({ qr: 'A'.repeat(9000) })],
  ];
  for (const [name, body] of cases) {
    it(`answers like the Hono route: ${name}`, async () => {
      const lane = await post('/api/v1/verify', body);
      const hono = await api(app)('POST', '/api/v1/verify', body);
      expect(lane.status).toBe(hono.status);
      expect(JSON.parse(lane.text)).toEqual(hono.json);
      expect(answerHeaders(lane.headers)).toEqual(answerHeaders(hono.headers));
      expect(lane.headers['access-control-allow-origin']).toBe('*');
      expect(lane.headers['cache-control']).toBe('no-store');
    });
  }

  it('gives a valid document VALID over the socket, and the same through the Hono route (query string)', async () => {
    expect(JSON.parse((await post('/api/v1/verify', JSON.stringify({ qr }))).text).code).toBe('VALID');
    expect(JSON.parse((await post('/api/v1/verify?lang=de', JSON.stringify({ qr }))).text).code).toBe(
      'VALID',
    );
    // What a keyboard-wedge barcode scanner sends: the code and CR/LF (or stray spaces).
    expect(JSON.parse((await post('/api/v1/verify', JSON.stringify({ qr: ` ${qr}\r\n` }))).text).code).toBe(
      'VALID',
    );
  });

  it('refuses oversized bodies with 413, declared or streamed without a length', async () => {
    const big = JSON.stringify({ qr: 'A'.repeat(70_000) });
    const declared = await post('/api/v1/verify', big);
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text).error.code).toBe('PAYLOAD_TOO_LARGE');
    const streamed = await post('/api/v1/verify', [
      '{"qr":"',
      ...Array.from({ length: 20 }, () => 'A'.repeat(4096)),
      '"}',
    ]);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).error.code).toBe('PAYLOAD_TOO_LARGE');
    // The server is still there for the next request.
    expect((await post('/api/v1/verify', JSON.stringify({ qr }))).status).toBe(200);
  });

  it('logs the route pattern and status only', async () => {
    log.length = 0;
    await post('/api/v1/verify', JSON.stringify({ qr }));
    expect(log).toEqual([{ method: 'POST', route: '/api/v1/verify', status: 200, ms: expect.any(Number) }]);
    expect(JSON.stringify(log)).not.toContain(qr.slice(4, 20));
  });
});

describe('when the status list cannot be had', () => {
  it('answers STATUS_UNAVAILABLE, never VALID and never a 500, and logs the failure without the input', async () => {
    const errors: { code: string; route: string }[] = [];
    const broken = { invalidate: () => undefined, current: () => Promise.reject(new Error('database down')) };
    const res = await api(
      createApp(r.deps, {
        statusList: broken,
        errorLog: (e) => errors.push({ code: e.code, route: e.route }),
      }),
    )('POST', '/api/v1/verify', { qr });
    expect(res.status).toBe(200);
    expect(res.json.valid).toBe(false);
    expect(res.json.code).toBe('STATUS_UNAVAILABLE');
    // The signature held: the data is there to compare, next to a red verdict.
    expect(res.json.document.type).toBe('passport');
    expect(errors).toEqual([{ code: 'INTERNAL', route: '/api/v1/verify' }]);
  });
});

describe('one rate-limit budget for both ways in', () => {
  it('counts lane calls against the address, apart from the trust material', async () => {
    const limited = await testRegistry({ config: { publicRateLimit: 4 }, staff: false });
    const s = await listen(limited.deps, { port: 0, hostname: '127.0.0.1' });
    try {
      const url = `http://127.0.0.1:${s.port}`;
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await fetch(`${url}/api/v1/verify`, { method: 'POST', headers: JSON_TYPE, body: '{"qr":"NB1:"}' }))
            .status,
        );
      const over = await fetch(`${url}/api/v1/verify`, {
        method: 'POST',
        headers: JSON_TYPE,
        body: '{"qr":"NB1:"}',
      });
      statuses.push(over.status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      expect(((await over.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await fetch(`${url}/trust-list`)).status).toBe(200); // its own budget (issue 15)
    } finally {
      await new Promise<void>((res) => s.server.close(() => res()));
      await limited.close();
    }
  });
});
