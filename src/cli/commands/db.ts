// nbr migrate, nbr audit verify, nbr staff add, nbr backup, nbr restore and nbr mark-live: database commands,
// on the same configuration as the service.

import { loadDataKeyFile } from '../../crypto/data-key-file.js';
import { openFieldCipher } from '../../services/store/data-keys.js';
import { rebuildTerms } from '../../services/registry/name-terms.js';
import { passphraseOf } from './data-key.js';
import { progress } from '../progress.js';
import { dataKeyCommand } from './data-key.js';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { isRestoredCopy, RESTORED_COPY, restoreBackup, writeBackup } from '../../db/backup.js';
import { appendAudit, lockAuditHead } from '../../services/audit.js';
import { loadConfig } from '../../config.js';
import { connect } from '../../db/connect.js';
import { createIdGenerator } from '../../db/ids.js';
import { migrateToLatest } from '../../db/migrations.js';
import { ROLES, type Role } from '../../db/schema.js';
import { verifyAuditChain } from '../../services/audit.js';
import { checkPassword, createAccountDirectly } from '../../services/staff/staff.js';
import { AppError } from '../../errors.js';
import { parse, required, secret } from '../args.js';
import type { CliContext } from '../context.js';

function databaseUrl(values: Record<string, unknown>, ctx: CliContext): string {
  if (typeof values.database === 'string') return values.database;
  return loadConfig(ctx.env, process.cwd()).databaseUrl;
}

