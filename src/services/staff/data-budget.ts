// One budget for personal data (issue 10): each account may read at most `personalDataBudget` people's
// records a minute, whichever endpoint returns them (lists, searches, lookups, records, photos, print views).
// Counted in the database, so it holds across instances; the first refusal in a window is audited.

import { sql } from 'kysely';
import { AppError } from '../../errors.js';
import { appendAudit, lockAuditHead } from '../audit.js';
import type { Actor, Deps } from '../deps.js';

const WINDOW_MS = 60_000;

export async function chargePersonalData(
  deps: Pick<Deps, 'db' | 'clock' | 'config' | 'ids'>,
  actor: Actor,
  records: number,
): Promise<void> {
  if (records <= 0) return;
  const now = deps.clock.now();
  const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
  const window = new Date(start).toISOString();
  const row = await deps.db
    .insertInto('personal_data_reads')
    .values({ staff_id: actor.staffId, window_start: window, records })
    .onConflict((oc) =>
      oc
        .columns(['staff_id', 'window_start'])
        .doUpdateSet({ records: sql`personal_data_reads.records + ${records}` }),
    )
    .returning('records')
    .executeTakeFirstOrThrow();
  const total = Number(row.records);
  const budget = deps.config.personalDataBudget;
  if (total <= budget) return;
  if (total - records <= budget)
    await deps.db.transaction().execute(async (trx) => {
      await lockAuditHead(trx);
      await appendAudit(trx, deps, actor, {
        action: 'staff.data-budget-exceeded',
        targetType: 'staff',
        targetId: actor.staffId,
        details: { budget, window },
      });
    });
  throw new AppError(
    'RATE_LIMITED',
    `this account has read ${budget} people's records this minute; wait`,
    undefined,
    {
      retryAfter: Math.max(1, Math.ceil((start + WINDOW_MS - now) / 1000)),
    },
  );
}

/** Old windows are of no use: purged with the expired sessions. */
export async function purgeDataReads(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const cutoff = new Date(deps.clock.now() - 10 * WINDOW_MS).toISOString();
  await deps.db.deleteFrom('personal_data_reads').where('window_start', '<', cutoff).execute();
}
