// nbr staff add: how a production service gets its first admin (development mode makes its own accounts).
// The account it creates logs in through the API, and the creation is in the audit chain.
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

  it("creates a cabinet admin who can log in and create the offices' admins", async () => {
    const c = cli();
    expect(
      await c.run(['--username', 'Cabinet', '--display-name', 'First Admin', '--role', 'cabinet_admin']),
    ).toBe(0);
    expect(c.out).toEqual(['created cabinet_admin cabinet']);
    const token = await login('cabinet', 'first admin passphrase');
    expect(token.status, token.text).toBe(201);
    const created = await api(r.app, token.json.token)('POST', '/api/v1/staff', {
      username: 'pl-admin',
      displayName: 'PL Admin',
      password: 'another long passphrase',
      role: 'office_admin',
      officeId: r.offices.PL,
    });
    expect(created.status, created.text).toBe(201);
  });

  it('creates an office admin at a known office, with the password from a file', async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'office admin passphrase\n', { mode: 0o600 });
    const c = cli({});
    expect(
      await c.run([
        '--username',
        'lt-admin',
        '--display-name',
        'LT Admin',
        '--role',
        'office_admin',
        '--office',
        'LT-VNO',
        '--password-file',
        file,
      ]),
    ).toBe(0);
    expect((await login('lt-admin', 'office admin passphrase')).status).toBe(201);
    const row = await r.handle.db
      .selectFrom('staff')
      .selectAll()
      .where('username', '=', 'lt-admin')
      .executeTakeFirstOrThrow();
    expect(row.office_id).toBe(r.offices.LT);
    expect(row.password_hash).not.toContain('office admin passphrase');
    const audit = await verifyAuditChain(r.handle.db);
    expect(audit.ok).toBe(true);
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
      ['--username', 'y', '--display-name', 'Y', '--role', 'clerk'],
      /cabinet admins have no office; everyone else has one: officeId does not fit the role/,
    ],
    [
      undefined,
      ['--username', 'cabinet', '--display-name', 'Again', '--role', 'cabinet_admin'],
      /username taken/,
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
