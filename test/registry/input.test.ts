// Bad input on every endpoint gets a stable code, the right status and field-level messages, and changes nothing.
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredSessions } from '../../src/services/staff/auth.js';
import { jpegHeader, testPhoto } from '../helpers/photo.js';
import {
  api,
  NAVITSKAYA,
  PASSWORD,
  testRegistry,
  tokenFor,
  type Api,
  type TestRegistry,
} from '../helpers/registry.js';

let r: TestRegistry;
let clerk: Api;
let approver: Api;
let admin: Api;
let cabinet: Api;
let applicantId: string;

beforeAll(async () => {
  r = await testRegistry();
  clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
  approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
  admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
  cabinet = api(r.app, await tokenFor(r.app, 'cabinet'));
  applicantId = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json.id;
});
afterAll(() => r.close());

const fields = (res: { json: any }) =>
  (res.json.error.fields ?? []).map((f: { field: string }) => f.field).sort();

describe('bad input', () => {
  it.each([
    ['POST', '/api/v1/applicants'],
    ['POST', '/api/v1/applications'],
    ['POST', '/api/v1/staff'],
    ['POST', '/api/v1/offices'],
    ['POST', '/api/v1/session'],
    ['POST', '/api/v1/verify'],
  ])('%s %s: a body that is not JSON is 400 BAD_REQUEST', async (method, path) => {
    const caller = path.endsWith('offices') ? cabinet : path.endsWith('staff') ? admin : clerk;
    const res = await caller(method, path, '{"surname": ', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('BAD_REQUEST');
  });

  it('applicant: names, dates and numbers are checked field by field', async () => {
    const before = await r.handle.db
      .selectFrom('applicants')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await clerk('POST', '/api/v1/applicants', {
      surname: 'Smith',
      givenNames: 'Кацярына',
      sex: 'F',
      birthDate: '2030-02-30',
      personalNumber: 'short',
      surnameLatin: 'smith',
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(fields(res)).toEqual(['birthDate', 'personalNumber', 'surname', 'surnameLatin']);
    const missing = await clerk('POST', '/api/v1/applicants', { surname: 'Навіцкая' });
    expect(fields(missing)).toEqual(['birthDate', 'givenNames', 'sex']);
    const after = await r.handle.db
      .selectFrom('applicants')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('application: what the type takes from the person starts from the record, what was sent wins', async () => {
    const res = await clerk('POST', '/api/v1/applications', {
      applicantId,
      documentType: 'power-of-attorney-attestation',
      data: {
        agentName: 'Іваноў Пётр',
        agentBirthDate: '1970-01-01',
        powers: 'Продаж кватэры',
        expiryDate: '2027-12-31',
      },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json.data).toMatchObject({
      principalName: `${NAVITSKAYA.surname} ${NAVITSKAYA.givenNames} ${NAVITSKAYA.patronymic}`,
      principalBirthDate: NAVITSKAYA.birthDate,
    });
    const sent = await clerk('POST', '/api/v1/applications', {
      applicantId,
      documentType: 'power-of-attorney-attestation',
      data: {
        principalName: 'Навіцкая К. А.',
        agentName: 'Іваноў Пётр',
        agentBirthDate: '1970-01-01',
        powers: 'x',
        expiryDate: '2027-12-31',
      },
    });
    expect(sent.json.data.principalName).toBe('Навіцкая К. А.');
  });

  it('application: certificate data is validated against its JSON Schema', async () => {
    const res = await clerk('POST', '/api/v1/applications', {
      applicantId,
      documentType: 'birth-certificate',
      data: { surname: 'Рудзь', birthDate: '2026-13-01', sex: 'Q', colour: 'red' },
    });
    expect(res.status).toBe(422);
    // The person's own fields not sent start from their record (x-nbr.fromApplicant); what was sent is checked.
    const problems = res.json.error.fields.map(
      (f: { field: string; code: string }) => `${f.field} ${f.code}`,
    );
    expect(problems.sort()).toEqual([
      'birthDate DATE',
      'colour UNKNOWN_FIELD',
      'recordDate REQUIRED',
      'recordNumber REQUIRED',
      'sex ONE_OF',
    ]);
    expect(
      (await clerk('POST', '/api/v1/applications', { applicantId, documentType: 'visa' })).json.error
        .fields[0].field,
    ).toBe('documentType');
    expect(
      (await clerk('POST', '/api/v1/applications', { applicantId: 'not-an-id', documentType: 'passport' }))
        .json.error.fields[0].field,
    ).toBe('applicantId');
  });

  it('ids that are not ids, and ids that do not exist, are 404', async () => {
    for (const path of [
      '/api/v1/applicants/../../etc',
      '/api/v1/applicants/123',
      '/api/v1/documents/0191c0c4-0000-7000-8000-000000000000',
      '/api/v1/applications/x/submit',
    ]) {
      const res = await clerk(path.endsWith('submit') ? 'POST' : 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code).toBe('NOT_FOUND');
    }
  });

  it('lists: limit and cursor are checked; search needs 2 characters', async () => {
    expect((await clerk('GET', '/api/v1/documents?limit=1000')).json.error.code).toBe('VALIDATION_FAILED');
    expect((await clerk('GET', '/api/v1/documents?limit=500')).json.error.code).toBe('BAD_REQUEST');
    expect((await clerk('GET', '/api/v1/documents?cursor=zzz')).json.error.code).toBe('VALIDATION_FAILED');
    expect((await clerk('POST', '/api/v1/applicants/search', { q: 'a' })).json.error.code).toBe(
      'BAD_REQUEST',
    );
    expect((await clerk('POST', '/api/v1/applicants/search', { q: '%%' })).json.error.code).toBe(
      'BAD_REQUEST',
    );
    expect((await clerk('POST', '/api/v1/applicants/search', { q: 'ганна', limit: 0 })).json.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('paginates with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Ганна' });
    const first = await clerk('POST', '/api/v1/applicants/search', { q: 'ганна', limit: 2 });
    expect(first.json.items).toHaveLength(2);
    const second = await clerk('POST', '/api/v1/applicants/search', {
      q: 'ганна',
      limit: 2,
      cursor: first.json.nextCursor,
    });
    expect(second.json.items).toHaveLength(2);
    expect(second.json.items[0].id < first.json.items[1].id).toBe(true);
  });

  it('reject needs a reason; revoke needs a known reason', async () => {
    await clerk('PUT', `/api/v1/applicants/${applicantId}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const app = (await clerk('POST', '/api/v1/applications', { applicantId, documentType: 'passport' })).json;
    await clerk('POST', `/api/v1/applications/${app.id}/submit`);
    expect(fields(await approver('POST', `/api/v1/applications/${app.id}/reject`, { reason: '' }))).toEqual([
      'reason',
    ]);
    await approver('POST', `/api/v1/applications/${app.id}/approve`);
    const doc = (await clerk('POST', `/api/v1/applications/${app.id}/issue`)).json;
    expect(fields(await approver('POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'bored' }))).toEqual(
      ['reason'],
    );
  });

  it('photos: only JPEG or PNG by content, at most 2 MiB', async () => {
    const gif = new TextEncoder().encode('GIF89a....');
    expect(
      (await clerk('PUT', `/api/v1/applicants/${applicantId}/photo`, gif, { 'content-type': 'image/png' }))
        .json.error.code,
    ).toBe('VALIDATION_FAILED');
    const huge = new Uint8Array(2 * 1024 * 1024 + 10);
    huge.set([0xff, 0xd8, 0xff]);
    const res = await clerk('PUT', `/api/v1/applicants/${applicantId}/photo`, huge, {
      'content-type': 'image/jpeg',
    });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('photos: a portrait of at least 300 x 400 pixels, read from the file header', async () => {
    const put = (data: Uint8Array, type: string) =>
      clerk('PUT', `/api/v1/applicants/${applicantId}/photo`, data, { 'content-type': type });
    const refused = async (data: Uint8Array, type: string) =>
      (await put(data, type)).json.error.fields?.[0]?.message;
    expect(await refused(testPhoto(120, 160), 'image/png')).toBe('at least 300 x 400 pixels');
    expect(await refused(testPhoto(600, 400), 'image/png')).toBe('a portrait: taller than wide');
    expect(await refused(jpegHeader(200, 260), 'image/jpeg')).toBe('at least 300 x 400 pixels');
    expect(await refused(jpegHeader(800, 600), 'image/jpeg')).toBe('a portrait: taller than wide');
    expect(await refused(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg')).toBe(
      'cannot read the image size',
    );
    expect(await refused(testPhoto().subarray(0, 20), 'image/png')).toBe('cannot read the image size');
    expect((await put(testPhoto(300, 400), 'image/png')).status).toBe(204);
    const jpeg = (progressive: boolean) =>
      sharp(testPhoto(413, 531))
        .jpeg({ progressive })
        .toBuffer()
        .then((b) => new Uint8Array(b));
    expect((await put(await jpeg(false), 'image/jpeg')).status).toBe(204);
    expect((await put(await jpeg(true), 'image/jpeg')).status).toBe(204); // progressive (SOF2)
    // A header that only claims a size, and faces the seal could not show anyone in (issue 23).
    expect((await put(jpegHeader(413, 531), 'image/jpeg')).json.error.fields[0].code).toBe(
      'PHOTO_UNREADABLE',
    );
    const flat = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#8090c0' } })
      .png()
      .toBuffer();
    expect((await put(flat, 'image/png')).json.error.fields[0]).toMatchObject({
      code: 'PHOTO_FLAT',
      params: { min: 14 },
    });
    const dark = await sharp(readFileSync('test/fixtures/faces/holder.jpg'))
      .linear(0.12, 0)
      .jpeg()
      .toBuffer();
    expect((await put(dark, 'image/jpeg')).json.error.fields[0].code).toBe('PHOTO_TOO_DARK');
    expect((await put(readFileSync('test/fixtures/faces/holder.jpg'), 'image/jpeg')).status).toBe(204);
  });

  it('JSON bodies above 64 KiB are refused with 413', async () => {
    const res = await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, birthPlace: 'x'.repeat(70_000) });
    expect(res.status).toBe(413);
  });

  it('staff: chosen passwords, bad usernames and duplicate accounts', async () => {
    const res = await admin('POST', '/api/v1/staff', {
      username: 'a',
      displayName: 'x',
      password: 'short',
      role: 'clerk',
      officeId: r.offices.PL,
    });
    expect(fields(res)).toEqual(['password', 'username']); // nobody chooses another's password (issue 21)
    expect(
      (
        await admin('POST', '/api/v1/staff', {
          username: 'pl-clerk',
          displayName: 'x',
          role: 'clerk',
          officeId: r.offices.PL,
        })
      ).json.error.code,
    ).toBe('CONFLICT');
    expect(
      (
        await admin('POST', '/api/v1/staff', {
          username: 'boss',
          displayName: 'x',
          role: 'cabinet_admin',
          officeId: null,
        })
      ).status,
    ).toBe(403);
    expect(
      (await cabinet('POST', '/api/v1/offices', { code: 'warsaw', name: 'x', country: 'Poland' })).json.error
        .code,
    ).toBe('VALIDATION_FAILED');
  });

  it('verify: empty, huge, binary and wrong-prefix input', async () => {
    const anyone = api(r.app);
    expect((await anyone('POST', '/api/v1/verify', { qr: '' })).json.code).toBe('MALFORMED');
    expect((await anyone('POST', '/api/v1/verify', { qr: 'HC1:ABC' })).json.code).toBe('MALFORMED');
    expect((await anyone('POST', '/api/v1/verify', { qr: 'NB9:ABC' })).json.code).toBe('UNSUPPORTED_VERSION');
    expect((await anyone('POST', '/api/v1/verify', { qr: '\u0000\u0001\u00ff' })).json.code).toBe(
      'MALFORMED',
    );
    expect((await anyone('POST', '/api/v1/verify', { qr: 'A'.repeat(9000) })).json.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await anyone('POST', '/api/v1/verify', { qr: 42 })).json.error.code).toBe('VALIDATION_FAILED');
    // Bytes declared as bytes: the wrong kind of body (415); bytes declared as JSON: not JSON (400).
    expect(
      (
        await anyone('POST', '/api/v1/verify', new Uint8Array([0xff, 0xfe, 0]), {
          'content-type': 'application/octet-stream',
        })
      ).json.error.code,
    ).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(
      (
        await anyone('POST', '/api/v1/verify', new Uint8Array([0xff, 0xfe, 0]), {
          'content-type': 'application/json',
        })
      ).json.error.code,
    ).toBe('BAD_REQUEST');
  });
});

describe('sessions', () => {
  it('cookie sessions need the CSRF token for changes, expire when idle, and end at logout', async () => {
    const anyone = api(r.app);
    const login = await r.app.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pl-clerk', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const withCookie = (extra: Record<string, string> = {}) => ({
      cookie,
      'content-type': 'application/json',
      ...extra,
    });

    expect((await anyone('GET', '/api/v1/session', undefined, withCookie())).json.staff.role).toBe('clerk');
    const noCsrf = await anyone('POST', '/api/v1/applicants', NAVITSKAYA, withCookie());
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.json.error.message).toMatch(/CSRF/);
    expect(
      (await anyone('POST', '/api/v1/applicants', NAVITSKAYA, withCookie({ 'x-csrf-token': 'wrong' })))
        .status,
    ).toBe(403);
    expect(
      (await anyone('POST', '/api/v1/applicants', NAVITSKAYA, withCookie({ 'x-csrf-token': csrfToken })))
        .status,
    ).toBe(201);

    r.clock.t += 31 * 60_000; // idle longer than the 30-minute limit
    expect((await anyone('GET', '/api/v1/session', undefined, withCookie())).status).toBe(401);
  });

  it('purges sessions past their idle limit and tokens past their end, and keeps live ones', async () => {
    const own = await testRegistry();
    try {
      const kinds = async () =>
        (await own.handle.db.selectFrom('sessions').select('kind').orderBy('kind').execute()).map(
          (s) => s.kind,
        );
      await tokenFor(own.app, 'pl-clerk'); // API token, 90 days
      await own.app.request('/api/v1/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'pl-approver', password: PASSWORD }),
      });
      expect(await kinds()).toEqual(['api', 'session']);
      expect(await purgeExpiredSessions(own.deps)).toBe(0);
      own.clock.t += 31 * 60_000; // the cookie session has been idle too long
      expect(await purgeExpiredSessions(own.deps)).toBe(1);
      expect(await kinds()).toEqual(['api']);
      own.clock.t += 90 * 86_400_000;
      expect(await purgeExpiredSessions(own.deps)).toBe(1);
      expect(await kinds()).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('logout ends the session', async () => {
    const login = await r.app.request('/api/v1/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pl-approver', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const anyone = api(r.app);
    expect((await anyone('DELETE', '/api/v1/session', undefined, { cookie })).status).toBe(403);
    expect(
      (await anyone('DELETE', '/api/v1/session', undefined, { cookie, 'x-csrf-token': csrfToken })).status,
    ).toBe(204);
    expect((await anyone('GET', '/api/v1/session', undefined, { cookie })).status).toBe(401);
  });

  it('wrong passwords, unknown users and disabled accounts get the same answer', async () => {
    const anyone = api(r.app);
    const a = await anyone('POST', '/api/v1/session', { username: 'pl-clerk', password: 'wrong password!' });
    const b = await anyone('POST', '/api/v1/session', { username: 'nobody', password: 'wrong password!' });
    expect(a.status).toBe(401);
    expect(b.json).toEqual(a.json);
  });

  it('disabling an account ends its sessions and tokens', async () => {
    const token = await tokenFor(r.app, 'pl-clerk2');
    const staff = (await admin('GET', '/api/v1/staff')).json.items.find(
      (s: { username: string }) => s.username === 'pl-clerk2',
    );
    expect((await api(r.app, token)('GET', '/api/v1/session')).status).toBe(200);
    expect((await admin('PATCH', `/api/v1/staff/${staff.id}`, { disabled: true })).json.disabled).toBe(1);
    expect((await api(r.app, token)('GET', '/api/v1/session')).status).toBe(401);
  });
});
