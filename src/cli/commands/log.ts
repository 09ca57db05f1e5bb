// nbr log sync: keep a verifier's local copy of the registry's transparency log up to date (only the new
// entry bundles are fetched; every update must extend the old copy). nbr log monitor: the same, and with
// the registry database, every leaf reconciled with an issued document (docs/operations.md).

import { progress } from '../progress.js';
import { loadConfig } from '../../config.js';
import { loadDataKeyFile } from '../../crypto/data-key-file.js';
import { openFieldCipher } from '../../services/store/data-keys.js';
import { openRow } from '../../services/store/row-codec.js';
import { passphraseOf } from './data-key.js';
import type { LogPolicy } from '../../core/log/checkpoint.js';
import { LogCopy } from '../../core/log/copy.js';
import { documentEntry } from '../../core/log/entry.js';
import { bytesEqual } from '../../core/bytes.js';
import { decodeCoseSign1, sigStructure } from '../../core/cose.js';
import { decodePayload } from '../../core/payload.js';
import { fromQrText } from '../../core/qr-text.js';
import { importNodeEd25519 } from '../../crypto/ed25519-node.js';
import { connect } from '../../db/connect.js';
import { AppError } from '../../errors.js';
import { checkTrustSequence, hasCopy, httpLogFetch, loadCopy, saveCopy } from '../../log-copy/directory.js';
import { loadRootJwk } from '../../trust/key-directory.js';
import { loadTrust } from '../../trust/load-trust.js';
import { parse, readText, required } from '../args.js';
import type { CliContext } from '../context.js';

const syncUsage =
  'nbr log sync --from https://REGISTRY/log --dir DIR --trust trust-list.jws --root root.jwk.json [--quiet]';
const monitorUsage = `${syncUsage.replace('log sync', 'log monitor')} [--database URL]`;

async function policyOf(values: Record<string, unknown>, usage: string): Promise<LogPolicy> {
  const trust = await loadTrust(
    readText(required(values, 'trust', usage), 'trust list'),
    [loadRootJwk(required(values, 'root', usage))],
    importNodeEd25519,
  );
  if (!trust.log) throw new AppError('TRUST_LIST_INVALID', 'the trust list names no transparency log');
  const older = checkTrustSequence(required(values, 'dir', usage), trust.sequence);
  if (older) throw new AppError('TRUST_LIST_INVALID', older);
  return trust.log;
}

/** The copy after a sync; throws AppError for a log that cannot be trusted or reached. */
async function syncCopy(values: Record<string, unknown>, usage: string, ctx: CliContext) {
  const policy = await policyOf(values, usage);
  const dir = required(values, 'dir', usage);
  let prev: LogCopy | undefined;
  if (hasCopy(dir)) {
    const loaded = await loadCopy(dir, policy);
    if (!loaded.ok) throw new AppError('BAD_REQUEST', `the copy in ${dir} does not open: ${loaded.message}`);
    prev = loaded.copy;
  }
  const started = performance.now();
  // Progress (issue 24): the checkpoint says how many entries there are; each entry bundle holds 256.
  const bar = progress(ctx, values.quiet === true);
  const from = prev?.size ?? 0;
  let bundles = 0;
  let total = 0;
  const fetchLog = httpLogFetch(required(values, 'from', usage), ctx.fetch);
  const result = await LogCopy.sync(prev, policy, async (path) => {
    const bytes = await fetchLog(path);
    if (path === 'checkpoint') {
      const size = Number(new TextDecoder().decode(bytes).split('\n')[1]);
      total = Number.isSafeInteger(size) ? Math.max(0, Math.ceil(size / 256) - Math.floor(from / 256)) : 0;
    } else if (path.startsWith('tile/entries/'))
      bar.update('log entry bundles', ++bundles, Math.max(total, bundles));
    return bytes;
  });
  bar.finish(`fetched ${bundles} entry bundles`);
  if (!result.ok) {
    // A log that shows another tree than before is the alarm this copy exists for: say it loudly.
    const loud = result.code === 'LOG_INCONSISTENT' ? 'ALARM: ' : '';
    ctx.err(`${loud}${result.code}: ${result.message}; the copy in ${dir} was kept as it was`);
    return undefined;
  }
  saveCopy(dir, result.copy);
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  ctx.out(
    `log copy in ${dir}: ${result.copy.size} entries (+${result.added}), ${result.fetchedBytes} bytes fetched in ${secs} s, witnessed ${
      result.copy.time === undefined ? 'never' : new Date(result.copy.time * 1000).toISOString()
    }`,
  );
  return { copy: result.copy, added: result.added, prevSize: prev?.size ?? 0 };
}