async function migrate(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(argv, { database: { type: 'string' } }, 'nbr migrate [--database URL]');
  const handle = connect(databaseUrl(values, ctx));
  try {
    const result = await migrateToLatest(handle.db);
    const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    ctx.out(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await handle.close();
  }
}

async function audit(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'verify') throw new AppError('BAD_REQUEST', 'usage: nbr audit verify [--database URL]');
  const { values } = parse(
    rest,
    { database: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean' } },
    'nbr audit verify [--database URL] [--json] [--quiet]',
  );
  const handle = connect(databaseUrl(values, ctx));
  const bar = progress(ctx, values.quiet === true);
  try {
    let result;
    try {
      result = await verifyAuditChain(handle.db, (done, total) => bar.update('audit entries', done, total));
      bar.finish(`checked ${result.entries} audit entries`);
    } catch (e) {
      throw new AppError(
        'BAD_REQUEST',
        `cannot read the audit log (${(e as Error).message}); is this a registry database? run nbr migrate first`,
      );
    }
    if (values.json) ctx.out(JSON.stringify(result));
    else if (result.ok) ctx.out(`audit chain intact: ${result.entries} entries`);
    else
      ctx.out(
        `AUDIT CHAIN BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries verified before it)`,
      );
    return result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

/** Field errors are for forms; on the command line one line says what is wrong. */
function oneLine(e: unknown): never {
  if (e instanceof AppError && e.fields?.length)
    throw new AppError(
      'BAD_REQUEST',
      `${e.message}: ${e.fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
    );
  throw e;
}

/** Cabinet admins `nbr staff add` may create: the founding pair, so that one can confirm the other's requests. */
const FOUNDING_ADMINS = 2;

/**
 * nbr staff add: the founding cabinet admins of a production service (development mode creates its own
 * accounts), and a way back in when fewer than two can log in. The password comes from NBR_STAFF_PASSWORD or a file, never the command line.
 */
async function staff(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  const usage =
    'nbr staff add --username NAME --display-name "Full Name" --role cabinet_admin|office_admin|clerk|approver [--office PL-WAW] [--password-file F] [--database URL]';
  if (sub !== 'add') throw new AppError('BAD_REQUEST', `usage: ${usage}`);
  const { values } = parse(
    rest,
    {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      office: { type: 'string' },
      'password-file': { type: 'string' },
      database: { type: 'string' },
    },
    usage,
  );
  const role = required(values, 'role', usage);
  if (!ROLES.includes(role as Role))
    throw new AppError('BAD_REQUEST', `--role must be one of ${ROLES.join(', ')}`);
  const password = secret(values, ctx.env, {
    file: 'password-file',
    env: 'NBR_STAFF_PASSWORD',
    missing: 'give the password in NBR_STAFF_PASSWORD or --password-file (never on the command line)',
  });
  const username = required(values, 'username', usage);
  const displayName = required(values, 'display-name', usage);
  const handle = connect(databaseUrl(values, ctx));
  try {
    await migrateToLatest(handle.db);
    let officeId: string | null = null;
    if (typeof values.office === 'string') {
      const office = await handle.db
        .selectFrom('offices')
        .select('id')
        .where('code', '=', values.office)
        .executeTakeFirst();
      if (!office)
        throw new AppError(
          'NOT_FOUND',
          `office ${values.office} is not in the database: start the service once with its trust list (it loads the offices from it)`,
        );
      officeId = office.id;
    }
    try {
      checkPassword(password);
    } catch (e) {
      oneLine(e);
    }
    // The founding pair of cabinet admins is the one exception to the two-person rule for accounts (issue
    // 10): with fewer than two, nobody could confirm the next account. Everything else goes through the
    // console, where a second administrator confirms (services/staff/staff-requests.ts).
    const cabinetAdmins = await handle.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'cabinet_admin')
      .where('disabled', '=', 0)
      .executeTakeFirstOrThrow();
    if (role !== 'cabinet_admin' || Number(cabinetAdmins.n) >= FOUNDING_ADMINS)
      throw new AppError(
        'FORBIDDEN',
        `nbr staff add creates only the first ${FOUNDING_ADMINS} cabinet admins; ` +
          `${role !== 'cabinet_admin' ? 'other accounts' : 'more'} are asked for in the console ` +
          'and confirmed by a second administrator',
      );
    const clock = { now: ctx.clock };
    const created = await createAccountDirectly(
      { db: handle.db, clock, ids: createIdGenerator(ctx.clock, (n) => new Uint8Array(randomBytes(n))) },
      {
        username,
        displayName,
        password,
        role: role as Role,
        officeId,
      },
      'nbr staff add',
    ).catch(oneLine);
    ctx.out(
      `created ${created.role} ${created.username}${values.office ? ` at ${String(values.office)}` : ''}`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

function backupPassphrase(values: Record<string, unknown>, ctx: CliContext): string {
  return secret(values, ctx.env, {
    file: 'passphrase-file',
    env: 'NBR_BACKUP_PASSPHRASE',
    missing:
      'give the backup passphrase in NBR_BACKUP_PASSPHRASE or --passphrase-file (never on the command line)',
  });
}

/** nbr backup: the whole registry (but live sessions), gzip, sealed with a backup passphrase. */
async function backup(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr backup --out FILE [--database URL] [--passphrase-file F] [--quiet]';
  const { values } = parse(
    argv,
    {
      out: { type: 'string' },
      database: { type: 'string' },
      'passphrase-file': { type: 'string' },
      quiet: { type: 'boolean' },
    },
    usage,
  );
  const out = required(values, 'out', usage);
  const passphrase = backupPassphrase(values, ctx);
  if (existsSync(out)) throw new AppError('CONFLICT', `${out} exists; refusing to overwrite it`);
  const handle = connect(databaseUrl(values, ctx));
  try {
    const bar = progress(ctx, values.quiet === true);
    const counts = await writeBackup(handle.db, out, passphrase, undefined, undefined, (done, total) =>
      bar.update('rows backed up', done, total),
    );
    bar.finish(`backed up ${Object.values(counts).reduce((a, b) => a + b, 0)} rows`);
    ctx.out(
      `backup written to ${out}: ${
        Object.entries(counts)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ') || 'empty registry'
      }`,
    );
    ctx.out('it holds personal data: keep it off this machine, and the passphrase apart from it');
    return 0;
  } catch (e) {
    rmSync(out, { force: true }); // never leave half a backup that looks like a whole one
    throw e;
  } finally {
    await handle.close();
  }
}

/**
 * nbr restore: into an empty database (SQLite or PostgreSQL): the whole file checked first, then inserted in
 * bounded transactions (db/backup.ts), then the audit chain is checked.
 */
async function restore(argv: string[], ctx: CliContext): Promise<number> {
  const usage =
    'nbr restore --in FILE [--database URL] [--passphrase-file F] [--live] [--quiet]\n' +
    '  --live: this copy replaces the live registry at once; without it the copy starts with its transparency\n' +
    '  log and witness calls off (nbr mark-live turns them on), so that a test copy never forks the log';
  const { values } = parse(
    argv,
    {
      in: { type: 'string' },
      database: { type: 'string' },
      'passphrase-file': { type: 'string' },
      live: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    usage,
  );
  const file = required(values, 'in', usage);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `cannot read ${file}`);
  const passphrase = backupPassphrase(values, ctx);
  const handle = connect(databaseUrl(values, ctx));
  try {
    await migrateToLatest(handle.db);
    // The restored rows are sealed: rebuilding the search index opens the names with the registry's data key
    // file, checked before anything is written (docs/data-at-rest.md section 7).
    const config = loadConfig(ctx.env, process.cwd());
    const wrapper = loadDataKeyFile(config.dataKeyFile, passphraseOf(config));
    const bar = progress(ctx, values.quiet === true);
    const counts = await restoreBackup(handle.db, file, passphrase, {
      live: values.live === true,
      onProgress: (done, total) => bar.update('rows restored', done, total),
      derive: async (db) =>
        rebuildTerms(
          db,
          await openFieldCipher(db, wrapper, { create: false, now: () => new Date().toISOString() }),
        ),
    });
    bar.finish(`restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows`);
    const chain = await verifyAuditChain(handle.db);
    ctx.out(
      `restored ${Object.entries(counts)
        .map(([t, n]) => `${n} ${t}`)
        .join(', ')}`,
    );
    ctx.out(
      chain.ok
        ? `audit chain intact: ${chain.entries} entries`
        : `AUDIT CHAIN BROKEN at entry ${chain.brokenAt}: ${chain.reason}`,
    );
    if (values.live !== true)
      ctx.out(
        'a restored copy: its log and witness calls stay off until  nbr mark-live  (only on the one live registry)',
      );
    return chain.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

/**
 * nbr mark-live: this restored copy is now the live registry (the old one is gone for good): its service
 * signs checkpoints and asks the witnesses again from its next start. Audited.
 */
async function markLive(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr mark-live [--database URL]';
  const { values } = parse(argv, { database: { type: 'string' } }, usage);
  const handle = connect(databaseUrl(values, ctx));
  try {
    await migrateToLatest(handle.db);
    if (!(await isRestoredCopy(handle.db))) {
      ctx.out('this database is not marked as a restored copy: nothing to do');
      return 0;
    }
    const deps = {
      clock: { now: () => ctx.clock() },
      ids: createIdGenerator(ctx.clock, (n) => new Uint8Array(randomBytes(n))),
    };
    await handle.db.transaction().execute(async (trx) => {
      await lockAuditHead(trx);
      await trx.deleteFrom('counters').where('name', '=', RESTORED_COPY).execute();
      await appendAudit(trx, deps, null, { action: 'registry.mark-live' });
    });
    ctx.out('marked live: start the service; it integrates the log and asks the witnesses again');
    return 0;
  } finally {
    await handle.close();
  }
}

export const dbCommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = {
  migrate,
  audit,
  staff,
  backup,
  restore,
  'mark-live': markLive,
  'data-key': dataKeyCommand,
};
