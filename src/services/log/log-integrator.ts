// Turns committed leaves into the published log: tiles, a checkpoint signed by the log key, and the
// witnesses' cosignatures (C2SP tlog-tiles, tlog-checkpoint, tlog-witness). Runs in every instance on a
// timer; the 'log_integrated' counter's row lock lets one at a time do the work, the others find it done.
// The maximum merge delay promised in the trust list must exceed its interval plus the witnesses' latency.

import type { Kysely, Transaction } from 'kysely';
import { formatCheckpoint, parseCheckpoint } from '../../core/log/checkpoint.js';
import { consistencyProof, leafHash, treeRoot } from '../../core/log/merkle.js';
import { toBase64 } from '../../core/log/base64.js';
import { checkNoteSignatures, formatNote, parseNote, signNoteText } from '../../core/log/note.js';
import { appendToTiles, rightEdgeTiles, tileHashReader } from '../../core/log/tiles.js';
import type { Database } from '../../db/schema.js';
import type { Deps } from '../deps.js';

const BATCH = 65_536;

export interface Integrated {
  size: number;
  added: number;
}

function log(deps: Pick<Deps, 'keyring'>) {
  const policy = deps.keyring.trust.log;
  const signer = deps.keyring.logSigner();
  return policy && signer ? { policy, signer } : undefined;
}

async function tilesOf(
  trx: Transaction<Database> | Kysely<Database>,
  refs: { level: number; index: number }[],
): Promise<Map<string, Uint8Array>> {
  const tiles = new Map<string, Uint8Array>();
  for (const { level, index } of refs) {
    const row = await trx
      .selectFrom('log_tiles')
      .select('hashes')
      .where('level', '=', level)
      .where('idx', '=', index)
      .executeTakeFirst();
    if (row) tiles.set(`${level}/${index}`, new Uint8Array(row.hashes));
  }
  return tiles;
}

/**
 * Integrates up to 65,536 new leaves and signs a checkpoint of the new size (one transaction, so tiles,
 * size and checkpoint never disagree). Returns undefined when this service holds no log key.
 */
export async function integrateLog(
  deps: Pick<Deps, 'db' | 'keyring' | 'clock'>,
): Promise<Integrated | undefined> {
  const l = log(deps);
  if (!l) return undefined;
  return deps.db.transaction().execute(async (trx) => {
    const head = await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb.ref('value') }))
      .where('name', '=', 'log_integrated')
      .returning('value')
      .executeTakeFirstOrThrow();
    const size0 = Number(head.value);
    const leaves = await trx
      .selectFrom('log_leaves')
      .select(['idx', 'entry'])
      .where('idx', '>=', size0)
      .orderBy('idx')
      .limit(BATCH)
      .execute();
    let n = 0;
    while (n < leaves.length && Number(leaves[n]!.idx) === size0 + n) n++;
    const exists = await trx
      .selectFrom('log_checkpoints')
      .select('size')
      .where('size', '=', size0 + n)
      .executeTakeFirst();
    if (n === 0 && exists) return { size: size0, added: 0 };
    const tiles = await tilesOf(trx, rightEdgeTiles(size0));
    const changed = appendToTiles(
      tiles,
      size0,
      leaves.slice(0, n).map((r) => leafHash(new Uint8Array(r.entry))),
    );
    for (const key of changed) {
      const [level, index] = key.split('/').map(Number) as [number, number];
      const hashes = tiles.get(key)!;
      await trx
        .insertInto('log_tiles')
        .values({ level, idx: index, hashes })
        .onConflict((oc) => oc.columns(['level', 'idx']).doUpdateSet({ hashes }))
        .execute();
    }
    const size = size0 + n;
    const root = await treeRoot(
      tileHashReader((level, index) => tiles.get(`${level}/${index}`)),
      size,
    );
    const text = formatCheckpoint({ origin: l.policy.origin, size, root, extensions: [] });
    const note = formatNote({
      text,
      signatures: [await signNoteText(text, noteSigner(l.policy.origin, l.signer.signer))],
    });
    await trx
      .insertInto('log_checkpoints')
      .values({
        size,
        note,
        created_at: new Date(deps.clock.now()).toISOString(),
        cosigned: null,
        cosigned_at: null,
      })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
    await trx.updateTable('counters').set({ value: size }).where('name', '=', 'log_integrated').execute();
    return { size, added: n };
  });
}

function noteSigner(
  name: string,
  signer: { publicKey: Uint8Array; sign(m: Uint8Array): Promise<Uint8Array> },
) {
  return { name, publicKey: signer.publicKey, sign: (m: Uint8Array) => signer.sign(m) };
}

