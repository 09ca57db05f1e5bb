// Two service processes on one PostgreSQL database, issuing at the same time from the same seeded random
// stream (so that they draw the same numbers and status indices): no duplicate document number, no duplicate
// status index, and an intact audit chain.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/services/audit.js';
import {
  api,
  freshPostgres,
  postgresAvailable,
  testKeysDir,
  testRegistry,
  tokenFor,
  type TestRegistry,
} from '../helpers/registry.js';

const pgUp = await postgresAvailable();
if (!pgUp && process.env.CI)
  throw new Error('CI must run the PostgreSQL concurrency test: no server at 127.0.0.1:5432');
if (!pgUp)
  console.warn('PostgreSQL not reachable at 127.0.0.1:5432: SKIPPING the two-process concurrency test');

function worker(
  url: string,
  keys: string,
  count: number,
  seed: string,
  applicantId?: string,
): Promise<{ number: string; statusIndex: number }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, '..', 'helpers', 'issue-worker.ts'),
        url,
        keys,
        String(count),
        seed,
        ...(applicantId ? [applicantId] : []),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

describe.skipIf(!pgUp)('concurrent issuance on PostgreSQL (two processes)', () => {
  let r: TestRegistry;
  let db: Awaited<ReturnType<typeof freshPostgres>>;

  beforeAll(async () => {
    db = await freshPostgres();
    r = await testRegistry({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await r.close();
    await db.drop();
  });

  it('never produces a duplicate document number or status index', async () => {
    const keys = await testKeysDir();
    const COUNT = 25;
    const [a, b] = await Promise.all([
      worker(db.url, keys, COUNT, 'same-seed'),
      worker(db.url, keys, COUNT, 'same-seed'),
    ]);
    const all = [...a, ...b];
    expect(all).toHaveLength(2 * COUNT);
    expect(new Set(all.map((d) => d.number)).size).toBe(2 * COUNT);
    expect(new Set(all.map((d) => d.statusIndex)).size).toBe(2 * COUNT);
    // The same seed made them draw the same candidates: the first documents of each collided and were redrawn.
    expect(a[0]!.number === b[0]!.number).toBe(false);
    const rows = await r.handle.db.selectFrom('documents').select(['number', 'status_index']).execute();
    expect(rows).toHaveLength(2 * COUNT);
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });

  it('leaves a holder exactly one valid passport when two processes issue to them at once', async () => {
    const keys = await testKeysDir();
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const holder = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Адна',
        givenNames: 'Асоба',
        sex: 'F',
        birthDate: '1995-05-05',
      })
    ).json;
    const COUNT = 8;
    await Promise.all([
      worker(db.url, keys, COUNT, 'seed-a', holder.id),
      worker(db.url, keys, COUNT, 'seed-b', holder.id),
    ]);
    const docs = await r.handle.db
      .selectFrom('documents')
      .select(['id', 'state', 'revocation_reason', 'superseded_by'])
      .where('applicant_id', '=', holder.id)
      .execute();
    expect(docs).toHaveLength(2 * COUNT);
    expect(docs.filter((d) => d.state === 'issued')).toHaveLength(1);
    const ids = new Set(docs.map((d) => d.id));
    for (const d of docs.filter((x) => x.state === 'revoked')) {
      expect(d.revocation_reason).toBe('superseded');
      expect(ids.has(d.superseded_by!)).toBe(true);
    }
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });
});
