// Publishing the revocation status list. The list is rebuilt when the database's status version changes
// (any instance's revocation bumps it), when half of its freshness period has passed, or when another status
// key should sign it (a reloaded trust list, or the signing period of the key in use ended), and cached between.

import { sql } from 'kysely';
import type { Ed25519Signer } from '../../core/crypto-port.js';
import { getBit, setBit, signStatusList, type StatusList } from '../../core/status-list.js';
import { AppError } from '../../errors.js';
import type { Deps } from '../deps.js';

export interface PublishedStatusList {
  jws: string;
  version: number;
  issuedAt: number;
  /** The same list, ready for the verifier core (built from the bits, no need to re-check our own signature). */
  list: StatusList;
}

export interface StatusListPublisher {
  current(): Promise<PublishedStatusList>;
  /** Called after a revocation in this process: the next current() rebuilds at once. */
  invalidate(): void;
}

/** `elapsed` (milliseconds, monotonic) paces the version polling; it is not the document clock. */
export function createStatusListPublisher(
  deps: Deps,
  elapsed: () => number = () => performance.now(),
): StatusListPublisher {
  let cache: PublishedStatusList | undefined;
  let building: Promise<PublishedStatusList> | undefined;
  const ttl = deps.config.statusListTtlHours * 3600;
  // Revocations made by other instances (shared PostgreSQL) are noticed by polling the version at most once
  // a second; this process's own revocations call invalidate(). Polling on every request cost a database
  // round trip per verification.
  let checkedAt = -Infinity;
  let knownVersion = -1;
  // The status key that should sign now (looked up with the version) and the one that signed the cache.
  let wantedSigner: Ed25519Signer | undefined;
  let cacheSigner: Ed25519Signer | undefined;

  async function build(version: number): Promise<PublishedStatusList> {
    const issuedAt = Math.floor(deps.clock.now() / 1000);
    // Verifiers refuse a list issued outside its key's signing period (src/core/status-list.ts), so signing
    // with an expired key would turn every verification into "not verified": refuse to publish instead.
    const chosen = deps.keyring.statusSignerFor(issuedAt);
    if (!chosen)
      throw new AppError(
        'NO_SIGNING_KEY',
        'no status key with an open signing period: certify one (nbr keys status, keys/README.md)',
      );
    const size = deps.config.statusListSize;
    const bits = new Uint8Array(size / 8);
    const revoked = await deps.db
      .selectFrom('status_entries')
      .select('idx')
      // A literal, not a parameter: only then may the planners use the partial index of revoked entries
      // (migration 020), which answers this from the index alone.
      .where(sql<boolean>`revoked = 1`)
      .execute();
    for (const { idx } of revoked) if (idx < size) setBit(bits, idx, true);
    const nextUpdate = issuedAt + ttl;
    const jws = await signStatusList(
      bits,
      size,
      { issuedAt, nextUpdate },
      deps.keyring.trust.iss,
      chosen.signer,
    );
    cacheSigner = chosen.signer;
    return {
      jws,
      version,
      issuedAt,
      list: { issuedAt, nextUpdate, size, isRevoked: (i) => getBit(bits, i), source: jws },
    };
  }

  return {
    invalidate() {
      checkedAt = -Infinity;
    },
    async current() {
      const tick = elapsed();
      const now = Math.floor(deps.clock.now() / 1000);
      if (tick - checkedAt >= 1000) {
        const row = await deps.db
          .selectFrom('counters')
          .select('value')
          .where('name', '=', 'status')
          .executeTakeFirstOrThrow();
        knownVersion = Number(row.value);
        wantedSigner = deps.keyring.statusSignerFor(now)?.signer;
        checkedAt = tick;
      }
      const version = knownVersion;
      if (
        cache &&
        cache.version === version &&
        cacheSigner === wantedSigner &&
        cache.list.size === deps.config.statusListSize && // grown in place (services/status/status-capacity.ts)
        now - cache.issuedAt < ttl / 2
      )
        return cache;
      // One rebuild at a time; concurrent requests share it.
      building ??= build(version).finally(() => {
        building = undefined;
      });
      cache = await building;
      // A revocation committed while that build ran: build once more so that it shows at once.
      if (cache.version < version) cache = await build(version);
      return cache;
    },
  };
}