/** The checkpoint to publish: the newest one the quorum of witnesses has cosigned, else the newest. */
export async function publishedCheckpoint(deps: Pick<Deps, 'db' | 'keyring'>): Promise<string | undefined> {
  const rows = await deps.db
    .selectFrom('log_checkpoints')
    .select(['size', 'note', 'cosigned'])
    .orderBy('size', 'desc')
    .limit(8)
    .execute();
  const quorum = deps.keyring.trust.log?.quorum ?? 0;
  const cosigned = rows.find((r) => r.cosigned && witnessLines(r.cosigned) >= quorum);
  return cosigned?.cosigned ?? rows[0]?.note;
}

function witnessLines(note: string): number {
  return parseNote(note).signatures.length - 1;
}

/** A consistency proof between two sizes the tiles cover, for a witness (RFC 9162 section 2.1.4.1). */
export async function logConsistencyProof(
  db: Kysely<Database>,
  size1: number,
  size2: number,
): Promise<Uint8Array[]> {
  const cache = new Map<string, Uint8Array | undefined>();
  const read = tileHashReader(async (level, index) => {
    const key = `${level}/${index}`;
    if (!cache.has(key)) cache.set(key, (await tilesOf(db, [{ level, index }])).get(key));
    return cache.get(key);
  });
  return consistencyProof(read, size1, size2);
}

export interface WitnessClient {
  url: string;
  /** The size this witness last cosigned, as far as this process knows (0 at first; a 409 corrects it). */
  known: number;
}

/**
 * Asks each witness (C2SP tlog-witness add-checkpoint) to cosign the newest checkpoint, with a consistency
 * proof from the size it last cosigned, and stores the cosignatures that verify against the trust list's
 * witness keys. A witness that refuses (a fork, a rollback) or is down is reported, never trusted.
 */
export async function collectCosignatures(
  deps: Pick<Deps, 'db' | 'keyring' | 'clock'>,
  witnesses: WitnessClient[],
  fetchImpl: typeof fetch = fetch,
): Promise<{ cosigned: number; errors: string[] }> {
  const policy = deps.keyring.trust.log;
  const errors: string[] = [];
  if (!policy || witnesses.length === 0) return { cosigned: 0, errors };
  const row = await deps.db
    .selectFrom('log_checkpoints')
    .select(['size', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { cosigned: 0, errors };
  const note = parseNote(row.note);
  const size = parseCheckpoint(note.text).size;
  const lines: string[] = [];
  for (const w of witnesses) {
    try {
      let res: Response | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const old = Math.min(w.known, size);
        const proof = await logConsistencyProof(deps.db, old, size);
        const body = `old ${old}\n${proof.map((p) => `${toBase64(p)}\n`).join('')}\n${row.note}`;
        res = await fetchImpl(`${w.url.replace(/\/$/, '')}/add-checkpoint`, {
          method: 'POST',
          body,
          signal: AbortSignal.timeout(5_000),
        });
        if (res.status !== 409 || res.headers.get('content-type') !== 'text/x.tlog.size') break;
        const theirs = Number((await res.text()).trim());
        if (!Number.isSafeInteger(theirs) || theirs > size) {
          errors.push(`${w.url}: witness holds size ${theirs}, beyond the log's ${size}`);
          res = undefined;
          break;
        }
        w.known = theirs;
      }
      if (!res) continue;
      if (res.status !== 200) {
        errors.push(`${w.url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        continue;
      }
      const got = (await res.text()).split('\n').filter((x) => x.startsWith('\u2014 '));
      const checks = await checkNoteSignatures(
        { text: note.text, signatures: parseNote(`${note.text}\n${got.join('\n')}\n`).signatures },
        policy.witnesses,
      );
      const good = checks.filter((c) => c.valid).map((c) => c.key.name);
      for (const line of got) if (good.some((name) => line.startsWith(`\u2014 ${name} `))) lines.push(line);
      if (good.length === 0) errors.push(`${w.url}: no cosignature of a trusted witness key`);
      w.known = size;
    } catch (e) {
      errors.push(`${w.url}: ${(e as Error).message}`);
    }
  }
  if (lines.length > 0) {
    const cosigned = formatNote({
      text: note.text,
      signatures: [...note.signatures, ...parseNote(`${note.text}\n${lines.join('\n')}\n`).signatures],
    });
    await deps.db
      .updateTable('log_checkpoints')
      .set({ cosigned, cosigned_at: new Date(deps.clock.now()).toISOString() })
      .where('size', '=', row.size)
      .execute();
  }
  return { cosigned: lines.length, errors };
}
