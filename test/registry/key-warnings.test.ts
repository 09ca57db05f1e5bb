// Rotation warnings: said when a signing period ends within 30 days with no successor, shown to each admin
// for what they look after (GET /api/v1/keys and the console's keys page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyWarnings } from '../../src/trust/key-warnings.js';
import { api, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

describe('key rotation warnings', () => {
  let r: TestRegistry;
  beforeAll(async () => {
    r = await testRegistry();
  });
  afterAll(() => r.close());

  const seconds = () => Math.floor(r.clock.t / 1000);
  const statusEnd = () => r.deps.keyring.statusKeys()[0]!.key.signUntil;

  it('says nothing while every period has more than 30 days to run', () => {
    expect(keyWarnings(r.deps.keyring, seconds())).toEqual([]);
  });

  it('says loudly that a revoked key is still held, until its file is removed (issue 22)', () => {
    const pl = r.deps.keyring.officeKeys('PL-WAW').find((k) => k.held)!;
    const revoked = { ...pl.key, revokedAt: seconds() - 60 };
    const ring = {
      trust: r.deps.keyring.trust,
      statusKeys: () => r.deps.keyring.statusKeys(),
      officeKeys: (office: string) =>
        office === 'PL-WAW'
          ? [{ key: revoked, held: true }, ...r.deps.keyring.officeKeys(office).filter((k) => k !== pl)]
          : r.deps.keyring.officeKeys(office),
    };
    const found = keyWarnings(ring, seconds()).filter((w) => w.code === 'REVOKED_KEY_HELD');
    expect(found).toEqual([
      expect.objectContaining({
        scope: 'PL-WAW',
        params: { kid: pl.key.kid },
        message: expect.stringMatching(/remove it/),
      }),
    ]);
    expect(
      keyWarnings(
        { ...ring, officeKeys: (o: string) => (o === 'PL-WAW' ? [{ key: revoked, held: false }] : []) },
        seconds(),
      ).some((w) => w.code === 'REVOKED_KEY_HELD'),
    ).toBe(false);
  });

  it('names the status key and each office whose keys stop signing within 30 days, then those that cannot sign', () => {
    const soon = keyWarnings(r.deps.keyring, statusEnd() - 10 * 86_400);
    expect(soon.find((w) => w.scope === 'status')!.message).toMatch(
      /stops signing on \d{4}-\d{2}-\d{2}: certify its successor now \(nbr keys status\)/,
    );
    expect(soon.map((w) => w.scope).sort()).toEqual(['LT-VNO', 'PL-WAW', 'status']);
    // With stable codes and the day, for a console to say in its own language.
    expect(soon.find((w) => w.scope === 'PL-WAW')).toMatchObject({
      code: 'ISSUER_KEY_ENDING',
      params: { until: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    });
    const after = keyWarnings(r.deps.keyring, statusEnd() + 86_400 * 40);
    expect(after.find((w) => w.scope === 'status')!.message).toMatch(/no status key can sign now/);
    expect(after.find((w) => w.scope === 'PL-WAW')!.message).toMatch(/documents cannot be issued/);
    expect(after.map((w) => w.code).sort()).toEqual([
      'ISSUER_KEY_NONE',
      'ISSUER_KEY_NONE',
      'STATUS_KEY_NONE',
    ]);
  });

  it('shows cabinet admins the status keys and every warning, office admins only their own office', async () => {
    r.clock.t = (statusEnd() - 10 * 86_400) * 1000;
    const cabinet = (await api(r.app, await tokenFor(r.app, 'cabinet'))('GET', '/api/v1/keys')).json;
    expect(cabinet.statusKeys).toHaveLength(1);
    expect(cabinet.statusKeys[0]).toMatchObject({ inUse: true, heldByThisService: true });
    expect(cabinet.warnings.map((w: { scope: string }) => w.scope).sort()).toEqual([
      'LT-VNO',
      'PL-WAW',
      'status',
    ]);
    const office = (await api(r.app, await tokenFor(r.app, 'pl-office_admin'))('GET', '/api/v1/keys')).json;
    expect(office).not.toHaveProperty('statusKeys');
    expect(office.warnings.map((w: { scope: string }) => w.scope)).toEqual(['PL-WAW']);
  });
});
