// Append-only audit log, each entry chained to the previous by SHA-256 (the hash covers the previous hash
// and the entry's canonical JSON). The chain head lives in counters('audit'); updating that row inside the
// action's transaction serialises writers, also across service instances on PostgreSQL (row lock).
// Entries hold ids and action names only, never personal data.

import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Database } from '../db/schema.js';
import type { Actor, Deps } from './deps.js';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string | number | boolean | null>;
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([e.seq, e.id, e.at, e.actor_id, e.actor_role, e.office_id, e.action, e.target_type, e.target_id, e.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export async function appendAudit(trx: Transaction<Database> | Kysely<Database>, deps: Pick<Deps, 'clock' | 'ids'>, actor: Actor | null, input: AuditInput): Promise<void> {
  const head = await trx.updateTable('counters').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', 'audit').returning(['value', 'hash']).executeTakeFirstOrThrow();
  const entry = {
    seq: Number(head.value),
    id: deps.ids(),
    at: new Date(deps.clock.now()).toISOString(),
    actor_id: actor?.staffId ?? null,
    actor_role: actor?.role ?? null,
    office_id: actor?.officeId ?? null,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId ?? null,
    details: JSON.stringify(input.details ?? {}),
  };
  const prevHash = head.hash ?? '0'.repeat(64);
  const hash = entryHash(prevHash, entry);
  await trx.insertInto('audit_log').values({ ...entry, prev_hash: prevHash, hash }).execute();
  await trx.updateTable('counters').set({ hash }).where('name', '=', 'audit').execute();
}

export type AuditVerification = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the chain in sequence order and reports the first entry whose link or hash does not hold. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  let prev = '0'.repeat(64);
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(1000).execute();
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return { ok: false, entries: count, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (row.prev_hash !== prev) return { ok: false, entries: count, brokenAt: seq, reason: 'link to the previous entry does not match' };
      const { hash, prev_hash: _p, ...rest } = row;
      if (entryHash(prev, { ...rest, seq }) !== hash) return { ok: false, entries: count, brokenAt: seq, reason: 'entry content does not match its hash' };
      prev = hash;
      expectedSeq++;
      count++;
      after = seq;
    }
  }
  const head = await db.selectFrom('counters').select(['value', 'hash']).where('name', '=', 'audit').executeTakeFirst();
  if (head && Number(head.value) !== count) return { ok: false, entries: count, brokenAt: count + 1, reason: `the chain head says ${head.value} entries, ${count} found (entries removed at the end?)` };
  return { ok: true, entries: count };
}
