// nbr data-key init | status | migrate | rotate: the keys of people's data at rest (docs/data-at-rest.md,
// docs/operations.md "Data at rest"). The key file is opened with the service's key passphrase
// (NBR_KEY_PASSPHRASE; in development mode the development passphrase file).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostgresAdapter } from 'kysely';
import { loadConfig, type Config } from '../../config.js';
import { createDataKeyFile, loadDataKeyFile } from '../../crypto/data-key-file.js';
import { connect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrations.js';
import { AppError } from '../../errors.js';
import {
  openFieldCipher,
  PLAINTEXT_MARKER,
  retireKey,
  startRotation,
} from '../../services/store/data-keys.js';
import { dataKeyWrapper } from '../../services/store/open-cipher.js';
import { migrateToSealed, resealAll, type ResealProgress } from '../../services/store/reseal.js';
import { parse } from '../args.js';
import type { CliContext } from '../context.js';
import { progress } from '../progress.js';

const USAGE = `nbr data-key init [--file F]
nbr data-key status [--database URL]
nbr data-key migrate [--database URL] [--batch N] [--quiet]
nbr data-key rotate [--database URL] [--batch N] [--settle SECONDS] [--quiet]`;

export function passphraseOf(config: Config): string {
  if (config.keyPassphrase) return config.keyPassphrase;
  const dev = join(config.keysDir, 'DEV-PASSPHRASE');
  if (config.devMode && existsSync(dev)) return readFileSync(dev, 'utf8').trim();
  throw new AppError('BAD_REQUEST', 'set NBR_KEY_PASSPHRASE: the data key file is opened with it');
}

const OPTIONS = {
  database: { type: 'string' },
  file: { type: 'string' },
  batch: { type: 'string' },
  settle: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

export async function dataKeyCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parse(rest, OPTIONS, USAGE);
  const config = loadConfig(
    { ...ctx.env, ...(typeof values.file === 'string' ? { NBR_DATA_KEY_FILE: values.file } : {}) },
    process.cwd(),
  );
  const passphrase = passphraseOf(config);
  if (sub === 'init') {
    const wrapper = createDataKeyFile(config.dataKeyFile, passphrase);
    ctx.out(`created ${config.dataKeyFile} (key ${wrapper.id})`);
    ctx.out(
      'keep a copy with the ceremony records: without it, the database reveals no one, not even to you',
    );
    return 0;
  }
  if (!['status', 'migrate', 'rotate'].includes(sub ?? ''))
    throw new AppError('BAD_REQUEST', `usage:\n${USAGE}`);
  const handle = connect(typeof values.database === 'string' ? values.database : config.databaseUrl);
  const batch = typeof values.batch === 'string' ? Number(values.batch) : 500;
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000)
    throw new AppError('BAD_REQUEST', '--batch is a number of rows, 1 to 10000');
  const bar = progress(ctx, values.quiet === true);
  const onProgress = (p: ResealProgress) => bar.update(p.table, p.done, p.total);
  try {
    await migrateToLatest(handle.db);
    if (sub === 'status') return await status(handle.db, ctx);
    const now = () => new Date(ctx.clock()).toISOString();
    if (sub === 'migrate') {
      const wrapper = await dataKeyWrapper(handle.db, config, passphrase, ctx.err);
      const cipher = await openFieldCipher(handle.db, wrapper, { create: true, now });
      const postgres = handle.db.getExecutor().adapter instanceof PostgresAdapter;
      const n = await migrateToSealed(handle.db, cipher, { batch, onProgress, postgres });
      bar.finish(`sealed ${n} values; the service may start`);
      return 0;
    }
    const wrapper = loadDataKeyFile(config.dataKeyFile, passphrase);
    const rows = await handle.db.selectFrom('data_keys').select(['id', 'state']).execute();
    if (!rows.some((r) => r.state === 'retiring')) {
      const { from, to } = await startRotation(handle.db, wrapper, now());
      ctx.err(`new values are sealed with ${to} from now on; re-sealing what ${from.join(', ')} sealed`);
    } else ctx.err('resuming the rotation that was under way');
    const cipher = await openFieldCipher(handle.db, wrapper, { create: false, now });
    const settle =
      typeof values.settle === 'string' ? Number(values.settle) : 2 * config.dataKeyRefreshSeconds;
    // Instances take the new key within NBR_DATA_KEY_REFRESH_SECONDS; one may write under the old key until
    // then. So walk, wait that long, and walk again until a walk finds nothing left to re-seal.
    let total = 0;
    for (let pass = 1; ; pass++) {
      const n = await resealAll(handle.db, cipher, 'rotate', { batch, onProgress });
      total += n;
      if (n === 0 && pass > 1) break;
      await new Promise((r) => setTimeout(r, settle * 1000));
    }
    const retiring = (await handle.db.selectFrom('data_keys').select(['id', 'state']).execute()).filter(
      (r) => r.state === 'retiring',
    );
    for (const r of retiring) await retireKey(handle.db, r.id, now());
    bar.finish(
      `re-sealed ${total} values under ${cipher.activeKeyId}; retired ${retiring.map((r) => r.id).join(', ') || 'none'}`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

async function status(db: ReturnType<typeof connect>['db'], ctx: CliContext): Promise<number> {
  const keys = await db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
  if (keys.length === 0)
    ctx.out('no data keys yet (they are made at the first start, or by nbr data-key migrate)');
  for (const k of keys)
    ctx.out(
      `${k.id.padEnd(6)} ${k.purpose.padEnd(6)} ${k.state.padEnd(9)} wrapped by ${k.kek_id}  made ${k.created_at}` +
        (k.retired_at ? `  retired ${k.retired_at}` : ''),
    );
  const counters = await db
    .selectFrom('counters')
    .select(['name', 'hash'])
    .where('name', 'in', [PLAINTEXT_MARKER, 'reseal_migrate', 'reseal_rotate'])
    .execute();
  for (const c of counters) {
    if (c.name === PLAINTEXT_MARKER)
      ctx.out('PLAIN TEXT remains: run  nbr data-key migrate  before starting the service');
    else if (c.hash) {
      const cursor = JSON.parse(c.hash) as { table: string; after: string };
      ctx.out(`${c.name === 'reseal_rotate' ? 'rotation' : 'migration'} under way: at ${cursor.table}`);
    }
  }
  return 0;
}
