// Taking a status list entry for a new document. At random, so that an index says nothing about when or where
// a document was issued (core/status-list.ts); and never failing while an entry is free (issue 11: 64 random
// tries failed for one issuance in twenty at 95% full).

import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Clock } from '../deps.js';
import { isoNow } from '../deps.js';

/** A uniform index below size from four random bytes (bias below 2^-8 for sizes up to 2^24). */
export function randomIndex(size: number, random: (n: number) => Uint8Array): number {
  const b = random(4);
  const n = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  return n % size;
}

/** Random tries before looking for the next free entry after a random point. */
const RANDOM_TRIES = 8;

/**
 * Takes a free entry, or returns undefined when every entry is taken. Random tries first (each a single
 * insert that another instance's concurrent insert cannot break: ON CONFLICT DO NOTHING); past them the list
 * is full enough that the first free entry after a random point is as good, found through the primary key:
 * the first taken entry at or after the point whose successor is free (a walk over one run of taken entries).
 */
export async function takeStatusEntry(
  trx: Transaction<Database>,
  size: number,
  random: (n: number) => Uint8Array,
  clock: Clock,
): Promise<number | undefined> {
  const take = async (idx: number) =>
    (await trx
      .insertInto('status_entries')
      .values({ idx, document_id: null, revoked: 0, allocated_at: isoNow(clock) })
      .onConflict((oc) => oc.column('idx').doNothing())
      .returning('idx')
      .executeTakeFirst()) !== undefined;
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const idx = randomIndex(size, random);
    if (await take(idx)) return idx;
  }
  for (let round = 0; round < 4; round++) {
    for (const from of [randomIndex(size, random), 0]) {
      if (await take(from)) return from;
      const gap = await trx
        .selectFrom('status_entries as s')
        .select('s.idx')
        .where('s.idx', '>=', from)
        .where('s.idx', '<', size - 1)
        .where(sql<boolean>`not exists (select 1 from status_entries t where t.idx = s.idx + 1)`)
        .orderBy('s.idx')
        .limit(1)
        .executeTakeFirst();
      if (gap && (await take(Number(gap.idx) + 1))) return Number(gap.idx) + 1;
    }
  }
  return undefined;
}
