// nbr keys init | issuer | status | revoke | list, and nbr trust-list: the key ceremony (keys/README.md).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importNodeEd25519 } from '../../crypto/ed25519-node.js';
import { keyWarnings } from '../../trust/key-warnings.js';
import { keysOfTrustList } from '../../trust/keyring.js';
import { loadTrust } from '../../trust/load-trust.js';
import { parseIsoSeconds } from '../../core/trust-list.js';
import {
  addIssuerKey,
  addLogWitness,
  addStatusKey,
  initKeyDirectory,
  loadRootJwk,
  logVerifierKey,
  publishTrustList,
  removeLogWitness,
  revokeKey,
  setLogQuorum,
} from '../../trust/key-directory.js';
import { AppError } from '../../errors.js';
import { nowSeconds, parse, passphrase, required, rootPassphrase, secret } from '../args.js';
import { decryptKey, type EncryptedKeyFile, encryptKey } from '../../crypto/key-file.js';
import { fromBase64Url } from '../../core/bytes.js';
import type { CliContext } from '../context.js';

const officeOptions = {
  dir: { type: 'string' },
  office: { type: 'string' },
  'office-name': { type: 'string' },
  country: { type: 'string' },
  types: { type: 'string' },
  'sign-days': { type: 'string' },
  'next-update-days': { type: 'string' },
  'passphrase-file': { type: 'string' },
  'root-passphrase-file': { type: 'string' },
  now: { type: 'string' },
} as const;

/**
 * The two secrets of a ceremony step: the service keys' passphrase, and the root's (a ceremony made before
 * they were separate opens its root with the service passphrase, said as a warning).
 */
function secrets(
  values: Record<string, unknown>,
  ctx: CliContext,
): { passphrase: string; rootPassphrase?: string } {
  const service = passphrase(values, ctx.env);
  const root = rootPassphrase(values, ctx.env);
  if (root === undefined)
    ctx.err(
      'WARNING: no NBR_ROOT_PASSPHRASE: the root key is opened with the service passphrase (keys/README.md)',
    );
  return { passphrase: service, ...(root !== undefined ? { rootPassphrase: root } : {}) };
}

function officeFrom(values: Record<string, unknown>, usage: string) {
  const signDays = values['sign-days'] === undefined ? 365 : Number(values['sign-days']);
  if (!Number.isInteger(signDays) || signDays < 1 || signDays > 3 * 365)
    throw new AppError('BAD_REQUEST', '--sign-days must be a whole number of days between 1 and 1095');
  return {
    code: required(values, 'office', usage),
    name: required(values, 'office-name', usage),
    country: required(values, 'country', usage),
    documentTypes:
      typeof values.types === 'string'
        ? values.types
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    signDays,
  };
}

function nextUpdateDays(values: Record<string, unknown>): number {
  const n = values['next-update-days'] === undefined ? 30 : Number(values['next-update-days']);
  if (!Number.isInteger(n) || n < 1 || n > 365)
    throw new AppError('BAD_REQUEST', '--next-update-days must be between 1 and 365');
  return n;
}

/**
 * The log's origin (C2SP tlog-tiles: SHOULD be the log's URL prefix without the scheme): as given, or
 * NBR_PUBLIC_URL's host and path with /log. @throws {AppError} for one with a scheme or spaces.
 */
