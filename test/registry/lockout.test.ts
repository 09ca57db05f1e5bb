// Per-account lockout after repeated wrong passwords, on SQLite and (when the machine has it) PostgreSQL:
// the count lives in the database, so it holds whatever address or service instance the guesses come from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffChangeAsTwo } from '../helpers/staff-change.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { LOGIN_REFUSED } from '../../src/services/staff/auth.js';
import {
  api,
  freshPostgres,
  PASSWORD,
  testDialects,
  testRegistry,
  tokenFor,
  type TestRegistry,
} from '../helpers/registry.js';

const dialects = await testDialects('the lockout tests');

describe.each(dialects)('account lockout on %s', (_name, kind) => {
  let r: TestRegistry;
  let drop: (() => Promise<void>) | undefined;
  const LOCK_AFTER = 3;

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'pg') ({ url, drop } = await freshPostgres());
    r = await testRegistry({
      ...(url ? { databaseUrl: url } : {}),
      config: { loginLockAfter: LOCK_AFTER, loginLockMinutes: 15 },
    });
  });
  afterAll(async () => {
    await r.close();
    await drop?.();
  });

  const attempt = (username: string, password: string) =>
    api(r.app)('POST', '/api/v1/tokens', { username, password, label: 'test' });
  const staffRow = (username: string) =>
    r.handle.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

  it('locks an account after repeated wrong passwords, refuses even the right one then, and unlocks by itself', async () => {
    const wrong = await attempt('pl-clerk', 'not the password');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toEqual({ code: 'UNAUTHENTICATED', message: LOGIN_REFUSED });
    for (let i = 1; i < LOCK_AFTER; i++)
      expect((await attempt('pl-clerk', 'not the password')).status).toBe(401);
    expect((await staffRow('pl-clerk')).locked_until).toBe(new Date(r.clock.t + 15 * 60_000).toISOString());

    // Locked: the right password gets exactly the answer a wrong one gets, and guesses are not counted.
    const right = await attempt('pl-clerk', PASSWORD);
    expect(right.status).toBe(401);
    expect(right.json).toEqual(wrong.json);
    for (let i = 0; i < 5; i++) await attempt('pl-clerk', 'still guessing');
    expect((await staffRow('pl-clerk')).failed_logins).toBe(0);

    // Other accounts are untouched.
    expect((await attempt('pl-approver', PASSWORD)).status).toBe(201);

    r.clock.t += 15 * 60_000 + 1;
    expect((await attempt('pl-clerk', PASSWORD)).status).toBe(201);
    expect(await staffRow('pl-clerk')).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('starts counting again after a successful login', async () => {
    for (let i = 1; i < LOCK_AFTER; i++) await attempt('pl-clerk2', 'not the password');
    expect((await staffRow('pl-clerk2')).failed_logins).toBe(LOCK_AFTER - 1);
    expect((await attempt('pl-clerk2', PASSWORD)).status).toBe(201);
    expect((await staffRow('pl-clerk2')).failed_logins).toBe(0);
    for (let i = 1; i < LOCK_AFTER; i++) await attempt('pl-clerk2', 'not the password');
    expect((await attempt('pl-clerk2', PASSWORD)).status).toBe(201);
  });

  it('answers unknown names like known ones and stores nothing for them', async () => {
    const before = await r.handle.db
      .selectFrom('staff')
      .select(['username', 'failed_logins', 'locked_until'])
      .orderBy('username')
      .execute();
    for (let i = 0; i < LOCK_AFTER + 1; i++) {
      const res = await attempt('no-such-user', 'whatever it is');
      expect(res.status).toBe(401);
      expect(res.json.error.message).toBe(LOGIN_REFUSED);
    }
    expect(
      await r.handle.db
        .selectFrom('staff')
        .select(['username', 'failed_logins', 'locked_until'])
        .orderBy('username')
        .execute(),
    ).toEqual(before);
  });

  it('lets an office admin of the same office unlock the account and audits lock and unlock', async () => {
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    const otherAdmin = api(r.app, await tokenFor(r.app, 'lt-office_admin'));
    for (let i = 0; i < LOCK_AFTER; i++) await attempt('pl-approver', 'not the password');
    const locked = (await admin('GET', '/api/v1/staff')).json.items.find(
      (s: { username: string }) => s.username === 'pl-approver',
    );
    expect(locked.locked_until).not.toBeNull();
    expect(locked).not.toHaveProperty('password_hash');

    expect((await otherAdmin('PATCH', `/api/v1/staff/${locked.id}`, { unlock: true })).status).toBe(404); // other offices' records do not exist for them
    expect((await admin('PATCH', `/api/v1/staff/${locked.id}`, { unlock: false })).status).toBe(422);
    const unlocked = await admin('PATCH', `/api/v1/staff/${locked.id}`, { unlock: true });
    expect(unlocked.status, unlocked.text).toBe(200);
    expect(unlocked.json).toMatchObject({ locked_until: null });
    expect(unlocked.json).not.toHaveProperty('failed_logins'); // the count is nobody's to watch
    expect((await attempt('pl-approver', PASSWORD)).status).toBe(201);

    const audit = await r.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'target_id', 'details'])
      .where('target_id', '=', locked.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['staff.create', 'staff.locked', 'staff.update']);
    expect(audit[1]!.actor_id).toBeNull(); // nobody logged in did it
    expect(JSON.parse(audit[2]!.details)).toMatchObject({ unlocked: true });
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });

  it('lifts a lock when two admins reset the password (the owner logs in with the activation code)', async () => {
    for (let i = 0; i < LOCK_AFTER; i++) await attempt('lt-clerk', 'not the password');
    const id = (await staffRow('lt-clerk')).id;
    const body = { resetPassword: true };
    const reset = await staffChangeAsTwo(r.app, 'PATCH', `/api/v1/staff/${id}`, body, 'lt-office_admin');
    expect(reset.status, reset.text).toBe(200);
    const session = await api(r.app)('POST', '/api/v1/session', {
      username: 'lt-clerk',
      password: reset.json.activationCode,
    });
    expect(session.status).toBe(200);
    expect(session.json.mustSetPassword).toBe(true);
  });

  it('unlocks only a locked account, and never shows or resets the count of wrong passwords', async () => {
    // Issue 21: seven wrong guesses, "unlock", seven more, for ever. Now the unlock of an unlocked account is
    // refused and the count stays; the lock comes at the eighth wrong guess whatever the admin does.
    const admin = api(r.app, await tokenFor(r.app, 'lt-office_admin'));
    const id = (await staffRow('lt-clerk2')).id;
    for (let i = 0; i < LOCK_AFTER - 1; i++) await attempt('lt-clerk2', 'not the password');
    const unlock = await admin('PATCH', `/api/v1/staff/${id}`, { unlock: true });
    expect(unlock.status).toBe(409);
    expect(unlock.json.error.code).toBe('INVALID_STATE');
    expect((await staffRow('lt-clerk2')).failed_logins).toBe(LOCK_AFTER - 1);
    const listed = (await admin('GET', '/api/v1/staff')).json.items.find((s: { id: string }) => s.id === id);
    expect(listed).not.toHaveProperty('failed_logins');
    await attempt('lt-clerk2', 'not the password');
    expect((await staffRow('lt-clerk2')).locked_until).not.toBeNull();
    expect((await attempt('lt-clerk2', PASSWORD)).status).toBe(401);
  });

  it('lets anyone change their own password with the current one, ending their other sessions and tokens', async () => {
    const first = await tokenFor(r.app, 'lt-approver');
    const second = await tokenFor(r.app, 'lt-approver');
    const me = api(r.app, first);
    const change = (body: unknown) => me('PUT', '/api/v1/session/password', body);

    const wrong = await change({
      currentPassword: 'not the password',
      newPassword: 'a fresh long passphrase',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.fields).toEqual([
      { field: 'currentPassword', code: 'WRONG_PASSWORD', message: 'wrong password' },
    ]);
    expect((await staffRow('lt-approver')).failed_logins).toBe(1); // counts towards the lock like a wrong login
    expect(
      (await change({ currentPassword: PASSWORD, newPassword: 'short' })).json.error.fields[0].field,
    ).toBe('newPassword');
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).json.error.fields).toEqual([
      { field: 'newPassword', code: 'SAME_PASSWORD', message: 'same as the current one' },
    ]);

    expect((await change({ currentPassword: PASSWORD, newPassword: 'a fresh long passphrase' })).status).toBe(
      204,
    );
    expect((await me('GET', '/api/v1/session')).status).toBe(200); // this session goes on
    expect((await api(r.app, second)('GET', '/api/v1/session')).status).toBe(401); // the other one ended
    expect((await attempt('lt-approver', PASSWORD)).status).toBe(401);
    expect((await attempt('lt-approver', 'a fresh long passphrase')).status).toBe(201);
    expect((await staffRow('lt-approver')).failed_logins).toBe(0);
    const audit = await r.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', (await staffRow('lt-approver')).id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('staff.password');
    expect(
      (
        await api(r.app)('PUT', '/api/v1/session/password', {
          currentPassword: 'x',
          newPassword: 'a fresh long passphrase',
        })
      ).status,
    ).toBe(401);
  });
});

