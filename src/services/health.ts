// Readiness for load balancers and monitoring: can this instance do its job right now? Each check names what
// an operator must fix; nothing in the answer is personal or secret (the trust list's dates are public anyway).

import { sql } from 'kysely';
import type { Deps } from './deps.js';

export type CheckResult = 'ok' | string;

export interface Health {
  ok: boolean;
  checks: { database: CheckResult; trustList: CheckResult; statusKey: CheckResult };
}

/**
 * database: answers a query; trustList: not past its next update (verifiers would say TRUST_LIST_STALE);
 * statusKey: one may sign now (else no status list can be published and verification cannot say VALID).
 */
export async function checkHealth(deps: Pick<Deps, 'db' | 'clock' | 'keyring'>): Promise<Health> {
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
  const checks = { database, trustList, statusKey };
  return { ok: Object.values(checks).every((c) => c === 'ok'), checks };
}

/** The same answer for up to a second: monitoring and load balancers may poll often, and it is public. */
export function cachedHealth(
  deps: Pick<Deps, 'db' | 'clock' | 'keyring'>,
  elapsed: () => number = () => performance.now(),
): () => Promise<Health> {
  let last: { at: number; value: Promise<Health> } | undefined;
  return () => {
    const t = elapsed();
    if (!last || t - last.at >= 1000) last = { at: t, value: checkHealth(deps) };
    return last.value;
  };
}
