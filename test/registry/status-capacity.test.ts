// The status list cannot run out silently (issue 11), on SQLite and PostgreSQL: issuance finds the last free
// entries of a nearly full list (random tries alone failed one issuance in twenty at 95%), healthz, the keys
// page and the log warn from 70% full, a full list fails issuance with STATUS_LIST_FULL and healthz with 503,
// and raising NBR_STATUS_LIST_SIZE grows the list in place: old documents keep their entries and verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStatusList } from '../../src/core/status-list.js';
import { statusCapacity } from '../../src/services/status/status-capacity.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, NAVITSKAYA, registryOn, testDialects, tokenFor } from '../helpers/registry.js';

const dialects = await testDialects('the status-list capacity test');

const SIZE = 131_072;
/** The entries left free: the first, one in the middle, the last. */
const FREE = [0, 70_001, SIZE - 1];
/** NAVITSKAYA without the personal number: new people, not new records of one. */
const { personalNumber: _n, ...PERSON } = NAVITSKAYA;

describe.each(dialects)('status-list capacity on %s', (_name, kind) => {
  let r: Awaited<ReturnType<typeof registryOn>>;

  beforeAll(async () => {
    r = await registryOn(kind);
    r.deps.statusCapacity = () => statusCapacity(r.deps); // no minute-long cache here
    // Every entry but three taken, as after 131,069 documents.
    const free = new Set(FREE);
    const rows: { idx: number; document_id: null; revoked: number; allocated_at: string }[] = [];
    for (let idx = 0; idx < SIZE; idx++)
      if (!free.has(idx))
        rows.push({ idx, document_id: null, revoked: 0, allocated_at: '2026-01-01T00:00:00Z' });
    for (let i = 0; i < rows.length; i += 1000)
      await r.handle.db
        .insertInto('status_entries')
        .values(rows.slice(i, i + 1000))
        .execute();
  });
  afterAll(() => r.dispose());

  const health = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // healthz answers the same for a second
    return api(r.app)('GET', '/healthz');
  };

  it('issues into the last free entries, warns, then refuses with STATUS_LIST_FULL', async () => {
    const warned = await health();
    expect(warned.status).toBe(200);
    expect(warned.json.statusList).toEqual({ used: SIZE - 3, size: SIZE });
    expect(warned.json.warnings[0]).toMatch(
      /status list 100% full \(131069 of 131072\): raise NBR_STATUS_LIST_SIZE to 262144/,
    );
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    expect((await admin('GET', '/api/v1/keys')).json.warnings).toContainEqual({
      scope: 'statusList',
      code: 'STATUS_LIST_FILLING',
      message: expect.stringMatching(/raise NBR_STATUS_LIST_SIZE/),
      params: { percent: 100, used: SIZE - 3, size: SIZE, next: 2 * SIZE },
    });

    const issued = [];
    for (let i = 0; i < FREE.length; i++)
      issued.push(await issuePassport(r, { ...PERSON, givenNames: `Ала${'а'.repeat(i)}` }));
    expect(issued.map((d) => d.statusIndex).sort((a, b) => a - b)).toEqual(FREE);
    await expect(issuePassport(r, PERSON)).rejects.toThrow(/STATUS_LIST_FULL/);
    const full = await health();
    expect(full.status).toBe(503);
    expect(full.json.checks.statusList).toMatch(/status list full/);
  });

  it('grows in place when NBR_STATUS_LIST_SIZE is raised: old entries stay, new ones fit', async () => {
    r.deps.config.statusListSize = SIZE * 2;
    const after = await issuePassport(r, { ...PERSON, givenNames: 'Марына' });
    expect(after.statusIndex).toBeGreaterThanOrEqual(SIZE); // the only free entries are the new half
    expect((await health()).status).toBe(200);
    const list = await openStatusList((await api(r.app)('GET', '/status-list')).text, r.deps.keyring.trust);
    expect(list.ok && list.value.size).toBe(SIZE * 2);
    expect((await api(r.app)('POST', '/api/v1/verify', { qr: after.qrText })).json.code).toBe('VALID');
  });
});
