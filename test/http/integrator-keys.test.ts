// Integrator API keys: a cabinet admin creates one (shown once, stored as a hash); verifications that carry
// it in X-Api-Key spend the key's budget, not the address's, in single and batch verification, through the
// Hono route and the Node server's direct lane alike; an unknown or revoked key is 401, never anonymous;
// other roles cannot create keys; creation and revocation are audited.

import { statusOf } from '../helpers/raw-http.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/http/server.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

let r: TestRegistry;
let admin: ReturnType<typeof api>;
let qr: string;

beforeAll(async () => {
  r = await testRegistry({ config: { publicRateLimit: 3, batchRateLimit: 3, integratorRateLimit: 8 } });
  admin = api(r.app, await tokenFor(r.app, 'cabinet'));
  qr = (await issuePassport(r)).qrText;
  await integrateLog(r.deps);
});
afterAll(() => r?.close());

const verify = (key?: string) =>
  api(r.app)('POST', '/api/v1/verify', { qr }, key ? { 'x-api-key': key } : {});

describe('integrator API keys', () => {
  it('gives a key its own verification budget, single and batch together, and refuses unknown keys', async () => {
    const created = await admin('POST', '/api/v1/integrator-keys', {
      label: 'Lithuanian Migration Department',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const key = created.json.key as string;
    expect(key).toMatch(/^nbr_ik_[A-Za-z0-9_-]{43}$/);
    // The address's budget (3) is used up...
    for (let i = 0; i < 3; i++) expect((await verify()).status).toBe(200);
    expect((await verify()).status).toBe(429);
    // ...the key's (8) is not: 5 single codes and a batch of 3.
    for (let i = 0; i < 5; i++) {
      const res = await verify(key);
      expect(res.status).toBe(200);
      expect(res.json.code).toBe('VALID');
    }
    const batch = await api(r.app)(
      'POST',
      '/api/v1/verify/batch',
      { codes: [qr, qr, qr] },
      { 'x-api-key': key },
    );
    expect(batch.status).toBe(200);
    expect(batch.headers.get('ratelimit-remaining')).toBe('0');
    expect((await verify(key)).status).toBe(429);
    // A made-up key is refused, and spends the address's budget like an anonymous request (issue 21: it
    // bypassed it); past the budget, 429 before the database is asked.
    r.clock.t += 60_000;
    const unknown = await verify('nbr_ik_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.code).toBe('UNAUTHENTICATED');
    expect(unknown.headers.get('ratelimit-remaining')).toBe('2');
    expect(
      (await api(r.app)('POST', '/api/v1/verify/batch', { codes: [qr] }, { 'x-api-key': 'nope' })).status,
    ).toBe(401);
    for (let i = 0; i < 2; i++) await verify(`nbr_ik_${'B'.repeat(42)}${i}`);
    expect((await verify(`nbr_ik_${'C'.repeat(43)}`)).status).toBe(429);
    expect((await verify()).status).toBe(429);
    // The good key, cached, is not held back by its address's spent budget.
    expect((await verify(key)).status).toBe(200);
    // The list holds no secret.
    const list = await admin('GET', '/api/v1/integrator-keys');
    expect(list.json.items).toHaveLength(1);
    expect(JSON.stringify(list.json)).not.toContain(key);
    expect(JSON.stringify(await r.deps.db.selectFrom('integrator_keys').selectAll().execute())).not.toContain(
      key,
    );
  });

  it('stops a revoked key at once, and lets only cabinet admins manage keys', async () => {
    const { key, id } = (await admin('POST', '/api/v1/integrator-keys', { label: 'Bank of Example' })).json;
    r.clock.t += 60_000; // a new rate window
    expect((await verify(key)).status).toBe(200);
    expect((await admin('DELETE', `/api/v1/integrator-keys/${id}`)).status).toBe(200);
    expect((await verify(key)).status).toBe(401);
    expect((await admin('DELETE', `/api/v1/integrator-keys/${id}`)).json.error.code).toBe('INVALID_STATE');
    const officeAdmin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    expect((await officeAdmin('POST', '/api/v1/integrator-keys', { label: 'mine' })).status).toBe(403);
    expect((await officeAdmin('GET', '/api/v1/integrator-keys')).status).toBe(403);
    const actions = (await r.deps.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['integrator_key.create', 'integrator_key.revoke']));
  });

  it('takes the key through the Node server’s direct verification lane too', async () => {
    const { key } = (await admin('POST', '/api/v1/integrator-keys', { label: 'Direct lane' })).json;
    r.clock.t += 60_000;
    const s = await listen(r.deps, { port: 0, hostname: '127.0.0.1' });
    const post = (headers: Record<string, string>) =>
      statusOf(s.port, 'POST', '/api/v1/verify', headers, JSON.stringify({ qr }));
    try {
      const anonymous = [];
      for (let i = 0; i < 4; i++) anonymous.push(await post({}));
      expect(anonymous).toEqual([200, 200, 200, 429]);
      expect(await post({ 'x-api-key': key })).toBe(200);
      // An unknown key from an address past its budget is that address's request: 429, not 401.
      expect(await post({ 'x-api-key': `${key}x` })).toBe(429);
    } finally {
      await new Promise<void>((res) => s.server.close(() => res()));
    }
  });
});
