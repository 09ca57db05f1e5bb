// The data keys (DEKs) of people's data, stored in data_keys wrapped by the key-encryption key (KEK) that is
// not in the database (src/crypto/data-key-file.ts, or an external KMS through KeyWrapper). One index key
// (purpose "index") keys the beacons and is never rotated by `nbr data-key rotate` (beacons would all change);
// data keys are "active" (new values), "retiring" (being re-sealed away by a rotation) or "retired" (nothing
// uses it: its wrapped key is erased). docs/data-at-rest.md.

import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../errors.js';
import { FieldCipher, newKey, type KeyWrapper } from '../../crypto/field-cipher.js';
import { fromBase64Url, toBase64Url } from '../../core/bytes.js';
import type { Database } from '../../db/schema.js';

export const INDEX_KEY_ID = 'index';

/** The marker migration 019 leaves in counters while rows written before it may hold plain text. */
export const PLAINTEXT_MARKER = 'data_plaintext';

type Db = Kysely<Database> | Transaction<Database>;

async function unwrapAll(db: Db, wrapper: KeyWrapper) {
  const rows = await db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
  const keys = new Map<string, Uint8Array>();
  let index: Uint8Array | undefined;
  let active: string | undefined;
  for (const r of rows) {
    if (r.state === 'retired' || r.wrapped === null) continue;
    if (r.kek_id !== wrapper.id)
      throw new AppError(
        'DATA_KEY_MISMATCH',
        `this database's data keys are wrapped by key file ${r.kek_id}, and the key file given is ${wrapper.id}: ` +
          'give the service the data key file of this registry',
      );
    const key = await wrapper.unwrap(fromBase64Url(r.wrapped), r.id);
    if (r.purpose === 'index') index = key;
    else {
      keys.set(r.id, key);
      if (r.state === 'active') active = r.id;
    }
  }
  return { keys, index, active, count: rows.length };
}

/**
 * The cipher for this database. A database with no data keys gets its first pair (index and data key) when
 * `create` is set (a new registry); one whose keys do not open with this KEK is refused, naming both.
 */
export async function openFieldCipher(
  db: Kysely<Database>,
  wrapper: KeyWrapper,
  opts: { create: boolean; now: () => string },
): Promise<FieldCipher> {
  let found = await unwrapAll(db, wrapper);
  if (found.count === 0) {
    if (!opts.create)
      throw new AppError('DATA_KEY_MISSING', 'this database has no data keys: run  nbr data-key migrate');
    await db.transaction().execute(async (trx) => {
      const at = opts.now();
      for (const [id, purpose] of [
        [INDEX_KEY_ID, 'index'],
        ['d1', 'data'],
      ] as const)
        await trx
          .insertInto('data_keys')
          .values({
            id,
            purpose,
            state: 'active',
            wrapped: toBase64Url(await wrapper.wrap(newKey(), id)),
            kek_id: wrapper.id,
            created_at: at,
            retired_at: null,
          })
          // Two instances starting on one new database: the first pair wins, the other reads it.
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
    });
    found = await unwrapAll(db, wrapper);
  }
  if (!found.index || !found.active)
    throw new AppError('DATA_KEY_MISSING', 'the data_keys table lacks its index key or an active data key');
  return new FieldCipher(found.keys, found.active, found.index);
}

/** Takes data keys made or retired since (a rotation run by `nbr data-key rotate` in another process). */
export async function refreshFieldCipher(db: Kysely<Database>, wrapper: KeyWrapper, cipher: FieldCipher) {
  const found = await unwrapAll(db, wrapper);
  // The whole key set each time: a new active key is taken, and a retired one is dropped from memory too.
  if (found.active) cipher.update(found.keys, found.active);
}

/** Starts a rotation: a new active data key; the previous active one becomes "retiring". Returns both ids. */
export async function startRotation(
  db: Kysely<Database>,
  wrapper: KeyWrapper,
  now: string,
): Promise<{ from: string[]; to: string }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('data_keys')
      .select(['id', 'state'])
      .where('purpose', '=', 'data')
      .execute();
    const n = Math.max(0, ...rows.map((r) => Number(r.id.slice(1)) || 0)) + 1;
    const to = `d${n}`;
    await trx
      .updateTable('data_keys')
      .set({ state: 'retiring' })
      .where('purpose', '=', 'data')
      .where('state', '=', 'active')
      .execute();
    await trx
      .insertInto('data_keys')
      .values({
        id: to,
        purpose: 'data',
        state: 'active',
        wrapped: toBase64Url(await wrapper.wrap(newKey(), to)),
        kek_id: wrapper.id,
        created_at: now,
        retired_at: null,
      })
      .execute();
    const from = rows.filter((r) => r.state !== 'retired').map((r) => r.id);
    return { from, to };
  });
}

/** Erases a retiring key's wrapped material: from now on nothing sealed with it opens. */
export async function retireKey(db: Kysely<Database>, id: string, now: string): Promise<void> {
  await db
    .updateTable('data_keys')
    .set({ state: 'retired', wrapped: null, retired_at: now })
    .where('id', '=', id)
    .where('state', '=', 'retiring')
    .execute();
}

/**
 * Refuses a database in which rows written before migration 019 may still be plain text: `nbr data-key
 * migrate` seals them first (the service never serves or writes around plain text).
 */
export async function requireSealed(db: Kysely<Database>): Promise<void> {
  const marker = await db
    .selectFrom('counters')
    .select('name')
    .where('name', '=', PLAINTEXT_MARKER)
    .executeTakeFirst();
  if (marker)
    throw new AppError(
      'DATA_NOT_MIGRATED',
      "this registry still holds people's data in plain text from before encryption at rest: stop every " +
        'instance and run  npx nbr data-key migrate  (docs/operations.md, "Data at rest")',
    );
}

/** Does the database hold data keys already (then a missing key file is an error, never a reason to make one)? */
export async function hasDataKeys(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('data_keys').select('id').limit(1).executeTakeFirst()) !== undefined;
}
