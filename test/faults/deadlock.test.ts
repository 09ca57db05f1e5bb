// Revocations and passport re-issues (which supersede, so revoke too) running at once on PostgreSQL: with
// one lock order (services/audit.ts lockAuditHead) none deadlocks, and every request succeeds. Before it, the
// two took the status and audit counters in opposite orders and PostgreSQL aborted some with 40P01.
import { revokeAsTwo } from '../helpers/revoke.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPassport, issuePassport } from '../helpers/issue-passport.js';
import {
  api,
  freshPostgres,
  NAVITSKAYA,
  postgresForTests,
  type TestRegistry,
  testRegistry,
  tokenFor,
} from '../helpers/registry.js';

const pgUp = await postgresForTests('the deadlock test');

describe.skipIf(!pgUp)('concurrent revocation and re-issue on PostgreSQL', () => {
  let r: TestRegistry;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    r = await testRegistry({ databaseUrl: fresh.url });
  });
  afterAll(async () => {
    await r.close();
    await drop();
  });

  it('deadlocks never, answers every request', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const holders = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          issuePassport(r, { ...NAVITSKAYA, givenNames: `Ганна${'абвгдежз'[i]}`, personalNumber: '' }),
        ),
      );
      // Holders 0-3 get a new passport (superseding the old one); 4-7 have theirs revoked, all at once.
      const reissues = await Promise.all(
        holders.slice(0, 4).map((h) => approvedPassport(r.app, h.applicantId)),
      );
      const answers = await Promise.all([
        ...reissues.map((id) => clerk('POST', `/api/v1/applications/${id}/issue`)),
        ...holders.slice(4).map((h) => revokeAsTwo(r.app, h.id, { reason: 'lost', note: 'test' })),
      ]);
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
  });
});
