// Publishing the revocation status list. The list is rebuilt when the database's status version changes
// (any instance's revocation bumps it) or when half of its freshness period has passed, and cached between.

import { setBit, signStatusList } from '../core/status-list.js';
import type { Deps } from './deps.js';

export interface StatusListPublisher {
  /** The signed list (JWS) and the version it was built from. */
  current(): Promise<{ jws: string; version: number; issuedAt: number }>;
}

export function createStatusListPublisher(deps: Deps): StatusListPublisher {
  let cache: { jws: string; version: number; issuedAt: number } | undefined;
  let building: Promise<{ jws: string; version: number; issuedAt: number }> | undefined;
  const ttl = deps.config.statusListTtlHours * 3600;

  async function build(version: number) {
    const size = deps.config.statusListSize;
    const bits = new Uint8Array(size / 8);
    const revoked = await deps.db.selectFrom('status_entries').select('idx').where('revoked', '=', 1).execute();
    for (const { idx } of revoked) if (idx < size) setBit(bits, idx, true);
    const issuedAt = Math.floor(deps.clock.now() / 1000);
    const jws = await signStatusList(bits, size, { issuedAt, nextUpdate: issuedAt + ttl }, deps.keyring.trust.iss, deps.keyring.statusSigner);
    return { jws, version, issuedAt };
  }

  return {
    async current() {
      const row = await deps.db.selectFrom('counters').select('value').where('name', '=', 'status').executeTakeFirstOrThrow();
      const version = Number(row.value);
      const now = Math.floor(deps.clock.now() / 1000);
      if (cache && cache.version === version && now - cache.issuedAt < ttl / 2) return cache;
      // One rebuild at a time; concurrent requests share it.
      building ??= build(version).finally(() => {
        building = undefined;
      });
      cache = await building;
      return cache;
    },
  };
}
