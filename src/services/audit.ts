// Append-only audit log, each entry chained to the previous by SHA-256 (the hash covers the previous hash
// and the entry's canonical JSON). The chain head lives in counters('audit'); updating that row inside the
// action's transaction serialises writers, also across service instances on PostgreSQL (row lock).
// Entries hold ids and action names only, never personal data.

import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntry, Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import { page, requireRole } from './access.js';
import type { Actor, Deps } from './deps.js';
import { openRow } from './store/row-codec.js';

export interface AuditInput {
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string | number | boolean | null>;
}

export function entryHash(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prev_hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.actor_id,
    e.actor_role,
    e.office_id,
    e.action,
    e.target_type,
    e.target_id,
    e.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * The one lock order for write transactions that touch several shared rows: the audit chain head first,
 * always, then anything else (the log head, the status version, documents, holders). Every audited write
 * takes the head anyway before it commits; taking it first means two transactions never hold one row each
 * while waiting for the other's (issue 11: a revocation took the status counter, then the audit head, while a
 * re-issue took them the other way round, and PostgreSQL reported deadlocks under mixed load). On SQLite the
 * write also turns the transaction into a writer at once, instead of at a later upgrade that can fail busy.
 */
export async function lockAuditHead(trx: Transaction<Database>): Promise<void> {
  await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb.ref('value') }))
    .where('name', '=', 'audit')
    .execute();
}

/**
 * Appends one entry to the chain. Only inside a transaction (the type takes no pool handle, and a pool handle
 * passed by a cast is refused at run time): the head's read-increment, the insert and the head's new hash
 * must commit together under the head's row lock, or a concurrent writer links to a stale hash and breaks the
 * chain (issue 21: the budget's refusal entry was appended on the pool and broke it on PostgreSQL).
 */
export async function appendAudit(
  trx: Transaction<Database>,
  deps: Pick<Deps, 'clock' | 'ids'>,
  actor: Actor | null,
  input: AuditInput,
): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAudit needs a transaction (services/audit.ts)');
  const head = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'audit')
    .returning(['value', 'hash'])
    .executeTakeFirstOrThrow();
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
  await trx
    .insertInto('audit_log')
    .values({ ...entry, prev_hash: prevHash, hash })
    .execute();
  await trx.updateTable('counters').set({ hash }).where('name', '=', 'audit').execute();
}

export type AuditVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the chain in sequence order and reports the first entry whose link or hash does not hold. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  /** Entries checked so far and in all (the chain head's count), after each page: nbr audit verify's progress. */
  onProgress?: (done: number, total: number) => void,
): Promise<AuditVerification> {
  const total = onProgress
    ? Number(
        (await db.selectFrom('counters').select('value').where('name', '=', 'audit').executeTakeFirst())
          ?.value ?? 0,
      )
    : 0;
  let prev = '0'.repeat(64);
  let expectedSeq = 1;
  let count = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    if (page.length === 0) break;
    for (const row of page) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          entries: count,
          brokenAt: expectedSeq,
          reason: `entry ${expectedSeq} is missing`,
        };
      if (row.prev_hash !== prev)
        return {
          ok: false,
          entries: count,
          brokenAt: seq,
          reason: 'link to the previous entry does not match',
        };
      const { hash, prev_hash: _p, ...rest } = row;
      if (entryHash(prev, { ...rest, seq }) !== hash)
        return { ok: false, entries: count, brokenAt: seq, reason: 'entry content does not match its hash' };
      prev = hash;
      expectedSeq++;
      count++;
      after = seq;
    }
    onProgress?.(count, total);
  }
  const head = await db
    .selectFrom('counters')
    .select(['value', 'hash'])
    .where('name', '=', 'audit')
    .executeTakeFirst();
  if (head && Number(head.value) !== count)
    return {
      ok: false,
      entries: count,
      brokenAt: count + 1,
      reason: `the chain head says ${head.value} entries, ${count} found (entries removed at the end?)`,
    };
  return { ok: true, entries: count };
}

export interface AuditView {
  seq: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  office: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** How people name the target (issue 24, item 10): a document's number, a staff account's username. */
  targetLabel?: string;
  details: Record<string, unknown>;
}

/**
 * Names a page's targets as people know them: documents by their number (opened from the sealed column: the
 * admin reading the trail sees numbers, never names), staff accounts by username. One query per kind.
 */
async function labelTargets(deps: Pick<Deps, 'db' | 'cipher'>, items: AuditView[]): Promise<void> {
  const ids = (type: string) => [
    ...new Set(items.filter((i) => i.targetType === type && i.targetId).map((i) => i.targetId!)),
  ];
  const labels = new Map<string, string>();
  const documents = ids('document');
  if (documents.length)
    for (const d of await deps.db
      .selectFrom('documents')
      .select(['id', 'number'])
      .where('id', 'in', documents)
      .execute())
      labels.set(d.id, openRow(deps.cipher, 'documents', { number: d.number }, d.id).number);
  const staff = ids('staff');
  if (staff.length)
    for (const s of await deps.db
      .selectFrom('staff')
      .select(['id', 'username'])
      .where('id', 'in', staff)
      .execute())
      labels.set(s.id, s.username);
  for (const i of items) {
    const label = i.targetId ? labels.get(i.targetId) : undefined;
    if (label !== undefined) i.targetLabel = label;
  }
}

/**
 * The audit trail for admins, newest first: office admins see their office's entries, cabinet admins all (or
 * one office's). Entries hold ids, roles and field names only, so showing them reveals no applicant's data;
 * they let an admin see who did what, which matters where a colleague may be working for the other side.
 */
export async function listAudit(
  deps: Pick<Deps, 'db' | 'cipher'>,
  actor: Actor,
  query: { cursor?: string; limit?: unknown; officeId?: string; action?: string },
): Promise<{ items: AuditView[]; nextCursor: string | null }> {
  requireRole(actor, 'office_admin', 'cabinet_admin');
  const limit = page(query.limit);
  let q = deps.db
    .selectFrom('audit_log')
    .leftJoin('staff', 'staff.id', 'audit_log.actor_id')
    .leftJoin('offices', 'offices.id', 'audit_log.office_id')
    .select([
      'audit_log.seq',
      'audit_log.at',
      'staff.display_name as actor',
      'audit_log.actor_role',
      'offices.code as office',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
    ]);
  const officeId = actor.role === 'office_admin' ? actor.officeId : query.officeId;
  if (officeId) q = q.where('audit_log.office_id', '=', officeId);
  if (query.action) q = q.where('audit_log.action', '=', query.action);
  if (query.cursor) {
    if (!/^\d{1,15}$/.test(query.cursor))
      throw new AppError('BAD_REQUEST', 'bad cursor', [
        { field: 'cursor', code: 'BAD_CURSOR', message: 'the nextCursor of the previous page' },
      ]);
    q = q.where('audit_log.seq', '<', Number(query.cursor));
  }
  const rows = await q
    .orderBy('audit_log.seq', 'desc')
    .limit(limit + 1)
    .execute();
  const items = rows.slice(0, limit).map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor ?? null,
    actorRole: r.actor_role,
    office: r.office ?? null,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
  await labelTargets(deps, items);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!.seq) : null };
}
