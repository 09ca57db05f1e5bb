// GET /healthz says whether this instance can do its job, and what to fix when it cannot.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { cachedHealth, checkHealth } from '../../src/services/health.js';
import { api, testRegistry } from '../helpers/registry.js';

describe('health', () => {
  it('is 200 with every check ok, and 503 naming the trust list once it is past its next update', async () => {
    const r = await testRegistry({ staff: false });
    try {
      const ok = await api(r.app)('GET', '/healthz');
      expect(ok.status).toBe(200);
      expect(ok.json).toEqual({
        ok: true,
        checks: { database: 'ok', trustList: 'ok', statusKey: 'ok', statusList: 'ok' },
        statusList: { used: 0, size: 131_072 },
        warnings: [],
        trustListSequence: r.deps.keyring.trust.sequence, // which list this instance serves (issue 22)
      });
      expect(ok.headers.get('cache-control')).toBe('no-store');

      r.clock.t = (r.deps.keyring.trust.nextUpdate + 1) * 1000;
      const stale = await api(createApp(r.deps))('GET', '/healthz');
      expect(stale.status).toBe(503);
      expect(stale.json.checks.trustList).toMatch(/past its next update: re-sign it/);
      expect(stale.json.checks.database).toBe('ok');

      r.clock.t = (r.deps.keyring.statusKeys()[0]!.key.signUntil + 1) * 1000;
      expect((await checkHealth(r.deps)).checks.statusKey).toMatch(/no status key may sign now/);
    } finally {
      await r.close();
    }
  });

  it('says so when the database does not answer, and asks it at most once a second', async () => {
    const r = await testRegistry({ staff: false });
    let tick = 0;
    const health = cachedHealth(r.deps, () => tick);
    expect((await health()).ok).toBe(true);
    await r.close();
    expect((await health()).ok).toBe(true); // the cached answer, under a second old
    tick += 1000;
    const down = await health();
    expect(down.ok).toBe(false);
    expect(down.checks.database).toBe('database not reachable');
  });
});
