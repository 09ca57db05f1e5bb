// What an integrator can count on from POST /api/v1/verify (issue 24, item 14): a body declared as anything
// but JSON gets 415 UNSUPPORTED_MEDIA_TYPE, as the OpenAPI document says, on both ways in (the Hono route and
// the Node server's direct lane); and every answer carries the same fields whatever its code, REVOKED included.

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/http/server.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { testRegistry, type TestRegistry } from '../helpers/registry.js';
import { revokeAsTwo } from '../helpers/revoke.js';

let r: TestRegistry;
let base: string;
let close: () => Promise<void>;
/** The listening server's own app: a revocation through it is seen by its lane at once (r.app is another
 * instance, whose revocations the server notices within a second, by design). */
let served: TestRegistry['app'];

beforeAll(async () => {
  r = await testRegistry();
  const started = await listen(r.deps, { port: 0, hostname: '127.0.0.1' });
  base = `http://127.0.0.1:${started.port}`;
  served = started.app as TestRegistry['app'];
  close = () => new Promise((res) => started.server.close(() => res()));
});
afterAll(async () => {
  await close();
  await r.close();
});

function post(body: string, contentType?: string): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/v1/verify`,
      {
        method: 'POST',
        headers: {
          ...(contentType ? { 'content-type': contentType } : {}),
          'content-length': String(Buffer.byteLength(body)),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('POST /api/v1/verify', () => {
  it.each([
    ['text/plain', 'NB2:...'],
    ['application/x-www-form-urlencoded', 'qr=NB2%3A'],
    ['text/plain; charset=utf-8', '{"qr":"NB2:"}'],
  ])('answers 415 UNSUPPORTED_MEDIA_TYPE to a %s body, on both ways in', async (type, body) => {
    const lane = await post(body, type);
    expect(lane.status).toBe(415);
    expect(lane.json.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const route = await r.app.request('/api/v1/verify', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(route.status).toBe(415);
    expect(await route.json()).toEqual(lane.json);
  });

  it('takes application/json with a charset, and a body with no Content-Type', async () => {
    expect((await post('{"qr":"NB2:x"}', 'application/json; charset=utf-8')).status).toBe(200);
    expect((await post('{"qr":"NB2:x"}')).status).toBe(200);
  });

  it('gives every answer the same fields, REVOKED and MALFORMED as VALID', async () => {
    const valid = await issuePassport(r);
    const revoked = await issuePassport(r, {
      surname: 'Адкліканая',
      givenNames: 'Ала',
      sex: 'F',
      birthDate: '1980-01-01',
    });
    expect((await revokeAsTwo(served, revoked.id, { reason: 'lost' })).status).toBe(200);
    const answers = {
      valid: (await post(JSON.stringify({ qr: valid.qrText }), 'application/json')).json,
      revoked: (await post(JSON.stringify({ qr: revoked.qrText }), 'application/json')).json,
      malformed: (await post(JSON.stringify({ qr: 'NB2:???' }), 'application/json')).json,
    };
    expect(answers.valid).toMatchObject({ code: 'VALID', revocationChecked: true, registered: true });
    expect(answers.revoked).toMatchObject({ code: 'REVOKED', revocationChecked: true, registered: false });
    expect(answers.malformed).toMatchObject({ revocationChecked: false, registered: false });
    for (const a of Object.values(answers))
      for (const k of ['valid', 'code', 'message', 'revocationChecked', 'registered', 'freshness'])
        expect(a, k).toHaveProperty(k);
  });
});
