// Integrators' API keys: a cabinet admin creates one for a host-state office or a bank; requests to
// POST /api/v1/verify and /verify/batch that carry it (X-Api-Key) are counted against that key's own budget
// (NBR_INTEGRATOR_RATE_LIMIT) instead of their address's. A key grants nothing else: no personal data, no
// staff action, so one cabinet admin may create or revoke it (audited). Only the key's SHA-256 is stored.

import { createHash } from 'node:crypto';
import { toBase64Url } from '../../core/bytes.js';
import type { IntegratorKeyTable } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../access.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type Deps, type IntegratorKeyResolver } from '../deps.js';

export const KEY_PREFIX = 'nbr_ik_';
/** A revocation reaches the other instances of the service within this time (their caches expire). */
export const KEY_CACHE_MS = 60_000;

export interface IntegratorKey {
  id: string;
  label: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A stored key as the API shows it (never its hash). */
const keyView = (r: IntegratorKeyTable): IntegratorKey => ({
  id: r.id,
  label: r.label,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
});

export async function createIntegratorKey(
  deps: Deps,
  actor: Actor,
  input: { label: string },
): Promise<IntegratorKey & { key: string }> {
  requireRole(actor, 'cabinet_admin');
  const secret = KEY_PREFIX + toBase64Url(deps.random(32));
  const row: IntegratorKeyTable = {
    id: deps.ids(),
    label: input.label,
    key_hash: hashOf(secret),
    created_by: actor.staffId,
    created_at: isoNow(deps.clock),
    revoked_by: null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('integrator_keys').values(row).execute();
    await appendAudit(trx, deps, actor, {
      action: 'integrator_key.create',
      targetType: 'integrator_key',
      targetId: row.id,
      details: { label: row.label },
    });
  });
  return { ...keyView(row), key: secret };
}

export async function listIntegratorKeys(deps: Deps, actor: Actor): Promise<IntegratorKey[]> {
  requireRole(actor, 'cabinet_admin');
  const rows = await deps.db
    .selectFrom('integrator_keys')
    .selectAll()
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(keyView);
}

export async function revokeIntegratorKey(deps: Deps, actor: Actor, id: string): Promise<IntegratorKey> {
  requireRole(actor, 'cabinet_admin');
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('integrator_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'no such API key');
    if (row.revoked_at) throw new AppError('INVALID_STATE', 'the key is already revoked');
    const at = isoNow(deps.clock);
    await trx
      .updateTable('integrator_keys')
      .set({ revoked_at: at, revoked_by: actor.staffId })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'integrator_key.revoke',
      targetType: 'integrator_key',
      targetId: id,
      details: { label: row.label },
    });
    deps.integratorKeys.forget(row.key_hash);
    return keyView({ ...row, revoked_at: at, revoked_by: actor.staffId });
  });
}

/** Finds the key a request presents: its id, or undefined for an unknown or revoked key. Cached briefly. */
export type { IntegratorKeyResolver };

/** Keys remembered at most; past it the oldest tenth goes (a flood of made-up keys cannot clear good ones). */
const CACHE_MAX = 10_000;

export function integratorKeyResolver(deps: Pick<Deps, 'db' | 'clock'>): IntegratorKeyResolver {
  const cache = new Map<string, { id: string | undefined; until: number }>();
  return {
    async resolve(secret) {
      if (!secret.startsWith(KEY_PREFIX) || secret.length > 100) return undefined;
      const hash = hashOf(secret);
      const now = deps.clock.now();
      const hit = cache.get(hash);
      if (hit && hit.until > now) return hit.id;
      const row = await deps.db
        .selectFrom('integrator_keys')
        .select(['id', 'revoked_at'])
        .where('key_hash', '=', hash)
        .executeTakeFirst();
      const id = row && !row.revoked_at ? row.id : undefined;
      // Bounded: unknown keys are cached too (the same made-up key does not reach the database each time;
      // many different ones spend their address's budget, http/verify-endpoint.ts budgetOf).
      if (cache.size >= CACHE_MAX) {
        let drop = CACHE_MAX / 10;
        for (const k of cache.keys()) {
          if (drop-- <= 0) break;
          cache.delete(k);
        }
      }
      cache.set(hash, { id, until: now + KEY_CACHE_MS });
      return id;
    },
    knownGood(secret) {
      if (!secret.startsWith(KEY_PREFIX) || secret.length > 100) return undefined;
      const hit = cache.get(hashOf(secret));
      return hit && hit.until > deps.clock.now() ? hit.id : undefined;
    },
    forget(keyHash) {
      cache.delete(keyHash);
    },
  };
}
