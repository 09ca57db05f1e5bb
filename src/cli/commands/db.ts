// nbr migrate and nbr audit verify: database commands, on the same configuration as the service.

import { loadConfig } from '../../config.js';
import { connect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrations.js';
import { verifyAuditChain } from '../../services/audit.js';
import { AppError } from '../../errors.js';
import { parse } from '../args.js';
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
  const { values } = parse(rest, { database: { type: 'string' }, json: { type: 'boolean' } }, 'nbr audit verify [--database URL] [--json]');
  const handle = connect(databaseUrl(values, ctx));
  try {
    let result;
    try {
      result = await verifyAuditChain(handle.db);
    } catch (e) {
      throw new AppError('BAD_REQUEST', `cannot read the audit log (${(e as Error).message}); is this a registry database? run nbr migrate first`);
    }
    if (values.json) ctx.out(JSON.stringify(result));
    else if (result.ok) ctx.out(`audit chain intact: ${result.entries} entries`);
    else ctx.out(`AUDIT CHAIN BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries verified before it)`);
    return result.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

export const dbCommands: Record<string, (argv: string[], ctx: CliContext) => Promise<number>> = { migrate, audit };
