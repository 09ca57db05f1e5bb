// Privileged account changes take two administrators (issue 10, services/staff/staff-requests.ts), on SQLite and
// PostgreSQL. A hostile office admin alone tries every sequence of account creation, role change, re-enabling
// and password reset that could give them a second pair of hands; none yields an account they can use, so
// none reaches an issued document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit.js';
import { createAccountDirectly } from '../../src/services/staff/staff.js';
import { REQUEST_TTL_MS } from '../../src/services/staff/staff-requests.js';
import { api, NAVITSKAYA, PASSWORD, registryOn, testDialects, tokenFor } from '../helpers/registry.js';

const dialects = await testDialects('the staff request tests');

const NEW_PASSWORD = 'the mole knows this one';

describe.each(dialects)('account changes take two administrators on %s', (_name, kind) => {
  let r: Awaited<ReturnType<typeof registryOn>>;
  let mole: ReturnType<typeof api>;
  let cabinet: ReturnType<typeof api>;
  const login = (username: string, password: string) =>
    api(r.app)('POST', '/api/v1/tokens', { username, password, label: 'x' });
  const idOf = async (username: string) =>
    (
      await r.handle.db
        .selectFrom('staff')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const newAccount = (username: string, role: string) => ({
    username,
    displayName: username,
    role,
    officeId: r.offices.PL,
  });
  /** The owner's first login with an activation code: a console session that can only set the password. */
  const activate = async (username: string, code: string, password = NEW_PASSWORD) => {
    const session = await api(r.app)('POST', '/api/v1/session', { username, password: code });
    expect(session.status, session.text).toBe(200);
    expect(session.json.mustSetPassword).toBe(true);
    const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': session.json.csrfToken };
    const owner = api(r.app);
    // Nothing else until the password is set: not even reading one's own office's records.
    const blocked = await owner('GET', '/api/v1/applications', undefined, headers);
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const set = await owner(
      'PUT',
      '/api/v1/session/password',
      { currentPassword: code, newPassword: password },
      headers,
    );
    expect(set.status, set.text).toBe(204);
    expect((await owner('GET', '/api/v1/session', undefined, headers)).json.mustSetPassword).toBe(false);
  };

  beforeAll(async () => {
    r = await registryOn(kind);
    await createAccountDirectly(r.deps, {
      username: 'pl-office_admin2',
      displayName: 'PL admin 2',
      password: PASSWORD,
      role: 'office_admin',
      officeId: r.offices.PL,
    });
    await createAccountDirectly(r.deps, {
      username: 'cabinet2',
      displayName: 'Cabinet 2',
      password: PASSWORD,
      role: 'cabinet_admin',
      officeId: null,
    });
    mole = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    cabinet = api(r.app, await tokenFor(r.app, 'cabinet'));
  });
  afterAll(() => r.dispose());

  it('one office admin alone gets no account to act with, by any sequence of requests', async () => {
    const before = await r.handle.db
      .selectFrom('staff')
      .select(['id', 'role', 'disabled', 'password_hash'])
      .orderBy('id')
      .execute();
    const asks: { id: string }[] = [];
    const ask = async (method: string, path: string, body: unknown) => {
      const res = await mole(method, path, body);
      expect(res.status, res.text).toBe(202);
      expect(res.json.state).toBe('pending');
      asks.push(res.json);
    };
    // New accounts: a clerk and an approver of their own.
    await ask('POST', '/api/v1/staff', newAccount('mole-clerk', 'clerk'));
    await ask('POST', '/api/v1/staff', newAccount('mole-approver', 'approver'));
    // Take over the real approver (password reset), promote the real clerk, revive a disabled account.
    await ask('PATCH', `/api/v1/staff/${await idOf('pl-approver')}`, { resetPassword: true });
    await ask('PATCH', `/api/v1/staff/${await idOf('pl-clerk')}`, { role: 'approver' });
    const clerk2 = await idOf('pl-clerk2');
    expect((await mole('PATCH', `/api/v1/staff/${clerk2}`, { disabled: true })).status).toBe(200); // alone: it only takes power away
    await ask('PATCH', `/api/v1/staff/${clerk2}`, { disabled: false });
    // A second admin's account: reset it too, so as to confirm with it.
    await ask('PATCH', `/api/v1/staff/${await idOf('pl-office_admin2')}`, { resetPassword: true });
    // Nor can the requester choose the password any more (issue 21): a password in the request is refused.
    const chosen = await mole('PATCH', `/api/v1/staff/${await idOf('pl-approver')}`, {
      password: NEW_PASSWORD,
    });
    expect(chosen.json.error.fields[0]).toMatchObject({ field: 'password', code: 'UNKNOWN_FIELD' });
    const chosenNew = await mole('POST', '/api/v1/staff', {
      ...newAccount('mole-x', 'clerk'),
      password: NEW_PASSWORD,
    });
    expect(chosenNew.status).toBe(422);

    for (const a of asks) {
      const res = await mole('POST', `/api/v1/staff-requests/${a.id}/confirm`);
      expect(res.status, res.text).toBe(403);
      expect(res.json.error.code).toBe('TWO_PERSON_RULE');
    }
    for (const name of ['mole-clerk', 'mole-approver', 'pl-approver', 'pl-office_admin2', 'pl-clerk2'])
      expect((await login(name, NEW_PASSWORD)).status, name).toBe(401);
    expect((await login('pl-clerk2', PASSWORD)).status).toBe(401); // still disabled
    expect((await login('pl-approver', PASSWORD)).status).toBe(201); // the owner keeps their password
    // The real clerk is still a clerk: cannot approve.
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const applicant = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    const app = (
      await clerk('POST', '/api/v1/applications', {
        applicantId: applicant.id,
        documentType: 'passport',
      })
    ).json;
    expect((await clerk('POST', `/api/v1/applications/${app.id}/approve`)).json.error.code).toBe('FORBIDDEN');
    // Its own account: no role change, no re-enabling, no password reset without the current password.
    const self = await idOf('pl-office_admin');
    expect((await mole('PATCH', `/api/v1/staff/${self}`, { role: 'approver' })).status).toBe(403);
    expect((await mole('PATCH', `/api/v1/staff/${self}`, { resetPassword: true })).status).toBe(403);
    // The second admin, the account a request is about, cannot confirm it either.
    const admin2 = api(r.app, await tokenFor(r.app, 'pl-office_admin2'));
    const aboutAdmin2 = asks.at(-1)!;
    expect((await admin2('POST', `/api/v1/staff-requests/${aboutAdmin2.id}/confirm`)).json.error.code).toBe(
      'TWO_PERSON_RULE',
    );
    // Nothing changed in the accounts; no document was issued.
    const after = await r.handle.db
      .selectFrom('staff')
      .select(['id', 'role', 'disabled', 'password_hash'])
      .orderBy('id')
      .execute();
    expect(after.filter((s) => s.id !== clerk2)).toEqual(before.filter((s) => s.id !== clerk2));
    expect(await r.handle.db.selectFrom('documents').select('id').execute()).toEqual([]);
    // The cabinet sees the requests, and which it may confirm; the other office's admin does not.
    const seen = (await cabinet('GET', '/api/v1/staff-requests')).json.items;
    expect(seen.map((q: { id: string }) => q.id).sort()).toEqual(asks.map((a) => a.id).sort());
    expect(seen.every((q: { canConfirm: boolean }) => q.canConfirm)).toBe(true);
    const lt = api(r.app, await tokenFor(r.app, 'lt-office_admin'));
    expect((await lt('GET', '/api/v1/staff-requests')).json.items).toEqual([]);
    expect((await lt('POST', `/api/v1/staff-requests/${asks[0]!.id}/confirm`)).status).toBe(404);
    const mine = (await mole('GET', '/api/v1/staff-requests')).json.items;
    expect(mine.every((q: { canConfirm: boolean }) => !q.canConfirm)).toBe(true);
    for (const a of asks) await cabinet('POST', `/api/v1/staff-requests/${a.id}/refuse`);
    expect((await cabinet('GET', '/api/v1/staff-requests')).json.items).toEqual([]);
  });

  it('a second administrator makes the change take effect, once', async () => {
    const asked = (await mole('POST', '/api/v1/staff', newAccount('new-clerk', 'clerk'))).json;
    // The pending account holds its username.
    expect((await mole('POST', '/api/v1/staff', newAccount('new-clerk', 'clerk'))).json.error.code).toBe(
      'CONFLICT',
    );
    const admin2 = api(r.app, await tokenFor(r.app, 'pl-office_admin2'));
    const confirmed = await admin2('POST', `/api/v1/staff-requests/${asked.id}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json.staff).toMatchObject({ username: 'new-clerk', role: 'clerk', disabled: 0 });
    expect(JSON.stringify(confirmed.json)).not.toMatch(/password_hash|\$scrypt|\$argon/);
    // The confirming admin alone is shown the one-time code; the requester never sees one.
    const code = confirmed.json.activationCode as string;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{5}){3}$/);
    expect(JSON.stringify((await mole('GET', '/api/v1/staff-requests')).json)).not.toContain(code);
    expect((await login('new-clerk', code)).status).toBe(401); // no API token from a code
    await activate('new-clerk', code);
    expect((await login('new-clerk', NEW_PASSWORD)).status).toBe(201);
    expect((await login('new-clerk', code)).status).toBe(401); // used once
    expect((await admin2('POST', `/api/v1/staff-requests/${asked.id}/confirm`)).json.error.code).toBe(
      'INVALID_STATE',
    );

    // A password reset: a code once confirmed, the old password no longer, open sessions end; the owner
    // chooses the new password.
    const session = await tokenFor(r.app, 'lt-clerk');
    const lt = api(r.app, await tokenFor(r.app, 'lt-office_admin'));
    const reset = (await lt('PATCH', `/api/v1/staff/${await idOf('lt-clerk')}`, { resetPassword: true }))
      .json;
    expect((await login('lt-clerk', PASSWORD)).status).toBe(201); // not yet confirmed
    const resetDone = await cabinet('POST', `/api/v1/staff-requests/${reset.id}/confirm`);
    expect(resetDone.status).toBe(200);
    await activate('lt-clerk', resetDone.json.activationCode);
    expect((await login('lt-clerk', NEW_PASSWORD)).status).toBe(201);
    expect((await login('lt-clerk', PASSWORD)).status).toBe(401);
    expect((await api(r.app, session)('GET', '/api/v1/session')).status).toBe(401);

    // Refused and withdrawn requests change nothing.
    const promote = (
      await lt('PATCH', `/api/v1/staff/${await idOf('lt-approver')}`, { role: 'office_admin' })
    ).json;
    expect((await lt('POST', `/api/v1/staff-requests/${promote.id}/refuse`)).json.request.state).toBe(
      'withdrawn',
    );
    const again = (await lt('PATCH', `/api/v1/staff/${await idOf('lt-approver')}`, { role: 'office_admin' }))
      .json;
    expect((await cabinet('POST', `/api/v1/staff-requests/${again.id}/refuse`)).json.request.state).toBe(
      'refused',
    );
    expect((await cabinet('POST', `/api/v1/staff-requests/${again.id}/confirm`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect(
      (
        await r.handle.db
          .selectFrom('staff')
          .select('role')
          .where('username', '=', 'lt-approver')
          .executeTakeFirstOrThrow()
      ).role,
    ).toBe('approver');
    // Nothing of a refused password stays in the database.
    const kept = await r.handle.db
      .selectFrom('staff_requests')
      .select('password_hash')
      .where('state', '!=', 'pending')
      .execute();
    expect(kept.every((k) => k.password_hash === null)).toBe(true);

    const actions = (await r.handle.db.selectFrom('audit_log').select('action').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.create.request',
        'staff.create',
        'staff.change.request',
        'staff.update',
        'staff.change.withdraw',
        'staff.change.refuse',
      ]),
    );
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });

  it("cabinet admins' accounts are decided by another cabinet admin; a request lapses after a week", async () => {
    const asked = (
      await cabinet('POST', '/api/v1/staff', { ...newAccount('cabinet3', 'cabinet_admin'), officeId: null })
    ).json;
    expect((await mole('GET', '/api/v1/staff-requests')).json.items).toEqual([]);
    expect((await mole('POST', `/api/v1/staff-requests/${asked.id}/confirm`)).status).toBe(404);
    const cabinet2 = api(r.app, await tokenFor(r.app, 'cabinet2'));
    expect((await cabinet2('GET', '/api/v1/staff-requests')).json.items[0]).toMatchObject({
      id: asked.id,
      kind: 'create',
      username: 'cabinet3',
      role: 'cabinet_admin',
      canConfirm: true,
    });
    r.clock.t += REQUEST_TTL_MS;
    expect((await cabinet2('POST', `/api/v1/staff-requests/${asked.id}/confirm`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await cabinet2('GET', '/api/v1/staff-requests')).json.items).toEqual([]);
    expect((await login('cabinet3', NEW_PASSWORD)).status).toBe(401);
  });

  it('refuses a patch mixing what takes one admin with what takes two, and no-op changes', async () => {
    const id = await idOf('pl-approver');
    const mixed = await mole('PATCH', `/api/v1/staff/${id}`, { disabled: true, role: 'clerk' });
    expect(mixed.status).toBe(422);
    expect(mixed.json.error.message).toMatch(/send them separately/);
    expect((await mole('PATCH', `/api/v1/staff/${id}`, { role: 'approver' })).status).toBe(422);
    expect((await mole('PATCH', `/api/v1/staff/${id}`, { disabled: false })).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await mole('PATCH', `/api/v1/staff/${id}`, {})).status).toBe(422);
  });
});
