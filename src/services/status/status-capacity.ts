// How full the status list is (issue 11: at 2^20 entries a million documents ever issued filled it to 95%,
// and then one issuance in twenty failed, with no warning before). Entries are never freed: a revoked
// document's bit must stay set, so the fill is the number of documents ever issued over the list's size.
//
// The list grows in place: raising NBR_STATUS_LIST_SIZE keeps every issued index where it is and publishes a
// longer list (verifiers accept up to 2^24 entries; docs/operations.md, status-list capacity). One list for
// all: every verifier holds the whole list offline anyway, and the herd that hides an index is every document.

import type { Deps, StatusCapacity } from '../deps.js';
import { keptFor } from '../kept-for.js';

/** From this fill on, healthz, the log and the console's keys page warn. */
export const STATUS_WARN_FILL = 0.7;

export type { StatusCapacity };

export async function statusCapacity(deps: Pick<Deps, 'db' | 'config'>): Promise<StatusCapacity> {
  const row = await deps.db
    .selectFrom('status_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const used = Number(row.n);
  const size = deps.config.statusListSize;
  const fill = used / size;
  if (fill < STATUS_WARN_FILL) return { used, size, fill };
  const next = Math.min(size * 2, 1 << 24);
  return {
    used,
    size,
    fill,
    ...(next > size ? { next } : {}),
    warning:
      next > size
        ? `status list ${Math.round(fill * 100)}% full (${used} of ${size}): raise NBR_STATUS_LIST_SIZE to ${next} (docs/operations.md)`
        : `status list ${Math.round(fill * 100)}% full (${used} of ${size}) at its largest size: plan a second registry or list (docs/operations.md)`,
  };
}

/**
 * The count costs a pass over the status index (tens of milliseconds at millions): keep it for a minute.
 * Issuance does not need it: it finds a free entry whatever the fill (services/status/status-entries.ts).
 */
export function cachedStatusCapacity(
  deps: Pick<Deps, 'db' | 'config'>,
  elapsed: () => number = () => performance.now(),
): () => Promise<StatusCapacity> {
  return keptFor(60_000, () => statusCapacity(deps), elapsed);
}
