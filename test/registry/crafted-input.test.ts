// Issue 10's smaller items, on SQLite and PostgreSQL: crafted input answers 4xx with a stable code (it
// answered 500), login takes only JSON (login CSRF), and an admin's own password needs the current one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPhoto } from '../helpers/photo.js';
import {
  api,
  freshPostgres,
  NAVITSKAYA,
  PASSWORD,
  postgresForTests,
  type TestRegistry,
  testRegistry,
  tokenFor,
} from '../helpers/registry.js';

const pgUp = await postgresForTests('the PostgreSQL half');
const dialects: [string, boolean][] = [
  ['sqlite', false],
  ...(pgUp ? [['postgres', true] as [string, boolean]] : []),
];

describe.each(dialects)('crafted input on %s', (_name, pg) => {
  let r: TestRegistry;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let url: string | undefined;
    if (pg) ({ url, drop } = await freshPostgres());
    r = await testRegistry(url ? { databaseUrl: url } : {});
  });
  afterAll(async () => {
    await r.close();
    await drop?.();
  });

  it('refuses NUL characters with 422, also in the unauthenticated login', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const res = await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, surname: 'Наві\u0000цкая' });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    const login = await api(r.app)('POST', '/api/v1/tokens', {
      username: 'pl-\u0000clerk',
      password: PASSWORD,
      label: 'x',
    });
    expect(login.status).toBe(422);
  });

  it('refuses a photo whose Content-Type is "__proto__" with 422', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const a = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    const res = await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': '__proto__',
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('takes login bodies only as application/json (a cross-site text/plain form cannot log a browser in)', async () => {
    const body = JSON.stringify({ username: 'pl-clerk', password: PASSWORD });
    for (const path of ['/api/v1/session', '/api/v1/tokens']) {
      const res = await r.app.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.status, path).toBe(415);
      expect((await res.json()).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it("refuses an admin's own password change through the staff endpoint", async () => {
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    const me = (await admin('GET', '/api/v1/session')).json.staff;
    const res = await admin('PATCH', `/api/v1/staff/${me.id}`, { resetPassword: true });
    expect(res.status).toBe(403);
    expect(
      (
        await api(r.app)('POST', '/api/v1/tokens', {
          username: 'pl-office_admin',
          password: PASSWORD,
          label: 'y',
        })
      ).status,
    ).toBe(201);
  });
});

describe('the SQLite database file', () => {
  it('is created readable by its owner only, and so are its WAL files', async () => {
    const { mkdtempSync, statSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { connect } = await import('../../src/db/connect.js');
    const { migrateToLatest } = await import('../../src/db/migrations.js');
    const file = join(mkdtempSync(join(tmpdir(), 'nbr-perm-')), 'registry.db');
    const handle = connect(`sqlite:${file}`);
    await migrateToLatest(handle.db);
    for (const f of [file, `${file}-wal`]) if (existsSync(f)) expect(statSync(f).mode & 0o777, f).toBe(0o600);
    await handle.close();
  });
});
