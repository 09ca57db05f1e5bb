// The authorisation matrix: every staff endpoint x every role x own / other office. Allowed combinations must
// get past authorisation (any status but 401/403/404); others are refused, and records of another office
// answer 404 so that their existence does not leak.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPhoto } from '../helpers/photo.js';
import { staffChangeAsTwo } from '../helpers/staff-change.js';
import { createAccountDirectly } from '../../src/services/staff/staff.js';
import {
  api,
  NAVITSKAYA,
  PASSWORD,
  testRegistry,
  tokenFor,
  type Api,
  type TestRegistry,
} from '../helpers/registry.js';

type Role = 'clerk' | 'approver' | 'office_admin' | 'cabinet_admin';
const PNG = new Uint8Array(testPhoto());

let r: TestRegistry;
const tokens: Record<string, string> = {};
let pl: { clerk: Api; approver: Api };

async function fixture() {
  const applicant = (await pl.clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
  await pl.clerk('PUT', `/api/v1/applicants/${applicant.id}/photo`, PNG, { 'content-type': 'image/png' });
  const draft = (
    await pl.clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' })
  ).json;
  const submitted = (
    await pl.clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' })
  ).json;
  await pl.clerk('POST', `/api/v1/applications/${submitted.id}/submit`);
  // Another holder: issuing `issuedApp` below lapses the first holder's other approved passport applications.
  const holder2 = (await pl.clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Ганна' })).json;
  await pl.clerk('PUT', `/api/v1/applicants/${holder2.id}/photo`, PNG, { 'content-type': 'image/png' });
  const approved = (
    await pl.clerk('POST', '/api/v1/applications', { applicantId: holder2.id, documentType: 'passport' })
  ).json;
  await pl.clerk('POST', `/api/v1/applications/${approved.id}/submit`);
  await pl.approver('POST', `/api/v1/applications/${approved.id}/approve`);
  const issuedApp = (
    await pl.clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' })
  ).json;
  await pl.clerk('POST', `/api/v1/applications/${issuedApp.id}/submit`);
  await pl.approver('POST', `/api/v1/applications/${issuedApp.id}/approve`);
  const doc = (await pl.clerk('POST', `/api/v1/applications/${issuedApp.id}/issue`)).json;
  // A revocation asked for by a second PL approver, outside the matrix's accounts, so that every approver
  // and admin of the matrix may decide it.
  const revocation = (
    await api(r.app, tokens['pl-approver2'])('POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'lost' })
  ).json;
  // An account asked for by a second PL office admin, outside the matrix's accounts, so that every admin of
  // the matrix may decide it.
  const staffRequest = (
    await api(r.app, tokens['pl-office_admin2'])('POST', '/api/v1/staff', {
      username: `u${Math.random().toString(36).slice(2, 10)}`,
      displayName: 'New clerk',
      role: 'clerk',
      officeId: r.offices.PL,
    })
  ).json;
  const staff = (await api(r.app, tokens['pl-office_admin'])('GET', '/api/v1/staff')).json.items.find(
    (s: { username: string }) => s.username === 'pl-clerk2',
  );
  return { applicant, draft, submitted, approved, doc, staff, revocation, staffRequest };
}

interface Endpoint {
  name: string;
  allowed: Role[];
  /** Builds the request on a fresh fixture of the PL office. */
  call: (f: Awaited<ReturnType<typeof fixture>>) => [string, string, unknown?, Record<string, string>?];
  /** Endpoints not tied to a PL record: other-office staff with an allowed role are allowed too. */
  officeFree?: boolean;
}

const READ: Role[] = ['clerk', 'approver', 'office_admin'];
const endpoints: Endpoint[] = [
  {
    name: 'create applicant',
    allowed: ['clerk'],
    officeFree: true,
    call: () => ['POST', '/api/v1/applicants', NAVITSKAYA],
  },
  { name: 'read applicant', allowed: READ, call: (f) => ['GET', `/api/v1/applicants/${f.applicant.id}`] },
  {
    name: 'correct applicant',
    allowed: ['clerk'],
    call: (f) => ['PUT', `/api/v1/applicants/${f.applicant.id}`, NAVITSKAYA],
  },
  { name: 'read photo', allowed: READ, call: (f) => ['GET', `/api/v1/applicants/${f.applicant.id}/photo`] },
  {
    name: 'upload photo',
    allowed: ['clerk'],
    call: (f) => ['PUT', `/api/v1/applicants/${f.applicant.id}/photo`, PNG, { 'content-type': 'image/png' }],
  },
  {
    name: 'create application',
    allowed: ['clerk'],
    call: (f) => ['POST', '/api/v1/applications', { applicantId: f.applicant.id, documentType: 'passport' }],
  },
  { name: 'read application', allowed: READ, call: (f) => ['GET', `/api/v1/applications/${f.draft.id}`] },
  {
    name: 'application events',
    allowed: READ,
    call: (f) => ['GET', `/api/v1/applications/${f.draft.id}/events`],
  },
  {
    name: 'edit draft',
    allowed: ['clerk'],
    call: (f) => ['PATCH', `/api/v1/applications/${f.draft.id}`, { data: f.draft.data }],
  },
  { name: 'submit', allowed: ['clerk'], call: (f) => ['POST', `/api/v1/applications/${f.draft.id}/submit`] },
  {
    name: 'approve',
    allowed: ['approver'],
    call: (f) => ['POST', `/api/v1/applications/${f.submitted.id}/approve`],
  },
  {
    name: 'reject',
    allowed: ['approver'],
    call: (f) => ['POST', `/api/v1/applications/${f.submitted.id}/reject`, { reason: 'photo unclear' }],
  },
  {
    name: 'issue',
    allowed: ['clerk', 'approver'],
    call: (f) => ['POST', `/api/v1/applications/${f.approved.id}/issue`],
  },
  { name: 'read document', allowed: READ, call: (f) => ['GET', `/api/v1/documents/${f.doc.id}`] },
  { name: 'document events', allowed: READ, call: (f) => ['GET', `/api/v1/documents/${f.doc.id}/events`] },
  { name: 'QR SVG', allowed: READ, call: (f) => ['GET', `/api/v1/documents/${f.doc.id}/qr.svg`] },
  { name: 'QR PNG', allowed: READ, call: (f) => ['GET', `/api/v1/documents/${f.doc.id}/qr.png`] },
  { name: 'print view', allowed: READ, call: (f) => ['GET', `/api/v1/documents/${f.doc.id}/print`] },
  {
    name: 'passport page print',
    allowed: READ,
    call: (f) => ['GET', `/api/v1/documents/${f.doc.id}/print?layout=td3`],
  },
  {
    name: 'find document by number',
    allowed: READ,
    call: (f) => ['POST', '/api/v1/documents/lookup', { number: f.doc.number }],
  },
  {
    name: 'revoke',
    allowed: ['approver', 'office_admin'],
    call: (f) => ['POST', `/api/v1/documents/${f.doc.id}/revoke`, { reason: 'cancelled' }],
  },
  {
    name: 'list revocation requests',
    allowed: ['approver', 'office_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/revocations'],
  },
  {
    name: 'confirm revocation',
    allowed: ['approver', 'office_admin'],
    call: (f) => ['POST', `/api/v1/revocations/${f.revocation.id}/confirm`],
  },
  {
    name: 'refuse revocation',
    allowed: ['approver', 'office_admin'],
    call: (f) => ['POST', `/api/v1/revocations/${f.revocation.id}/refuse`],
  },
  {
    name: 'update staff',
    allowed: ['office_admin', 'cabinet_admin'],
    call: (f) => ['PATCH', `/api/v1/staff/${f.staff.id}`, { role: 'approver' }],
  },
  {
    name: 'create staff in PL',
    allowed: ['office_admin', 'cabinet_admin'],
    call: () => [
      'POST',
      '/api/v1/staff',
      {
        username: `u${Math.random().toString(36).slice(2, 10)}`,
        displayName: 'New',
        role: 'clerk',
        officeId: r.offices.PL,
      },
    ],
  },
  {
    name: 'list staff requests',
    allowed: ['office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/staff-requests'],
  },
  {
    name: 'confirm staff request',
    allowed: ['office_admin', 'cabinet_admin'],
    call: (f) => ['POST', `/api/v1/staff-requests/${f.staffRequest.id}/confirm`],
  },
  {
    name: 'refuse staff request',
    allowed: ['office_admin', 'cabinet_admin'],
    call: (f) => ['POST', `/api/v1/staff-requests/${f.staffRequest.id}/refuse`],
  },
  {
    name: 'create office',
    allowed: ['cabinet_admin'],
    officeFree: true,
    call: () => [
      'POST',
      '/api/v1/offices',
      {
        code: `DE-${Math.random().toString(36).slice(2, 6).toUpperCase()}`,
        name: 'Embassy in Germany',
        country: 'DE',
      },
    ],
  },
  {
    name: 'cross-office report',
    allowed: ['cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/reports/cross-office-passports'],
  },
  {
    name: 'audit trail',
    allowed: ['office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/audit?limit=5'],
  },
  {
    name: 'verify audit chain',
    allowed: ['cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/audit/verify'],
  },
  {
    name: 'list keys',
    allowed: ['office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/keys'],
  },
  {
    name: 'own sessions and tokens',
    allowed: ['clerk', 'approver', 'office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/session/tokens'],
  },
  // A wrong current password: past authorisation (422), and nobody's password changes.
  {
    name: 'change own password',
    allowed: ['clerk', 'approver', 'office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => [
      'PUT',
      '/api/v1/session/password',
      { currentPassword: 'not the password', newPassword: 'a long enough password' },
    ],
  },
  {
    name: 'list staff',
    allowed: ['office_admin', 'cabinet_admin'],
    officeFree: true,
    call: () => ['GET', '/api/v1/staff'],
  },
];

const actors: { user: string; role: Role; office: 'PL' | 'LT' | null }[] = [
  { user: 'cabinet', role: 'cabinet_admin', office: null },
  ...(['PL', 'LT'] as const).flatMap((office) =>
    (['clerk', 'approver', 'office_admin'] as const).map((role) => ({
      user: `${office.toLowerCase()}-${role}`,
      role,
      office,
    })),
  ),
];

beforeAll(async () => {
  r = await testRegistry();
  for (const a of actors) tokens[a.user] = await tokenFor(r.app, a.user);
  tokens['pl-clerk2'] = await tokenFor(r.app, 'pl-clerk2');
  await createAccountDirectly(r.deps, {
    username: 'pl-approver2',
    displayName: 'PL approver 2',
    password: PASSWORD,
    role: 'approver',
    officeId: r.offices.PL,
  });
  tokens['pl-approver2'] = await tokenFor(r.app, 'pl-approver2');
  await createAccountDirectly(r.deps, {
    username: 'pl-office_admin2',
    displayName: 'PL office admin 2',
    password: PASSWORD,
    role: 'office_admin',
    officeId: r.offices.PL,
  });
  tokens['pl-office_admin2'] = await tokenFor(r.app, 'pl-office_admin2');
  pl = {
    clerk: api(r.app, tokens['pl-clerk']),
    approver: api(r.app, tokens['pl-approver2'] ?? tokens['pl-approver']),
  };
});
afterAll(() => r.close());

describe('authorisation matrix', () => {
  for (const e of endpoints) {
    it(e.name, async () => {
      for (const a of actors) {
        const f = await fixture();
        const [method, path, body, headers] = e.call(f);
        const res = await api(r.app, tokens[a.user])(method, path, body, headers);
        const roleOk = e.allowed.includes(a.role);
        const officeOk = e.officeFree || a.office === 'PL' || a.role === 'cabinet_admin';
        const label = `${a.user} ${method} ${path} -> ${res.status} ${res.text.slice(0, 120)}`;
        if (roleOk && officeOk) expect([401, 403, 404], label).not.toContain(res.status);
        else if (roleOk) expect(res.status, label).toBe(404);
        else expect([403, 404], label).toContain(res.status);
      }
    });
  }

  it('refuses every staff endpoint without credentials', async () => {
    const f = await fixture();
    for (const e of endpoints) {
      const [method, path, body, headers] = e.call(f);
      const res = await api(r.app)(method, path, body, headers);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('keeps lists and searches inside the office', async () => {
    const f = await fixture();
    const lt = api(r.app, tokens['lt-clerk']);
    const ltFound = (await lt('POST', '/api/v1/applicants/search', { q: 'навіц' })).json.items.map(
      (a: { id: string }) => a.id,
    );
    expect(ltFound).not.toContain(f.applicant.id);
    expect(
      (await pl.clerk('POST', '/api/v1/applicants/search', { q: 'навіц' })).json.items.map(
        (a: { id: string }) => a.id,
      ),
    ).toContain(f.applicant.id);
    expect((await lt('GET', '/api/v1/documents')).json.items).toEqual([]);
    expect((await lt('GET', '/api/v1/applications')).json.items).toEqual([]);
    expect(
      (await pl.clerk('GET', '/api/v1/documents')).json.items.map((d: { id: string }) => d.id),
    ).toContain(f.doc.id);
    const ltStaff = (await api(r.app, tokens['lt-office_admin'])('GET', '/api/v1/staff')).json.items;
    expect(ltStaff.every((s: { office_id: string }) => s.office_id === r.offices.LT)).toBe(true);
    expect(JSON.stringify(ltStaff)).not.toContain('password');
  });
});

describe('two-person rule and lifecycle', () => {
  it('forbids approving an application one registered, and explains why', async () => {
    // A staff member who is both: make pl-clerk2 an approver, then let them register and try to approve.
    // Each role change takes the office admin and the cabinet admin (services/staff/staff-requests.ts).
    const roleOf = (role: string) =>
      staffChangeAsTwo(r.app, 'PATCH', `/api/v1/staff/${f.staff.id}`, { role });
    const f = await fixture();
    const cabinet = api(r.app, tokens.cabinet);
    for (const q of (await cabinet('GET', '/api/v1/staff-requests')).json.items)
      if (q.staffId === f.staff.id) await cabinet('POST', `/api/v1/staff-requests/${q.id}/refuse`); // the matrix's
    expect((await roleOf('approver')).status).toBe(200);
    await roleOf('clerk');
    tokens['pl-clerk2'] = await tokenFor(r.app, 'pl-clerk2'); // a role change ends the account's sessions
    const clerk2 = api(r.app, tokens['pl-clerk2']);
    const app = (
      await clerk2('POST', '/api/v1/applications', { applicantId: f.applicant.id, documentType: 'passport' })
    ).json;
    await clerk2('POST', `/api/v1/applications/${app.id}/submit`);
    await roleOf('approver');
    const approver2 = api(r.app, await tokenFor(r.app, 'pl-clerk2'));
    const res = await approver2('POST', `/api/v1/applications/${app.id}/approve`);
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('TWO_PERSON_RULE');
    expect(res.json.error.message).toMatch(/another approver/);
    await roleOf('clerk');
    tokens['pl-clerk2'] = await tokenFor(r.app, 'pl-clerk2');
  });

  it('issues only from approved applications and moves states only forward', async () => {
    const f = await fixture();
    expect((await pl.clerk('POST', `/api/v1/applications/${f.draft.id}/issue`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await pl.clerk('POST', `/api/v1/applications/${f.submitted.id}/issue`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await pl.approver('POST', `/api/v1/applications/${f.draft.id}/approve`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect(
      (
        await pl.approver('POST', `/api/v1/applications/${f.submitted.id}/reject`, {
          reason: 'documents missing',
        })
      ).json.state,
    ).toBe('rejected');
    expect(
      (await pl.approver('POST', `/api/v1/applications/${f.submitted.id}/approve`)).json.error.code,
    ).toBe('INVALID_STATE');
    expect((await pl.clerk('POST', `/api/v1/applications/${f.approved.id}/issue`)).status).toBe(201);
    expect((await pl.clerk('POST', `/api/v1/applications/${f.approved.id}/issue`)).json.error.code).toBe(
      'INVALID_STATE',
    );
  });
});
