// One budget for personal data (issue 10): a clerk's token paging through lists and searches is refused with
// 429 before it has read more than the budget's people's records in a minute, counted in the database, so
// two service instances share it; the first refusal is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { testPhoto } from '../helpers/photo.js';
import {
  api,
  freshPostgres,
  NAVITSKAYA,
  postgresForTests,
  type TestRegistry,
  testRegistry,
  tokenFor,
} from '../helpers/registry.js';

const pgUp = await postgresForTests('the data budget test');
const BUDGET = 25;

describe.skipIf(!pgUp)('the personal-data budget, across two instances on one PostgreSQL database', () => {
  let r: TestRegistry;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    r = await testRegistry({ databaseUrl: fresh.url, config: { personalDataBudget: BUDGET } });
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    for (let i = 0; i < 12; i++) {
      const a = (
        await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: `Ганна${'абвгдежзіклм'[i]}` })
      ).json;
      if (i === 0)
        await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(testPhoto()), {
          'content-type': 'image/png',
        });
    }
  });
  afterAll(async () => {
    await r.close();
    await drop();
  });

  it('refuses with 429 and Retry-After before the budget is exceeded, whichever instance is asked', async () => {
    const token = await tokenFor(r.app, 'pl-clerk');
    const one = api(r.app, token);
    const other = api(createApp({ ...r.deps }), token); // a second instance: its own memory, the same database
    let read = 0;
    let refused: { status: number; headers: Headers; json: any } | undefined;
    for (let i = 0; i < 10 && !refused; i++) {
      const res = await (i % 2 ? other : one)('POST', '/api/v1/applicants/search', { q: 'навіцкая' });
      if (res.status === 429) refused = res;
      else read += res.json.items.length;
    }
    expect(refused?.json.error.code).toBe('RATE_LIMITED');
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(read).toBeLessThanOrEqual(BUDGET);
    // Single records count too, and the refusal holds on both instances until the minute ends.
    const someone = await r.deps.db.selectFrom('applicants').select('id').executeTakeFirstOrThrow();
    expect((await other('GET', `/api/v1/applicants/${someone.id}`)).status).toBe(429);
    const audit = await r.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'staff.data-budget-exceeded')
      .execute();
    expect(audit).toHaveLength(1);
    r.clock.t += 61_000;
    expect((await one('POST', '/api/v1/applicants/search', { q: 'навіцкая' })).status).toBe(200);
  });

  it('keeps the audit chain whole while accounts run over their budget as others write (issue 21)', async () => {
    // The refusal's audit entry was appended outside a transaction: on PostgreSQL, four accounts pushed
    // over their budget while a clerk registered applicants broke the chain (entry N linked to N-2).
    r.clock.t += 61_000;
    const readers = await Promise.all(
      ['pl-approver', 'pl-office_admin', 'lt-clerk', 'lt-approver'].map(async (u) =>
        api(r.app, await tokenFor(r.app, u)),
      ),
    );
    const writer = api(r.app, await tokenFor(r.app, 'pl-clerk2'));
    const someone = await r.deps.db.selectFrom('applicants').select('id').executeTakeFirstOrThrow();
    for (let round = 0; round < 3; round++) {
      r.clock.t += 61_000;
      await Promise.all([
        ...readers.map(async (read) => {
          for (let i = 0; i < BUDGET + 3; i++) await read('GET', `/api/v1/applicants/${someone.id}`);
        }),
        (async () => {
          for (let i = 0; i < 8; i++)
            await writer('POST', '/api/v1/applicants', {
              ...NAVITSKAYA,
              givenNames: `Марта${'абвгдежз'[i]}`,
            });
        })(),
      ]);
    }
    const refusals = await r.deps.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'staff.data-budget-exceeded')
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(6);
    expect(await verifyAuditChain(r.deps.db)).toMatchObject({ ok: true });
  });
});
