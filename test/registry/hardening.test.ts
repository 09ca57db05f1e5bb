// Issue 21's reproductions, each as it was found (they failed before the fix), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit.js';
import { approvedPassport, issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import { api, NAVITSKAYA, registryOn, testDialects, tokenFor } from '../helpers/registry.js';

const dialects = await testDialects('the hardening tests');

describe.each(dialects)('hardening on %s', (_name, kind) => {
  let r: Awaited<ReturnType<typeof registryOn>>;
  beforeAll(async () => {
    r = await registryOn(kind);
  });
  afterAll(() => r.dispose());

  const verdict = async (qr: string) =>
    (await api(r.app)('POST', '/api/v1/verify', { qr })).json.code as string;

  it('one clerk cannot revoke a passport by issuing an old approval (finding 1)', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const holder = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Ірына' })).json;
    await clerk('PUT', `/api/v1/applicants/${holder.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const x = await issuePassportTo(r.app, holder.id); // the holder's passport X
    // A1 approved while X was the one to supersede; nobody issues it.
    const a1 = await approvedPassport(r.app, holder.id);
    expect((await clerk('GET', `/api/v1/applications/${a1}`)).json.willSupersede).toEqual([
      { id: x.id, number: x.number },
    ]);
    // A2 approved and issued as Y (superseding X): A1 lapses with it.
    const y = await issuePassportTo(r.app, holder.id);
    expect(y.superseded).toEqual([x.number]);
    const lapsed = (await clerk('GET', `/api/v1/applications/${a1}`)).json;
    expect(lapsed.state).toBe('lapsed');
    const history = (await clerk('GET', `/api/v1/applications/${a1}/events`)).json.items;
    expect(history.at(-1)).toMatchObject({ action: 'lapsed', reason: `lapsed: by ${y.number}` });
    // Weeks later the clerk alone tries A1: refused, and Y stays valid.
    const late = await clerk('POST', `/api/v1/applications/${a1}/issue`);
    expect(late.status).toBe(409);
    expect(await verdict(y.qrText)).toBe('VALID');
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });

  it('an approval that no longer says what issuing revokes goes back for approval (APPROVAL_STALE)', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const holder = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Марыя' })).json;
    const a1 = await approvedPassport(r.app, holder.id); // approved when the holder had no passport
    // A passport appears that A1's approver never saw (issued before the lapse rule, or by a race): simulate
    // it by a document the snapshot does not hold.
    const x = await issuePassportTo(r.app, holder.id);
    expect((await clerk('GET', `/api/v1/applications/${a1}`)).json.state).toBe('lapsed');
    const a3 = await approvedPassport(r.app, holder.id);
    await r.handle.db
      .updateTable('applications')
      .set({ approved_supersedes: '[]' })
      .where('id', '=', a3)
      .execute();
    const stale = await clerk('POST', `/api/v1/applications/${a3}/issue`);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('APPROVAL_STALE');
    expect(await verdict(x.qrText)).toBe('VALID');
    const back = (await clerk('GET', `/api/v1/applications/${a3}`)).json;
    expect(back).toMatchObject({ state: 'submitted', decidedBy: null });
    // The approver sees what it will now supersede, approves again, and then it can be issued.
    expect(back.willSupersede).toEqual([{ id: x.id, number: x.number }]);
    expect((await approver('POST', `/api/v1/applications/${a3}/approve`)).status).toBe(200);
    const issued = await clerk('POST', `/api/v1/applications/${a3}/issue`);
    expect(issued.status, issued.text).toBe(201);
    expect(issued.json.superseded).toEqual([x.number]);
  });

  it('refuses deeply nested bodies with 422 TOO_DEEP, on every JSON route (finding 2)', async () => {
    const nested = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const anyone = api(r.app);
    const login = await anyone('POST', '/api/v1/session', `{"username":${nested(32_000)}}`);
    expect(login.status, login.text.slice(0, 200)).toBe(422);
    expect(login.json.error.fields[0]).toMatchObject({ field: '(body)', code: 'TOO_DEEP' });
    const batch = await anyone('POST', '/api/v1/verify/batch', `{"codes":${nested(1_000_000)}}`);
    expect(batch.status).toBe(422);
    expect(batch.json.error.fields[0].code).toBe('TOO_DEEP');
    const single = await anyone('POST', '/api/v1/verify', `{"qr":${nested(30_000)}}`);
    expect(single.status).toBe(422);
    // Brackets inside strings are text, not nesting.
    const text = await anyone('POST', '/api/v1/verify', JSON.stringify({ qr: '['.repeat(5000) }));
    expect(text.status).toBe(200);
  });

  it('signs no document whose application carries markup in a name (finding 7)', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const holder = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Вольга' })).json;
    await clerk('PUT', `/api/v1/applicants/${holder.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const bad = await clerk('POST', '/api/v1/applications', {
      applicantId: holder.id,
      documentType: 'passport',
      data: { surname: '<img src=x onerror=alert(1)>' },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields).toEqual([
      expect.objectContaining({ field: 'surname', code: 'CYRILLIC_NAME' }),
    ]);
    const cert = await clerk('POST', '/api/v1/applications', {
      applicantId: holder.id,
      documentType: 'birth-certificate',
      data: { motherName: 'Ганна <script>', birthPlace: 'Мінск\u202Eevil', recordNumber: '12' },
    });
    expect(cert.status).toBe(422);
    expect(cert.json.error.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'motherName', code: 'PERSON_NAME' }),
        expect.objectContaining({ field: 'birthPlace', code: 'PLAIN_TEXT' }),
      ]),
    );
    // A foreign spouse's name in Latin letters with diacritics is a name.
    const marriage = await clerk('POST', '/api/v1/applications', {
      applicantId: holder.id,
      documentType: 'marriage-certificate',
      data: {
        spouse1NameBefore: 'Навіцкая Вольга',
        spouse2NameBefore: 'Łukasz Żółkiewski',
        spouse2NameAfter: "D'Arcy-Żółkiewski Łukasz",
        spouse2BirthDate: '1988-01-02',
        marriageDate: '2020-05-05',
        marriagePlace: 'Warszawa',
        recordNumber: '7/2020',
      },
    });
    expect(marriage.status, marriage.text).toBe(201);
  });

  it('names NBR_PUBLIC_URL in the offline page and its CSP, never the Host header (finding 8)', async () => {
    const { webRoutes } = await import('../../src/web/routes.js');
    const { createApp } = await import('../../src/http/app.js');
    const deps = { ...r.deps, config: { ...r.deps.config, publicUrl: 'https://registry.example' } };
    const app = createApp(deps, { mount: (a, statusList) => webRoutes(a, deps, statusList) });
    const res = await app.request('/verifier/offline.html', { headers: { host: 'evil.example;script-src' } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain('https://registry.example');
    expect(csp).not.toContain('evil');
    expect(await res.text()).not.toContain('evil.example');
  });
});
