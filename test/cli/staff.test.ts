// nbr staff add: how a production service gets its founding pair of cabinet admins (development mode makes
// its own accounts), the one exception to two administrators per account change. The accounts it creates log
// in through the API; one confirms the other's requests; the creations are in the audit chain.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbCommands } from '../../src/cli/commands/db.js';
import { runCli } from '../../src/cli/main.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { api, testRegistry, type TestRegistry } from '../helpers/registry.js';

describe('nbr staff add', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbr-staff-'));
  const database = `sqlite:${join(dir, 'registry.db')}`;
  let r: TestRegistry;
  beforeAll(async () => {
    r = await testRegistry({ databaseUrl: database, staff: false }); // offices loaded from the trust list, nobody to log in
  });
  afterAll(() => r.close());

  function cli(env: Record<string, string> = { NBR_STAFF_PASSWORD: 'first admin passphrase' }) {
    const out: string[] = [];
    const err: string[] = [];
    const ctx = {
      env,
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      clock: () => r.clock.now(),
      documentTypes: new DocumentTypeRegistry(),
      readStdin: async () => '',
    };
    return {
      out,
      err,
      run: (argv: string[]) => runCli(['staff', 'add', ...argv, '--database', database], ctx, dbCommands),
    };
  }
  const login = (username: string, password: string) =>
    api(r.app)('POST', '/api/v1/tokens', { username, password, label: 'x' });

  let asked: { id: string };
  it("creates a cabinet admin who can log in and ask for the offices' admins", async () => {
    const c = cli();
    expect(
      await c.run(['--username', 'Cabinet', '--display-name', 'First Admin', '--role', 'cabinet_admin']),
    ).toBe(0);
    expect(c.out).toEqual(['created cabinet_admin cabinet']);
    const token = await login('cabinet', 'first admin passphrase');
    expect(token.status, token.text).toBe(201);
    const request = await api(r.app, token.json.token)('POST', '/api/v1/staff', {
      username: 'pl-admin',
      displayName: 'PL Admin',
      role: 'office_admin',
      officeId: r.offices.PL,
    });
    expect(request.status, request.text).toBe(202); // a second administrator confirms it
    asked = request.json;
    expect((await api(r.app)('GET', '/api/v1/staff')).status).toBe(401);
  });

  it("creates the second cabinet admin, with the password from a file, who confirms the first one's request", async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'second admin passphrase\n', { mode: 0o600 });
    const c = cli({});
    const argv = ['--username', 'cabinet2', '--display-name', 'Second Admin', '--role', 'cabinet_admin'];
    expect(await c.run([...argv, '--password-file', file])).toBe(0);
    const token = (await login('cabinet2', 'second admin passphrase')).json.token;
    const confirmed = await api(r.app, token)('POST', `/api/v1/staff-requests/${asked.id}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    // The new admin logs in with the one-time code shown to the confirming admin, and sets a password.
    const session = await api(r.app)('POST', '/api/v1/session', {
      username: 'pl-admin',
      password: confirmed.json.activationCode,
    });
    expect(session.json.mustSetPassword).toBe(true);
    const row = await r.handle.db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', 'cabinet2')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('second admin passphrase');
    const audit = await verifyAuditChain(r.handle.db);
    expect(audit.ok).toBe(true);
    const created = await r.handle.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'staff.create')
      .execute();
    expect(created.map((a) => JSON.parse(a.details).via ?? 'confirmed')).toEqual([
      'nbr staff add',
      'nbr staff add',
      'confirmed',
    ]);
  });

  it.each([
    [
      {},
      ['--username', 'x', '--display-name', 'X', '--role', 'clerk', '--office', 'PL-WAW'],
      /NBR_STAFF_PASSWORD or --password-file/,
    ],
    [
      undefined,
      ['--username', 'y', '--display-name', 'Y', '--role', 'king'],
      /--role must be one of clerk, approver, office_admin, cabinet_admin/,
    ],
    [
      undefined,
      ['--username', 'y', '--display-name', 'Y', '--role', 'clerk', '--office', 'CZ-PRG'],
      /office CZ-PRG is not in the database/,
    ],
    [
      undefined,
      ['--username', 'y', '--display-name', 'Y', '--role', 'clerk', '--office', 'PL-WAW'],
      /creates only the first 2 cabinet admins; other accounts are asked for in the console/,
    ],
    [
      undefined,
      ['--username', 'y', '--display-name', 'Y', '--role', 'cabinet_admin'],
      /creates only the first 2 cabinet admins; more are asked for in the console/,
    ],
    [
      { NBR_STAFF_PASSWORD: 'short' },
      ['--username', 'z', '--display-name', 'Z', '--role', 'cabinet_admin'],
      /password too short: password at least 12 characters/,
    ],
    [undefined, ['--display-name', 'Z', '--role', 'cabinet_admin'], /--username is required/],
  ])('refuses %j %j with one line and exit 2', async (env, argv, message) => {
    const before = await r.handle.db.selectFrom('staff').select('username').execute();
    const c = cli(env as Record<string, string> | undefined);
    expect(await c.run(argv as string[])).toBe(2);
    expect(c.err.join('\n')).toMatch(message);
    expect(c.err).toHaveLength(1);
    expect(await r.handle.db.selectFrom('staff').select('username').execute()).toEqual(before);
  });
});