const syncOptions = {
  from: { type: 'string' },
  dir: { type: 'string' },
  trust: { type: 'string' },
  root: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

async function sync(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(argv, syncOptions, syncUsage);
  return (await syncCopy(values, syncUsage, ctx)) ? 0 : 1;
}

/**
 * Reconciles every leaf of the copy with the registry: a leaf whose document the registry does not hold
 * (or holds with another signature) was written outside the issuance workflow. Counts per key, office and
 * day show bursts. Exit 1 on any unmatched leaf.
 */
async function monitor(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(argv, { ...syncOptions, database: { type: 'string' } }, monitorUsage);
  const synced = await syncCopy(values, monitorUsage, ctx);
  if (!synced) return 1;
  if (typeof values.database !== 'string') return 0;
  const handle = connect(values.database);
  let unmatched = 0;
  const counts = new Map<string, number>();
  try {
    // The documents' QR texts are sealed at rest: the monitor opens them with the registry's data key file.
    const config = loadConfig(ctx.env, process.cwd());
    const cipher = await openFieldCipher(
      handle.db,
      loadDataKeyFile(config.dataKeyFile, passphraseOf(config)),
      {
        create: false,
        now: () => new Date(ctx.clock()).toISOString(),
      },
    );
    // Progress over the walk too (issue 24, item 15): a million entries take a while to reconcile.
    const bar = progress(ctx, values.quiet === true);
    for (let from = 0; from < synced.copy.size; from += 10_000) {
      bar.update('log entries reconciled', from, synced.copy.size);
      // The leaf's document, the application it came from (approved by someone other than its author) and
      // the audit chain's record of the issuance: a leaf written around the workflow lacks one of them.
      const rows = await handle.db
        .selectFrom('log_leaves')
        .innerJoin('documents', 'documents.id', 'log_leaves.document_id')
        .innerJoin('applications', 'applications.id', 'documents.application_id')
        .innerJoin('audit_log', (j) =>
          j.onRef('audit_log.target_id', '=', 'documents.id').on('audit_log.action', '=', 'document.issue'),
        )
        .whereRef('applications.decided_by', '!=', 'applications.created_by')
        .select([
          'log_leaves.idx',
          'documents.id',
          'documents.qr_text',
          'documents.kid',
          'documents.issued_at',
        ])
        .where('log_leaves.idx', '>=', from)
        .where('log_leaves.idx', '<', Math.min(from + 10_000, synced.copy.size))
        .orderBy('log_leaves.idx')
        .execute();
      const byIndex = new Map(rows.map((r) => [Number(r.idx), r]));
      for (let i = from; i < Math.min(from + 10_000, synced.copy.size); i++) {
        const row = byIndex.get(i);
        // A row whose QR text does not open was not written by the service: unmatched, like a missing one.
        let qr: string | undefined;
        try {
          qr = row && openRow(cipher, 'documents', row).qr_text;
        } catch {
          qr = undefined;
        }
        const expected = qr ? entryOfQr(qr, i, ctx) : undefined;
        if (!row || !expected || !bytesEqual(expected, synced.copy.entryAt(i)!)) {
          unmatched++;
          ctx.err(
            `ALARM: log entry ${i} has no document issued through the workflow (two people, audited): signed outside it?`,
          );
          continue;
        }
        const key = `${row.issued_at.slice(0, 10)} ${row.kid}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    bar.update('log entries reconciled', synced.copy.size, synced.copy.size);
    bar.finish(`reconciled ${synced.copy.size} log entries with the database`);
  } finally {
    await handle.close();
  }
  for (const [key, n] of [...counts].sort()) ctx.out(`  ${key}: ${n}`);
  ctx.out(
    unmatched === 0
      ? `all ${synced.copy.size} entries match issued documents`
      : `${unmatched} entries unmatched`,
  );
  return unmatched === 0 ? 0 : 1;
}

function entryOfQr(qr: string, index: number, ctx: CliContext): Uint8Array | undefined {
  const text = fromQrText(qr);
  if (!text.ok) return undefined;
  try {
    const cose = decodeCoseSign1(text.bytes);
    if (decodePayload(cose.payload, ctx.documentTypes).logIndex !== index) return undefined;
    return documentEntry(sigStructure(cose.protectedBytes, cose.payload), cose.signature);
  } catch {
    return undefined;
  }
}

const vkeyUsage = 'nbr log vkey --trust trust-list.jws --root root.jwk.json';

/**
 * The log's verifier key, for a witness operator (issue 22): read from a trust list checked against the root
 * key obtained out of band, so the operator trusts the Cabinet's signature, not the server that served it.
 */
async function vkey(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(argv, { trust: { type: 'string' }, root: { type: 'string' } }, vkeyUsage);
  const trust = await loadTrust(
    readText(required(values, 'trust', vkeyUsage), 'trust list'),
    [loadRootJwk(required(values, 'root', vkeyUsage))],
    importNodeEd25519,
  );
  if (!trust.log) throw new AppError('TRUST_LIST_INVALID', 'the trust list names no transparency log');
  ctx.out(trust.log.log.text);
  return 0;
}

export async function logCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'vkey') return vkey(rest, ctx);
  if (sub === 'sync') return sync(rest, ctx);
  if (sub === 'monitor') return monitor(rest, ctx);
  throw new AppError('BAD_REQUEST', `usage: ${syncUsage}\n       ${monitorUsage}\n       ${vkeyUsage}`);
}
