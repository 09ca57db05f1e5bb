// The public side: every reason code through POST /api/v1/verify (on the test-vector trust material), the
// result schema of the OpenAPI description, CORS, ETags, rate limits, access logs without personal data,
// and the CLI agreeing with the API on the same published lists.
import { revokeAsTwo } from '../helpers/revoke.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as jose from 'jose';
import { runCli } from '../../src/cli/main.js';
import { openStatusList, signStatusList } from '../../src/core/status-list.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { importNodeEd25519 } from '../../src/crypto/ed25519-node.js';
import { createApp, type AccessLogEntry } from '../../src/http/app.js';
import { openApiDocument, OPERATIONS, verifyResultSchema } from '../../src/http/openapi.js';
import type { Keyring } from '../../src/trust/keyring.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, NAVITSKAYA, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';
import { documentVectors, seconds, vectorTrust } from '../helpers/vectors.js';

let r: TestRegistry;
beforeAll(async () => {
  r = await testRegistry();
});
afterAll(() => r.close());

describe('POST /api/v1/verify', () => {
  it('returns the expected reason code for every test vector, in the documented shape', async () => {
    const material = await vectorTrust(importNodeEd25519);
    const clock = {
      t: 0,
      now() {
        return this.t;
      },
    };
    const keyring = { ...r.deps.keyring, trust: material.trust } as Keyring;
    const statusList = {
      invalidate: () => undefined,
      current: async () => ({
        jws: material.status.source,
        version: 0,
        issuedAt: material.status.issuedAt,
        list: material.status,
      }),
    };
    const app = createApp({ ...r.deps, keyring, clock, logView: material.log }, { statusList });
    const call = api(app);
    for (const v of documentVectors()) {
      clock.t = seconds(v.validationTime) * 1000;
      const res = await call('POST', '/api/v1/verify', { qr: v.qr });
      expect(res.status, v.name).toBe(200);
      expect(res.json.code, v.name).toBe(v.expected.code);
      expect(res.json.valid).toBe(v.expected.valid);
      expect(verifyResultSchema.safeParse(res.json).success, v.name).toBe(true);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
  });
});

describe('published trust material', () => {
  it('is open to other origins, cacheable, and answers 304 to a matching ETag', async () => {
    const anyone = api(r.app);
    for (const path of [
      '/trust-list',
      '/status-list',
      '/.well-known/jwks.json',
      '/.well-known/status-jwks.json',
    ]) {
      const res = await anyone('GET', path, undefined, { origin: 'https://border.example' });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      const etag = res.headers.get('etag')!;
      const notModified = await anyone('GET', path, undefined, {
        'if-none-match': etag,
        origin: 'https://x.example',
      });
      expect(notModified.status).toBe(304);
      expect(notModified.headers.get('access-control-allow-origin'), `${path} 304`).toBe('*');
      expect(notModified.headers.get('access-control-expose-headers'), `${path} 304`).toMatch(/ETag/i);
    }
    const jwks = (await anyone('GET', '/.well-known/jwks.json')).json;
    expect(
      jwks.keys.every(
        (k: { kty: string; crv: string; d?: string }) =>
          k.kty === 'OKP' && k.crv === 'Ed25519' && k.d === undefined,
      ),
    ).toBe(true);
  });

  it('gives the configured public address as the OpenAPI server and in full on printed documents', async () => {
    const configured = await testRegistry({ config: { publicUrl: 'https://registry.example' } });
    try {
      const doc = (await api(configured.app)('GET', '/openapi.json')).json;
      expect(doc.servers[0].url).toBe('https://registry.example');
      const passport = await issuePassport(configured);
      const clerk = api(configured.app, await tokenFor(configured.app, 'pl-clerk'));
      const page = (await clerk('GET', `/api/v1/documents/${passport.id}/print`)).text;
      expect(page).toContain('https://registry.example/verifier/');
    } finally {
      await configured.close();
    }
  });

  it('verifies a batch of codes, one result each in order, each code counted against its own budget', async () => {
    const limited = await testRegistry({ config: { batchRateLimit: 1_500 } });
    try {
      const anyone = api(limited.app);
      const valid = await issuePassport(limited);
      const revoked = await issuePassport(limited, { ...NAVITSKAYA, givenNames: 'Алена' });
      await revokeAsTwo(limited.app, revoked.id, { reason: 'lost' });
      const codes = Array.from({ length: 1_000 }, (_, i) =>
        i % 3 === 0 ? valid.qrText : i % 3 === 1 ? `${revoked.qrText}\r\n` : 'NB2:not a code',
      );
      const res = await anyone('POST', '/api/v1/verify/batch', { codes });
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      expect(res.json.results).toHaveLength(1_000);
      expect(res.json.results.slice(0, 3).map((x: { code: string }) => x.code)).toEqual([
        'VALID',
        'REVOKED',
        'MALFORMED',
      ]);
      expect(
        res.json.results.every(
          (x: { code: string }, i: number) => x.code === ['VALID', 'REVOKED', 'MALFORMED'][i % 3],
        ),
      ).toBe(true);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      // 1,000 of 1,500 spent: 600 more are too many, and single verifications have their own budget.
      const over = await anyone('POST', '/api/v1/verify/batch', { codes: codes.slice(0, 600) });
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await anyone('POST', '/api/v1/verify', { qr: valid.qrText })).json.code).toBe('VALID');
      limited.clock.t += 60_000; // a new window
      const tooMany = await anyone('POST', '/api/v1/verify/batch', { codes: [...codes, valid.qrText] });
      expect(tooMany.status).toBe(422);
      expect((await anyone('POST', '/api/v1/verify/batch', { codes: [] })).status).toBe(422);
      // Refused bodies spend the budget by their weight (issue 21): a flood of junk is limited like codes.
      const junk = JSON.stringify({ codes: 'x'.repeat(1_500_000) });
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await anyone('POST', '/api/v1/verify/batch', junk, { 'content-type': 'application/json' })).status,
        );
      expect(statuses).toContain(429);
      expect(statuses.slice(0, 2)).toEqual([422, 422]);
    } finally {
      await limited.close();
    }
  });

  it('refuses a verification body with a field it does not know, naming the field', async () => {
    const res = await api(r.app)('POST', '/api/v1/verify', { qrText: 'NB2:X' });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.json.error.fields)).toContain('qrText');
  });

  it('answers 405 with Allow to a verification that is not a POST', async () => {
    const res = await api(r.app)('GET', '/api/v1/verify');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    expect(res.json.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('keeps the trust material reachable when an address has used up its verifications', async () => {
    const limited = await testRegistry({ config: { publicRateLimit: 5, trustRateLimit: 40 } });
    try {
      const anyone = api(limited.app);
      const doc = await issuePassport(limited);
      const answers: number[] = [];
      for (let i = 0; i < 8; i++)
        answers.push((await anyone('POST', '/api/v1/verify', { qr: doc.qrText })).status);
      expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(answers.slice(5)).toEqual([429, 429, 429]);
      for (const path of [
        '/trust-list',
        '/status-list',
        '/.well-known/jwks.json',
        '/.well-known/status-jwks.json',
      ])
        expect((await anyone('GET', path)).status, path).toBe(200);
      const cache = (await anyone('GET', '/trust-list')).headers.get('cache-control');
      expect(cache).toMatch(/stale-if-error=\d+/);
      // Its own budget still holds.
      let status = 200;
      for (let i = 0; i < 40 && status === 200; i++) status = (await anyone('GET', '/status-list')).status;
      expect(status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('publishes document keys and status keys apart, so that jose refuses a status list signed by a document key', async () => {
    const anyone = api(r.app);
    const documents = (await anyone('GET', '/.well-known/jwks.json')).json;
    const status = (await anyone('GET', '/.well-known/status-jwks.json')).json;
    expect(documents.keys.length).toBeGreaterThan(0);
    expect(documents.keys.every((k: Record<string, unknown>) => k['nbr:use'] === 'documents')).toBe(true);
    expect(status.keys.every((k: Record<string, unknown>) => k['nbr:use'] === 'status')).toBe(true);
    expect(status.keys[0]).toMatchObject({ use: 'sig', alg: 'EdDSA', key_ops: ['verify'] });
    expect(Object.keys(status.keys[0])).toEqual(
      expect.arrayContaining(['nbr:signFrom', 'nbr:signUntil', 'nbr:validUntil']),
    );
    // "Nothing revoked", signed by an embassy's document key: forged.
    const now = Math.floor(r.clock.now() / 1000);
    const documentKey = r.deps.keyring.signerFor('PL-WAW', 'passport', now)!.signer;
    const forged = await signStatusList(
      new Uint8Array(131_072 / 8),
      131_072,
      { issuedAt: now, nextUpdate: now + 3600 },
      r.deps.keyring.trust.iss,
      documentKey,
    );
    await expect(jose.compactVerify(forged, jose.createLocalJWKSet(status))).rejects.toThrow(
      /no applicable key/i,
    );
    expect((await openStatusList(forged, r.deps.keyring.trust)).ok).toBe(false);
    // The genuine list passes the same plain check.
    const genuine = (await anyone('GET', '/status-list')).text;
    await expect(jose.compactVerify(genuine, jose.createLocalJWKSet(status))).resolves.toBeTruthy();
  });

  it('shows a revocation in the next status list at once', async () => {
    const doc = await issuePassport(r);
    const before = (await api(r.app)('GET', '/status-list')).text;
    await revokeAsTwo(r.app, doc.id, { reason: 'cancelled' });
    const after = (await api(r.app)('GET', '/status-list')).text;
    expect(after).not.toBe(before);
    expect((await api(r.app)('POST', '/api/v1/verify', { qr: doc.qrText })).json.code).toBe('REVOKED');
  });

  it('gives nbr verify --status the same answer as the API, from the published files', async () => {
    const doc = await issuePassport(r);
    const dir = mkdtempSync(join(tmpdir(), 'nbr-published-'));
    const code = async () => {
      writeFileSync(join(dir, 'trust.jws'), (await api(r.app)('GET', '/trust-list')).text);
      writeFileSync(join(dir, 'status.jws'), (await api(r.app)('GET', '/status-list')).text);
      writeFileSync(join(dir, 'root.jwk.json'), (await api(r.app)('GET', '/trust-list/root.jwk.json')).text);
      // The official's copy of the log, from the published tiles (nbr log sync), as of now.
      await integrateLog(r.deps);
      const ctx = {
        env: {},
        out: () => {},
        err: (l: string) => out.push(l),
        clock: () => r.clock.t,
        documentTypes: new DocumentTypeRegistry(),
        readStdin: async () => '',
        fetch: (async (url: string) => r.app.request(url)) as unknown as typeof fetch,
      };
      const out: string[] = [];
      const trustArgs = ['--trust', join(dir, 'trust.jws'), '--root', join(dir, 'root.jwk.json')];
      const synced = await runCli(
        [
          'log',
          'sync',
          '--quiet',
          '--from',
          'http://registry.test/log',
          '--dir',
          join(dir, 'log'),
          ...trustArgs,
        ],
        ctx,
      );
      expect(synced, out.join('\n')).toBe(0);
      const exit = await runCli(
        [
          'verify',
          doc.qrText,
          '--json',
          '--log',
          join(dir, 'log'),
          '--trust',
          join(dir, 'trust.jws'),
          '--root',
          join(dir, 'root.jwk.json'),
          '--status',
          join(dir, 'status.jws'),
          '--now',
          new Date(r.clock.t).toISOString(),
        ],
        {
          env: {},
          out: (l) => out.push(l),
          err: (l) => out.push(l),
          clock: () => r.clock.t,
          documentTypes: new DocumentTypeRegistry(),
          readStdin: async () => '',
        },
      );
      return {
        cli: JSON.parse(out.join('\n')).code as string,
        exit,
        api: (await api(r.app)('POST', '/api/v1/verify', { qr: doc.qrText })).json.code as string,
      };
    };
    expect(await code()).toEqual({ cli: 'VALID', exit: 0, api: 'VALID' });
    await revokeAsTwo(r.app, doc.id, { reason: 'lost' });
    expect(await code()).toEqual({ cli: 'REVOKED', exit: 1, api: 'REVOKED' });
  });
});

describe('CORS', () => {
  it('is open on the published material and the verification API, and nowhere else', async () => {
    const anyone = api(r.app);
    const origin = { origin: 'https://elsewhere.example' };
    for (const path of ['/trust-list', '/status-list', '/.well-known/jwks.json']) {
      expect(
        (await anyone('GET', path, undefined, origin)).headers.get('access-control-allow-origin'),
        path,
      ).toBe('*');
    }
    const preflight = await anyone('OPTIONS', '/api/v1/verify', undefined, {
      ...origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(
      (await anyone('POST', '/api/v1/verify', { qr: 'NB1:' }, origin)).headers.get(
        'access-control-allow-origin',
      ),
    ).toBe('*');

    // Staff API, console and login: same-origin only, and a cross-origin preflight is not approved.
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    expect(
      (await clerk('GET', '/api/v1/documents', undefined, origin)).headers.get('access-control-allow-origin'),
    ).toBeNull();
    expect(
      (await anyone('GET', '/console/', undefined, origin)).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const loginPreflight = await anyone('OPTIONS', '/api/v1/session', undefined, {
      ...origin,
      'access-control-request-method': 'POST',
    });
    expect(loginPreflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(loginPreflight.status).not.toBe(204);
  });
});

describe('limits and privacy', () => {
  it('rate-limits public endpoints per client address', async () => {
    const limited = await testRegistry({ config: { publicRateLimit: 5, trustRateLimit: 3 }, staff: false });
    const anyone = api(limited.app);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await anyone('POST', '/api/v1/verify', { qr: 'NB1:' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    for (let i = 0; i < 3; i++) expect((await anyone('GET', '/trust-list')).status).toBe(200);
    const res = await anyone('GET', '/trust-list');
    expect(res.json.error.code).toBe('RATE_LIMITED');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    limited.clock.t += 61_000;
    expect((await anyone('GET', '/trust-list')).status).toBe(200);
    expect((await anyone('POST', '/api/v1/verify', { qr: 'NB1:' })).status).toBe(200);
    await limited.close();
  });

  it('logs route patterns only: no names, ids, numbers or query strings', async () => {
    const log: AccessLogEntry[] = [];
    const app = createApp(r.deps, { accessLog: (e) => log.push(e) });
    const clerk = api(app, await tokenFor(app, 'pl-clerk'));
    const applicant = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    await clerk('GET', `/api/v1/applicants/${applicant.id}`);
    await clerk('POST', '/api/v1/applicants/search', { q: 'навіцкая' });
    await clerk('GET', '/api/v1/documents?limit=5');
    const text = JSON.stringify(log);
    expect(text).toContain('/api/v1/applicants/:id');
    expect(text).not.toContain(applicant.id);
    expect(text).not.toMatch(/навіц|Навіц|NAVITSKAIA|limit=|\?/);
    // Names can only be searched through the body: the URL form does not exist.
    expect((await clerk('GET', '/api/v1/applicants?q=навіцкая')).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('describes every API route of the app, and only those', async () => {
    const described = new Set(OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const routes = new Set(
      r.app.routes
        .filter((rt) => rt.method !== 'ALL' && !rt.path.includes('*'))
        .map((rt) => `${rt.method} ${rt.path.replace(/:(\w+)/g, '{$1}')}`)
        .filter((k) => !k.includes('/openapi.json') && !k.includes('/api-docs'))
        .filter((k) => !(k.endsWith(' /api/v1/verify') && !k.startsWith('POST'))), // the 405 answers
    );
    expect([...routes].filter((k) => !described.has(k))).toEqual([]);
    expect([...described].filter((k) => !routes.has(k))).toEqual([]);
    const doc = (await api(r.app)('GET', '/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(
      doc.paths['/api/v1/verify'].post.requestBody.content['application/json'].schema.properties.qr.maxLength,
    ).toBe(8192);
    const page = (await api(r.app)('GET', '/api-docs')).text;
    expect(page).toContain('SIGNATURE_INVALID');
    // Each operation's answers with their examples, and the schemas (issue 24, item 13).
    expect(page).toContain('answer 201 application/json: IssuedDocument');
    expect(page).toContain('answer 202 application/json: StaffRequest');
    expect(page).toContain('errors: 400, 401, 403, 404');
    expect(page).toContain('&#34;surnameLatin&#34;: &#34;NAVITSKAIA&#34;');
    expect(page).toContain('<div id="PassportFields">');
  });

  it('is committed as docs/openapi.json exactly as generated (npx tsx scripts/openapi.ts)', () => {
    const committed = readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(openApiDocument('http://127.0.0.1:8080'), null, 2)}\n`);
  });
});

describe('headers by route (src/http/headers.ts)', () => {
  it('gives pages the browser security headers and data the few that apply, with one CSP', async () => {
    const anyone = api(r.app);
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const doc = await issuePassport(r);
    for (const path of ['/api-docs', `/api/v1/documents/${doc.id}/print`]) {
      const res = path.startsWith('/api/v1') ? await clerk('GET', path) : await anyone('GET', path);
      expect(res.headers.get('content-security-policy'), path).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
    }
    for (const path of ['/trust-list', '/log/checkpoint', '/openapi.json']) {
      await integrateLog(r.deps);
      const res = await anyone('GET', path);
      expect(res.headers.get('content-security-policy'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
    }
    // Browser apps elsewhere may read the caching and rate-limit headers of the public answers.
    expect((await anyone('GET', '/trust-list')).headers.get('access-control-expose-headers')).toMatch(/ETag/);
    expect(
      (await anyone('POST', '/api/v1/verify', { qr: doc.qrText })).headers.get(
        'access-control-expose-headers',
      ),
    ).toMatch(/Retry-After/);
  });
});