describe('own sessions and tokens', () => {
  it("lists them and ends one of one's own, never another account's", async () => {
    const r = await testRegistry();
    try {
      const integration = await tokenFor(r.app, 'pl-approver');
      const desk = api(r.app, await tokenFor(r.app, 'pl-approver'));
      const mine = (await desk('GET', '/api/v1/session/tokens')).json.items;
      expect(mine).toHaveLength(2);
      expect(mine.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
      const other = mine.find((s: { current: boolean }) => !s.current);
      expect(other).toMatchObject({ kind: 'api', label: 'test' });
      expect(JSON.stringify(mine)).not.toContain(integration); // hashes only, never the secrets

      const stranger = api(r.app, await tokenFor(r.app, 'pl-clerk'));
      expect((await stranger('DELETE', `/api/v1/session/tokens/${other.id}`)).status).toBe(404);
      expect((await api(r.app, integration)('GET', '/api/v1/session')).status).toBe(200);
      expect((await desk('DELETE', `/api/v1/session/tokens/${other.id}`)).status).toBe(204);
      expect((await api(r.app, integration)('GET', '/api/v1/session')).status).toBe(401);
      expect((await desk('DELETE', `/api/v1/session/tokens/${other.id}`)).status).toBe(404);
      expect((await desk('DELETE', '/api/v1/session/tokens/not-a-hash')).status).toBe(404);
      expect((await desk('GET', '/api/v1/session/tokens')).json.items).toHaveLength(1);
    } finally {
      await r.close();
    }
  });
});

describe('per-account request budgets', () => {
  it('slows one account down without touching the others: searches first, then every call', async () => {
    const r = await testRegistry({ config: { staffRateLimit: 6, searchRateLimit: 2 } });
    try {
      const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
      const other = api(r.app, await tokenFor(r.app, 'pl-clerk2'));
      const search = () => clerk('POST', '/api/v1/applicants/search', { q: 'на' });
      expect((await search()).status).toBe(200);
      expect((await clerk('POST', '/api/v1/documents/lookup', { number: 'PA0000000' })).status).toBe(404);
      const limited = await search();
      expect(limited.status).toBe(429);
      expect(limited.json.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await other('POST', '/api/v1/applicants/search', { q: 'на' })).status).toBe(200);
      // Three calls so far; three more pass, the seventh is refused, whatever it is.
      for (let i = 0; i < 3; i++) expect((await clerk('GET', '/api/v1/session')).status).toBe(200);
      expect((await clerk('GET', '/api/v1/document-types')).status).toBe(429);
      expect((await other('GET', '/api/v1/document-types')).status).toBe(200);
      r.clock.t += 60_000; // a new window
      expect((await search()).status).toBe(200);
    } finally {
      await r.close();
    }
  });
});
