// nbr recognition: the tools of a host state's authority (docs/recognition.md §9) and of the registry's
// operator. keygen makes the state's own key (the Cabinet never holds it); sign turns rules.json into a signed
// statement; check lints rules against the document schemas and runs them over sample documents; provision
// writes the file (and link) that provisions a verifier for the state; publish puts a statement where the
// registry serves it, after checking its signature and refusing a rollback.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dataAccesses } from 'certlogic-js/dist/validation/data-accesses.js';
import { fromBase64Url, toBase64Url, utf8 } from '../../core/bytes.js';
import type { DocumentTypeRegistry } from '../../core/document-types.js';
import { signJws } from '../../core/jws.js';
import {
  isPurpose,
  checkStatementPayload,
  openStatement,
  parseProvision,
  PURPOSES,
  provisionJson,
  RECOGNITION_FORMAT,
  RECOGNITION_TYP,
  recognise,
  rootFingerprint,
  stateKid,
  textIn,
  type Provision,
  type RecognitionStatement,
} from '../../core/recognition/index.js';
import { verify } from '../../core/verify.js';
import { generateEd25519, importNodeEd25519, nodeSigner } from '../../crypto/ed25519-node.js';
import { decryptKey, encryptKey, type EncryptedKeyFile } from '../../crypto/key-file.js';
import { AppError } from '../../errors.js';
import { publishStatement, readProvision } from '../../recognition/files.js';
import { loadRootJwk } from '../../trust/key-directory.js';
import { loadTrust } from '../../trust/load-trust.js';
import { nowSeconds, parse, readText, required, secret } from '../args.js';
import type { CliContext } from '../context.js';

const USAGE = `nbr recognition: a host state's statement of what it accepts New Belarus documents for

  nbr recognition keygen --state CC --key FILE            the state's own signing key (passphrase-encrypted)
  nbr recognition sign --key FILE --rules rules.json [--out CC.jws] [--now ISO]
  nbr recognition check --rules rules.json [--trust trust-list.jws --root root.jwk.json SAMPLE...]
  nbr recognition provision --key FILE --state-name '{"en":"…"}' --authority NAME [--language xx]...
                            [--statement-url URL] [--verifier URL] [--out CC.provision.json]
  nbr recognition publish --statement CC.jws [--provision CC.provision.json] --dir DIR

The key's passphrase comes from NBR_RECOGNITION_PASSPHRASE or --passphrase-file. docs/recognition.md.`;

const keyPassphrase = (values: Record<string, unknown>, env: NodeJS.ProcessEnv) =>
  secret(values, env, {
    file: 'passphrase-file',
    env: 'NBR_RECOGNITION_PASSPHRASE',
    missing: 'no passphrase: set NBR_RECOGNITION_PASSPHRASE or pass --passphrase-file FILE',
  });

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readText(path, what));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `${path} is not JSON: ${(e as Error).message}`);
  }
}

function readKeyFile(path: string): EncryptedKeyFile {
  const file = readJson(path, 'recognition key') as EncryptedKeyFile;
  if (!/^recognition:[A-Z]{2}$/.test(file?.label ?? ''))
    throw new AppError('KEY_FILE_INVALID', `${path} is not a recognition key (nbr recognition keygen)`);
  return file;
}

async function keygen(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr recognition keygen --state CC --key FILE';
  const { values } = parse(
    argv,
    { state: { type: 'string' }, key: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    usage,
  );
  const state = required(values, 'state', usage);
  if (!/^[A-Z]{2}$/.test(state))
    throw new AppError('BAD_REQUEST', '--state: an ISO 3166-1 alpha-2 code, e.g. PL');
  const path = required(values, 'key', usage);
  if (existsSync(path)) throw new AppError('CONFLICT', `${path} exists; refusing to overwrite a key`);
  const { seed, publicKey } = generateEd25519();
  const file = encryptKey(seed, publicKey, keyPassphrase(values, ctx.env), `recognition:${state}`);
  seed.fill(0);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  ctx.out(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: file.publicKey, kid: stateKid(publicKey) }));
  return 0;
}

