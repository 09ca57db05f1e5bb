// Readiness for load balancers and monitoring: can this instance do its job right now? Each check names what
// an operator must fix; nothing in the answer is personal or secret (the trust list's dates are public anyway).

import { sql } from 'kysely';
import type { Deps } from './deps.js';
import { keptFor } from './kept-for.js';

export type CheckResult = 'ok' | string;

export interface Health {
  ok: boolean;
  checks: { database: CheckResult; trustList: CheckResult; statusKey: CheckResult; statusList: CheckResult };
  /** Entries of the status list taken and its size (absent while the database is unreachable). */
  statusList?: { used: number; size: number };
  /** What needs doing soon, though this instance still works (a status list from 70% full). */
  warnings: string[];
  /** The sequence of the trust list this instance serves and signs under (several instances must agree). */
  trustListSequence: number;
}

/**
 * database: answers a query; trustList: not past its next update (verifiers would say TRUST_LIST_STALE);
 * statusKey: one may sign now (else no status list can be published and verification cannot say VALID);
 * statusList: an entry is left for the next document (warnings from 70% full).
 */
export async function checkHealth(
  deps: Pick<Deps, 'db' | 'clock' | 'keyring' | 'statusCapacity'>,
): Promise<Health> {
  const now = Math.floor(deps.clock.now() / 1000);
  let database: CheckResult = 'ok';
  try {
    await sql`select 1`.execute(deps.db);
  } catch {
    database = 'database not reachable';
  }
  const trustList: CheckResult =
    now > deps.keyring.trust.nextUpdate
      ? 'trust list past its next update: re-sign it (nbr trust-list)'
      : 'ok';
  const statusKey: CheckResult = deps.keyring.statusSignerFor(now)
    ? 'ok'
    : 'no status key may sign now: certify one (nbr keys status)';
  const capacity = database === 'ok' ? await deps.statusCapacity().catch(() => undefined) : undefined;
  const statusList: CheckResult =
    capacity && capacity.used >= capacity.size
      ? 'status list full: raise NBR_STATUS_LIST_SIZE (docs/operations.md)'
      : 'ok';
  const checks = { database, trustList, statusKey, statusList };
  return {
    ok: Object.values(checks).every((c) => c === 'ok'),
    checks,
    ...(capacity ? { statusList: { used: capacity.used, size: capacity.size } } : {}),
    warnings: capacity?.warning ? [capacity.warning] : [],
    trustListSequence: deps.keyring.trust.sequence,
  };
}

/** The same answer for up to a second: monitoring and load balancers may poll often, and it is public. */
export function cachedHealth(
  deps: Pick<Deps, 'db' | 'clock' | 'keyring' | 'statusCapacity'>,
  elapsed: () => number = () => performance.now(),
): () => Promise<Health> {
  return keptFor(1000, () => checkHealth(deps), elapsed);
}