export function logOriginFrom(given: unknown, publicUrl: string | undefined): string | undefined {
  if (typeof given === 'string') {
    if (!/^[a-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/i.test(given))
      throw new AppError(
        'BAD_REQUEST',
        '--log-origin is the URL prefix without a scheme: registry.example/log',
      );
    return given.replace(/\/$/, '');
  }
  if (!publicUrl) return undefined;
  const url = new URL(publicUrl);
  return `${url.host}${url.pathname.replace(/\/$/, '')}/log`;
}

/** The options of every command that re-signs the trust list: its secrets, the clock and the next update. */
const RESIGN_OPTIONS = {
  'passphrase-file': { type: 'string' },
  'root-passphrase-file': { type: 'string' },
  now: { type: 'string' },
  'next-update-days': { type: 'string' },
} as const;

/** Re-signs the ceremony's trust list with the root key (its sequence goes up by one). */
async function resign(
  dir: string,
  values: Record<string, unknown>,
  ctx: CliContext,
  now?: number,
): Promise<void> {
  await publishTrustList({
    dir,
    ...secrets(values, ctx),
    now: now ?? nowSeconds(values, ctx.clock),
    documentTypes: ctx.documentTypes,
    nextUpdateDays: nextUpdateDays(values),
  });
}

/** What a key of the ceremony's trust list is for (documents, status, log), or NOT_FOUND. */
function keyUseInCeremony(dir: string, kid: string): string {
  const path = join(dir, 'trust-list.payload.json');
  if (!existsSync(path)) throw new AppError('NOT_FOUND', `${dir} holds no trust-list.payload.json`);
  const payload = JSON.parse(readFileSync(path, 'utf8')) as { keys: { kid: string; use: string }[] };
  const key = payload.keys.find((k) => k.kid === kid);
  if (!key) throw new AppError('NOT_FOUND', `no key with kid ${kid} in the trust list`);
  return key.use;
}

export async function keysCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'init') {
    const usage =
      'nbr keys init --dir DIR --office PL-WAW --office-name NAME --country PL [--types passport,...] ' +
      '[--log-origin registry.example/log] [--passphrase-file F] [--root-passphrase-file F]\n' +
      "  NBR_ROOT_PASSPHRASE (or --root-passphrase-file): the root key's own passphrase, the Cabinet officers';\n" +
      '  NBR_PASSPHRASE (or --passphrase-file): the keys handed to the service\n' +
      "  --log-origin: the transparency log's origin, its URL prefix without https:// (C2SP tlog-tiles);\n" +
      '  default: NBR_PUBLIC_URL with /log';
    const { values } = parse(rest, { ...officeOptions, 'log-origin': { type: 'string' } }, usage);
    const dir = required(values, 'dir', usage);
    const office = officeFrom(values, usage);
    const logOrigin = logOriginFrom(values['log-origin'], ctx.env.NBR_PUBLIC_URL);
    const service = passphrase(values, ctx.env);
    const root = rootPassphrase(values, ctx.env);
    // Separate secrets for separate custodians (issue 22): the root's is never the service's.
    if (root === undefined)
      throw new AppError(
        'BAD_REQUEST',
        'the root key needs its own passphrase: NBR_ROOT_PASSPHRASE or --root-passphrase-file (the Cabinet ' +
          "officers'), besides NBR_PASSPHRASE for the keys handed to the service (keys/README.md)",
      );
    if (root === service)
      throw new AppError('BAD_REQUEST', 'the root passphrase must differ from the service passphrase');
    const { issuerKeyPath } = await initKeyDirectory({
      dir,
      ...(logOrigin ? { logOrigin } : {}),
      passphrase: service,
      rootPassphrase: root,
      now: nowSeconds(values, ctx.clock),
      documentTypes: ctx.documentTypes,
      office,
      nextUpdateDays: nextUpdateDays(values),
    });
    if (!logOrigin)
      ctx.err(
        'WARNING: no --log-origin and no NBR_PUBLIC_URL: the log is named by a placeholder; give the URL prefix ' +
          'the log is published at (registry.example/log), as witnesses and verifiers will know it',
      );
    ctx.out(`created root key, status key and issuer key for ${office.code} in ${dir}`);
    ctx.out(
      `publish: ${join(dir, 'trust-list.jws')}, ${join(dir, 'jwks.json')} and ` +
        `${join(dir, 'status-jwks.json')}; verifiers need ${join(dir, 'root.jwk.json')}`,
    );
    ctx.out(`issuer key for the service: ${issuerKeyPath}`);
    ctx.out(`move ${join(dir, 'root.key.json')} offline now (keys/README.md, step 4)`);
    return 0;
  }
  if (sub === 'issuer') {
    const usage =
      'nbr keys issuer --dir DIR --office LT-VNO --office-name NAME --country LT [--types ...] [--sign-days 365]';
    const { values } = parse(rest, officeOptions, usage);
    const dir = required(values, 'dir', usage);
    const opts = {
      dir,
      ...secrets(values, ctx),
      now: nowSeconds(values, ctx.clock),
      documentTypes: ctx.documentTypes,
    };
    const { kid, path } = await addIssuerKey(opts, officeFrom(values, usage));
    await publishTrustList({ ...opts, nextUpdateDays: nextUpdateDays(values) });
    ctx.out(`certified issuer key ${kid}; private key in ${path}; trust list re-signed`);
    return 0;
  }
  if (sub === 'status') {
    const usage = 'nbr keys status --dir DIR [--next-update-days 30]';
    const { values } = parse(
      rest,
      {
        dir: { type: 'string' },
        ...RESIGN_OPTIONS,
      },
      usage,
    );
    const dir = required(values, 'dir', usage);
    const opts = {
      dir,
      ...secrets(values, ctx),
      now: nowSeconds(values, ctx.clock),
      documentTypes: ctx.documentTypes,
    };
    const { kid, path } = addStatusKey(opts);
    await publishTrustList({ ...opts, nextUpdateDays: nextUpdateDays(values) });
    ctx.out(`certified status key ${kid}; private key in ${path}; trust list re-signed`);
    ctx.out(
      'hand the key file and the new trust list to the service: it signs status lists with the new key from its next reload',
    );
    return 0;
  }
  if (sub === 'revoke') {
    const usage =
      'nbr keys revoke --dir DIR --kid=KID --reason key-compromise --log-size N [--at ISO-TIME [--past-at]]\n' +
      "  --log-size: the tree size of the registry's log now, the second line of its checkpoint:\n" +
      '    curl -s https://REGISTRY/log/checkpoint | sed -n 2p\n' +
      '  (required for a key that signs documents: without it a thief can backdate). Documents the log held\n' +
      '  below it stay valid. --at (default now): documents signed at or after it fail too, even ones the log\n' +
      '  already holds; an --at in the past needs --past-at, and invalidates genuine documents';
    const { values } = parse(
      rest,
      {
        dir: { type: 'string' },
        kid: { type: 'string' },
        reason: { type: 'string' },
        at: { type: 'string' },
        'past-at': { type: 'boolean' },
        'log-size': { type: 'string' },
        ...RESIGN_OPTIONS,
      },
      usage,
    );
    const dir = required(values, 'dir', usage);
    const kid = required(values, 'kid', usage);
    const now = nowSeconds(values, ctx.clock);
    const use = keyUseInCeremony(dir, kid);
    let logSize: number | undefined;
    if (typeof values['log-size'] === 'string') {
      logSize = Number(values['log-size']);
      if (!Number.isSafeInteger(logSize) || logSize < 0)
        throw new AppError('BAD_REQUEST', '--log-size must be a tree size (a non-negative integer)');
    } else if (use === 'documents')
      // Issue 22: the documented example left it out and exited 0; a thief who backdates then wins.
      throw new AppError(
        'BAD_REQUEST',
        `--log-size is required for a key that signs documents\nusage: ${usage}`,
      );
    let at = now;
    if (typeof values.at === 'string') {
      try {
        at = parseIsoSeconds(values.at, '--at');
      } catch (e) {
        throw new AppError('BAD_REQUEST', (e as Error).message);
      }
    }
    // An --at in the past is aimed at genuine documents: every one the key signed since then fails, even those
    // the log holds. Only on purpose (a key known to have been stolen before that time).
    if (at < now - 300 && values['past-at'] !== true) {
      const days = ((now - at) / 86_400).toFixed(1);
      throw new AppError(
        'BAD_REQUEST',
        `--at ${values.at} is ${days} days ago: every document ${kid} signed since then would fail as KEY_REVOKED, ` +
          'including genuine ones the log already holds (ask the registry how many: the audit log lists issuances ' +
          'by key). Leave --at out to revoke from now and the given --log-size, or add --past-at if that is meant.',
      );
    }
    if (at < now - 300)
      ctx.err(
        `WARNING: revoking from ${new Date(at * 1000).toISOString()}: genuine documents signed since fail`,
      );
    revokeKey(dir, kid, at, required(values, 'reason', usage), logSize);
    await resign(dir, values, ctx, now);
    const fromPosition = logSize !== undefined ? ` and log position ${logSize}` : '';
    const from = new Date(at * 1000).toISOString();
    ctx.out(`key ${kid} revoked from ${from}${fromPosition}; trust list re-signed`);
    ctx.out(
      "remove its key file from the service's key folder: a revoked key left there is reported and never used",
    );
    return 0;
  }
  if (sub === 'witness' || sub === 'log-quorum' || sub === 'log-vkey') {
    // The log's witnesses, by command only (issue 22: they were added by editing the payload with jq, which
    // skipped the checks). Each change re-signs the trust list; the service picks it up on its next reload.
    const action = sub === 'witness' ? rest[0] : sub;
    const args = sub === 'witness' ? rest.slice(1) : rest;
    const usage =
      'nbr keys log-vkey --dir DIR                               the log verifier key, for the witnesses\n' +
      'nbr keys witness add --dir DIR --vkey VKEY [--url URL] [--quorum N]\n' +
      '                                                          a witness (its key from nbr witness init; URL:\n' +
      '                                                          where the log asks it to cosign, read on reload)\n' +
      'nbr keys witness remove --dir DIR --name NAME\n' +
      'nbr keys log-quorum --dir DIR --quorum N                  cosignatures a checkpoint needs (0..witnesses)';
    const { values } = parse(
      args,
      {
        dir: { type: 'string' },
        vkey: { type: 'string' },
        url: { type: 'string' },
        name: { type: 'string' },
        quorum: { type: 'string' },
        ...RESIGN_OPTIONS,
      },
      usage,
    );
    const dir = required(values, 'dir', usage);
    if (action === 'log-vkey') {
      ctx.out(logVerifierKey(dir));
      return 0;
    }
    const quorum = typeof values.quorum === 'string' ? Number(values.quorum) : undefined;
    const url = typeof values.url === 'string' ? values.url : undefined;
    if (action === 'add') await addLogWitness(dir, required(values, 'vkey', usage), quorum, url);
    else if (action === 'remove') removeLogWitness(dir, required(values, 'name', usage));
    else if (action === 'log-quorum') setLogQuorum(dir, quorum ?? Number.NaN);
    else throw new AppError('BAD_REQUEST', `usage:\n${usage}`);
    await resign(dir, values, ctx);
    const payload = JSON.parse(readFileSync(join(dir, 'trust-list.payload.json'), 'utf8')) as {
      sequence: number;
      log: { witnesses: { name: string; url?: string }[]; quorum: number };
    };
    const unreachable = payload.log.witnesses.filter((w) => !w.url).map((w) => w.name);
    ctx.out(
      `trust list #${payload.sequence} re-signed: witnesses ${payload.log.witnesses.map((w) => w.name).join(', ') || 'none'}, ` +
        `quorum ${payload.log.quorum}; publish it (instances pick it up within a minute or on SIGHUP)` +
        (unreachable.length > 0
          ? `; ${unreachable.join(', ')} without --url: give the service their URLs in NBR_WITNESS_URLS`
          : ''),
    );
    return 0;
  }
  if (sub === 'reencrypt') {
    // Handing keys to the service (issue 22): the ceremony's copy stays under the ceremony's passphrase; the
    // service's copy is written under the service operator's own, which the Cabinet's officers need not know.
    const usage =
      'nbr keys reencrypt --file KEY.key.json --out SERVICE-DIR/keys/KEY.key.json\n' +
      "  NBR_PASSPHRASE (or --passphrase-file): the file's passphrase now; NBR_NEW_PASSPHRASE (or\n" +
      "  --new-passphrase-file): the one it gets, the service operator's (NBR_KEY_PASSPHRASE of the service)";
    const { values } = parse(
      rest,
      {
        file: { type: 'string' },
        out: { type: 'string' },
        'passphrase-file': { type: 'string' },
        'new-passphrase-file': { type: 'string' },
      },
      usage,
    );
    const from = required(values, 'file', usage);
    const to = required(values, 'out', usage);
    const file = JSON.parse(readFileSync(from, 'utf8')) as EncryptedKeyFile;
    if (file.label === 'root')
      throw new AppError('BAD_REQUEST', 'the root key is never handed to the service: it stays offline');
    const seed = decryptKey(file, passphrase(values, ctx.env));
    const next = secret(values, ctx.env, {
      file: 'new-passphrase-file',
      env: 'NBR_NEW_PASSPHRASE',
      missing: 'no new passphrase: set NBR_NEW_PASSPHRASE or pass --new-passphrase-file FILE',
    });
    const out = encryptKey(seed, fromBase64Url(file.publicKey), next, file.label, file.kdf);
    seed.fill(0);
    if (existsSync(to)) throw new AppError('CONFLICT', `${to} exists; refusing to overwrite it`);
    writeFileSync(to, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
    ctx.out(`${file.label} (${file.kid}) written to ${to} under the new passphrase`);
    return 0;
  }
  if (sub === 'list') {
    // What the ceremony directory holds and what must be done soon; no passphrase needed (public data only).
    const usage = 'nbr keys list --dir DIR [--now ISO-TIME]';
    const { values } = parse(rest, { dir: { type: 'string' }, now: { type: 'string' } }, usage);
    const dir = required(values, 'dir', usage);
    const now = nowSeconds(values, ctx.clock);
    if (!existsSync(join(dir, 'trust-list.jws')))
      throw new AppError('NOT_FOUND', `${dir} holds no trust-list.jws: is it a ceremony directory?`);
    const trust = await loadTrust(
      readFileSync(join(dir, 'trust-list.jws'), 'utf8').trim(),
      [loadRootJwk(join(dir, 'root.jwk.json'))],
      importNodeEd25519,
    );
    const keysDir = join(dir, 'keys');
    const files = new Set(
      existsSync(keysDir)
        ? readdirSync(keysDir)
            .filter((f) => f.endsWith('.key.json'))
            .map((f) => (JSON.parse(readFileSync(join(keysDir, f), 'utf8')) as { kid: string }).kid)
        : [],
    );
    const day = (s: number | null | undefined) =>
      s === null || s === undefined ? '-' : new Date(s * 1000).toISOString().slice(0, 10);
    ctx.out(
      `trust list #${trust.sequence}, issued ${day(trust.issuedAt)}, next update ${day(trust.nextUpdate)}${now > trust.nextUpdate ? ' (OUT OF DATE: re-sign it, nbr trust-list)' : ''}`,
    );
    for (const k of trust.keys) {
      const label = k.use === 'status' ? 'status' : k.use === 'log' ? 'log' : 'issuer';
      ctx.out(
        `${label.padEnd(7)} ${(k.office ?? '').padEnd(8)} ${k.kid}  signs ${day(k.signFrom)}..${day(k.signUntil)}` +
          `  valid until ${day(k.validUntil)}${k.revokedAt !== undefined ? `  REVOKED ${day(k.revokedAt)}` : ''}` +
          `  key file: ${files.has(k.kid) ? 'here' : 'not here'}`,
      );
    }
    // Every certified key counts here: the ceremony answers for all of them, wherever their files went.
    const warnings = keyWarnings({ trust, ...keysOfTrustList(trust, () => true) }, now);
    for (const w of warnings) ctx.out(`WARNING (${w.scope}): ${w.message}`);
    return warnings.length ? 1 : 0;
  }
  throw new AppError(
    'BAD_REQUEST',
    'usage: nbr keys init|issuer|status|revoke|reencrypt|list|witness|log-quorum|log-vkey ...',
  );
}

export async function trustListCommand(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr trust-list --dir DIR [--next-update-days 30]';
  const { values } = parse(
    argv,
    {
      dir: { type: 'string' },
      ...RESIGN_OPTIONS,
    },
    usage,
  );
  const dir = required(values, 'dir', usage);
  await resign(dir, values, ctx);
  ctx.out(
    `signed ${join(dir, 'trust-list.jws')}; wrote ${join(dir, 'jwks.json')} and ${join(dir, 'status-jwks.json')}`,
  );
  return 0;
}