/** rules.json is the statement without format, issuedAt and signature (docs/recognition.md §9.2). */
async function sign(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr recognition sign --key FILE --rules rules.json [--out CC.jws] [--now ISO]';
  const { values } = parse(
    argv,
    {
      key: { type: 'string' },
      rules: { type: 'string' },
      out: { type: 'string' },
      now: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    usage,
  );
  const file = readKeyFile(required(values, 'key', usage));
  const rules = readJson(required(values, 'rules', usage), 'rules') as Record<string, unknown>;
  const state = file.label.slice('recognition:'.length);
  if (rules.state !== undefined && rules.state !== state)
    throw new AppError('BAD_REQUEST', `the rules are for ${String(rules.state)}, the key for ${state}`);
  const issuedAt = new Date(nowSeconds(values, ctx.clock) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const payload = { format: RECOGNITION_FORMAT, ...rules, state, issuedAt };
  const signer = nodeSigner(decryptKey(file, keyPassphrase(values, ctx.env)));
  const jws = await signJws(RECOGNITION_TYP, payload, signer);
  // Open what was signed exactly as a verifier will: a statement that would be refused is never written.
  const opened = await openStatement(
    jws,
    selfProvision(file, state),
    ctx.documentTypes.all().map((t) => t.name),
    importNodeEd25519,
  );
  if (!opened.ok) throw new AppError('BAD_REQUEST', `not signed: ${opened.message}`);
  const out = typeof values.out === 'string' ? values.out : `${state}.jws`;
  writeFileSync(out, `${jws}\n`);
  ctx.out(`signed ${state} statement, sequence ${opened.statement.sequence}, to ${out}`);
  return 0;
}

function selfProvision(file: EncryptedKeyFile, state: string): Provision {
  return {
    state,
    stateName: { en: state },
    authority: state,
    languages: [],
    keys: [{ kid: stateKid(fromBase64Url(file.publicKey)), x: file.publicKey }],
  };
}

/** The document fields a rule may read: `document.fields.NAME` must be a field of the type (§5). */
function lint(statement: Record<string, unknown>, types: DocumentTypeRegistry): string[] {
  const problems: string[] = [];
  const recognitions = Array.isArray(statement.recognitions)
    ? (statement.recognitions as Record<string, unknown>[])
    : [];
  for (const r of recognitions) {
    const type = types.byName(String(r.documentType));
    if (!type) {
      problems.push(
        `${String(r.documentType)}: not a document type (${types
          .all()
          .map((t) => t.name)
          .join(', ')})`,
      );
      continue;
    }
    if (!isPurpose(r.purpose))
      problems.push(`${type.name}: purpose ${String(r.purpose)} is not one of ${PURPOSES.join(', ')}`);
    for (const rule of Array.isArray(r.rules) ? (r.rules as Record<string, unknown>[]) : []) {
      let paths: string[] = [];
      try {
        paths = dataAccesses(rule.logic as never);
      } catch (e) {
        problems.push(`${String(rule.id)}: ${(e as Error).message}`);
      }
      for (const path of paths) {
        const field = /^document\.fields\.(.+)$/.exec(path);
        if (field && !type.schema.properties[field[1]!])
          problems.push(`${String(rule.id)}: ${type.name} has no field ${field[1]}`);
        else if (!field && !KNOWN_PATHS.has(path))
          problems.push(`${String(rule.id)}: reads ${path}, which is never given (§5)`);
      }
    }
  }
  return problems;
}

const KNOWN_PATHS = new Set([
  'verdict',
  'validationClock',
  'purpose',
  'document.type',
  'document.office',
  'document.country',
  'document.issuedAt',
  'document.expiresAt',
]);

async function check(argv: string[], ctx: CliContext): Promise<number> {
  const usage =
    'nbr recognition check --rules rules.json [--trust trust-list.jws --root root.jwk.json SAMPLE...]';
  const { values, positionals } = parse(
    argv,
    {
      rules: { type: 'string' },
      trust: { type: 'string' },
      root: { type: 'string' },
      now: { type: 'string' },
    },
    usage,
  );
  const rules = readJson(required(values, 'rules', usage), 'rules') as Record<string, unknown>;
  const now = nowSeconds(values, ctx.clock);
  // The rules as a statement, checked by the same code as a signed one: every structural check applies.
  const state = String(rules.state ?? '');
  const opened = checkStatementPayload(
    {
      format: RECOGNITION_FORMAT,
      ...rules,
      issuedAt: new Date(now * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    ctx.documentTypes.all().map((t) => t.name),
  );
  const problems = lint(rules, ctx.documentTypes);
  if (!opened.ok) problems.unshift(opened.message);
  for (const p of problems) ctx.out(`problem: ${p}`);
  if (!opened.ok) return 1;
  ctx.out(
    `rules: ${opened.statement.recognitions.length} document type and purpose pairs, ${problems.length} problems`,
  );
  if (positionals.length > 0) {
    const rootPath = required(values, 'root', usage);
    const root = loadRootJwk(rootPath);
    const trust = await loadTrust(
      readText(required(values, 'trust', usage), 'trust list'),
      [root],
      importNodeEd25519,
    );
    const fingerprint = rootFingerprint(root.key.raw);
    for (const sample of positionals) {
      const qr = existsSync(sample) ? readFileSync(sample, 'utf8').trim() : sample;
      // Samples are checked for their data, as if unrevoked and registered (no status list or log here).
      const verdict = await verify(qr, {
        trust,
        now,
        documentTypes: ctx.documentTypes,
        requireStatus: false,
        requireLog: false,
      });
      if (verdict.document) Object.assign(verdict, { revocationChecked: true, registered: true });
      const label = verdict.document
        ? `${verdict.document.type} ${verdict.document.fields.number ?? ''}`.trim()
        : sample;
      for (const r of opened.statement.recognitions.filter(
        (x) => x.documentType === verdict.document?.type,
      )) {
        const result = recognise({
          verdict,
          statement: opened.statement,
          state,
          purpose: r.purpose,
          rootFingerprint: fingerprint,
          now: Math.max(now, opened.statement.validFrom),
        });
        ctx.out(`${label} · ${r.purpose}: ${describe(result, 'en')}`);
      }
      if (!verdict.document) ctx.out(`${label}: not a document (${verdict.code})`);
    }
  }
  return problems.length > 0 ? 1 : 0;
}

/** One line: `recognised`, `not recognised: <reason>` or `unknown: <reason>` (docs/recognition.md §6). */
export function describe(result: ReturnType<typeof recognise>, lang: string): string {
  if (result.status === 'recognised') return 'recognised';
  const why =
    result.status === 'not-recognised' && result.rule
      ? textIn(result.rule.text, lang)
      : (REASON_TEXT[result.code] ?? result.code);
  return `${result.status === 'unknown' ? 'unknown' : 'not recognised'}: ${why}${'detail' in result && result.detail ? ` (${result.detail})` : ''}`;
}

export const REASON_TEXT: Record<string, string> = {
  DOCUMENT_NOT_VALID: 'the document is not valid',
  ROOT_NOT_RECOGNISED: 'the state does not recognise the Cabinet key that certified this document',
  NOT_COVERED: 'the state has not said it accepts this document for this purpose',
  EXPIRED_NOT_ACCEPTED: 'the state does not accept this document once expired',
  RULE_FAILED: 'a rule of the state failed',
  NO_STATEMENT: 'no statement of this state is known',
  STATEMENT_NOT_YET_VALID: "the state's statement is not in force yet",
  STATEMENT_EXPIRED: "the state's statement has expired; get its latest",
  STATEMENT_WITHDRAWN: 'the state has withdrawn its statement',
  DOCUMENT_UNCHECKED: 'expired, and its revocation or registration could not be checked',
  RULE_ERROR: "a rule of the state's statement could not be evaluated",
};

async function provision(argv: string[], ctx: CliContext): Promise<number> {
  const usage =
    'nbr recognition provision --key FILE --state-name JSON --authority NAME [--language xx]... [--statement-url URL] [--verifier URL] [--out FILE]';
  const { values } = parse(
    argv,
    {
      key: { type: 'string' },
      'state-name': { type: 'string' },
      authority: { type: 'string' },
      language: { type: 'string', multiple: true },
      'statement-url': { type: 'string' },
      verifier: { type: 'string' },
      out: { type: 'string' },
    },
    usage,
  );
  const file = readKeyFile(required(values, 'key', usage));
  const state = file.label.slice('recognition:'.length);
  let stateName: Record<string, string>;
  try {
    stateName = JSON.parse(required(values, 'state-name', usage)) as Record<string, string>;
  } catch {
    throw new AppError('BAD_REQUEST', `--state-name: JSON such as '{"pl":"Polska","en":"Poland"}'`);
  }
  const p: Provision = {
    state,
    stateName,
    authority: required(values, 'authority', usage),
    languages: (values.language as unknown as string[] | undefined) ?? [],
    keys: [{ kid: stateKid(fromBase64Url(file.publicKey)), x: file.publicKey }],
    ...(typeof values['statement-url'] === 'string' ? { statementUrl: values['statement-url'] } : {}),
  };
  const json = provisionJson(p);
  try {
    parseProvision(json); // the same checks as every reader
  } catch (e) {
    throw new AppError('BAD_REQUEST', (e as Error).message);
  }
  const out = typeof values.out === 'string' ? values.out : `${state}.provision.json`;
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  ctx.out(`wrote ${out}`);
  if (typeof values.verifier === 'string')
    ctx.out(
      `${values.verifier.replace(/[#?].*$/, '')}#recognition=${toBase64Url(utf8(JSON.stringify(json)))}`,
    );
  return 0;
}

async function publish(argv: string[], ctx: CliContext): Promise<number> {
  const usage = 'nbr recognition publish --statement CC.jws [--provision CC.provision.json] --dir DIR';
  const { values } = parse(
    argv,
    { statement: { type: 'string' }, provision: { type: 'string' }, dir: { type: 'string' } },
    usage,
  );
  const given = typeof values.provision === 'string' ? readProvision(values.provision) : undefined;
  const s: RecognitionStatement = await publishStatement(
    required(values, 'dir', usage),
    readText(required(values, 'statement', usage), 'statement'),
    given,
    ctx.documentTypes,
  );
  ctx.out(`published ${s.state} statement, sequence ${s.sequence}${s.withdrawn ? ' (withdrawn)' : ''}`);
  return 0;
}

export async function recognitionCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  const subs: Record<string, (a: string[], c: CliContext) => Promise<number>> = {
    keygen,
    sign,
    check,
    provision,
    publish,
  };
  const run = sub ? subs[sub] : undefined;
  if (!run) {
    (sub === '--help' || sub === 'help' ? ctx.out : ctx.err)(USAGE);
    return sub === '--help' || sub === 'help' ? 0 : 2;
  }
  return run(rest, ctx);
}
