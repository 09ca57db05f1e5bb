// The nbr command. Every failure a user can cause prints one line and exits non-zero; stack traces are for bugs.

import { DocumentTypeRegistry } from '../core/document-types.js';
import { AppError } from '../errors.js';
import type { CliContext } from './context.js';
import { issueCommand } from './commands/issue.js';
import { keysCommand, trustListCommand } from './commands/keys.js';
import { statusListCommand } from './commands/status-list.js';
import { verifyCommand } from './commands/verify.js';
import { decodeCommand } from './commands/decode.js';
import { logCommand } from './commands/log.js';
import { witnessCommand } from './commands/witness.js';
import { recognitionCommand } from './commands/recognition.js';

const HELP = `nbr: New Belarus Document Registry tools

  nbr keys init      create root, status and first issuer key and the first trust list
  nbr keys issuer    certify another People's Embassy key
  nbr keys status    certify a new status-list key (rotation)
  nbr keys list      the trust list's keys and what must be done soon (exit 1 when something must)
  nbr keys revoke    revoke a key from a given time
  nbr trust-list     re-sign the trust list and write the JWKS
  nbr status-list    sign a revocation status list offline
  nbr issue TYPE     sign a document record offline and print its QR text
  nbr verify QR      verify a QR text or an image of the code offline (exit 0 only when valid)
  nbr decode IMAGE   print the QR text in each image (one line each, empty where none)
  nbr log sync       keep a local copy of the registry's transparency log (for nbr verify --log)
  nbr log monitor    follow the log, check it stays consistent, reconcile it with the registry
  nbr log vkey       the log's verifier key, from a trust list checked against the root (for witnesses)
  nbr witness init   create a witness key
  nbr witness serve  run a witness that cosigns the log's checkpoints (C2SP tlog-witness)
  nbr recognition    a host state's statement of what it accepts our documents for: keygen, sign,
                     check, provision (a verifier for that state), publish (docs/recognition.md)
  nbr migrate        apply database migrations
  nbr audit verify   check the audit log's hash chain
  nbr staff add      create a staff account (the first admin of a production service)
  nbr backup         write an encrypted backup of the registry (restores into SQLite or PostgreSQL)
  nbr restore        restore an encrypted backup into an empty database (a copy: log off until mark-live)
  nbr mark-live      declare a restored copy the live registry (its log and witness calls start)
  nbr data-key       the key file of people's data at rest: init, status, migrate (seal an older
                     registry in place), rotate (a new data key, old rows re-sealed in the background)

Passphrases come from NBR_PASSPHRASE or --passphrase-file, never from the command line.
Run a command with --help for its options.`;

type Command = (argv: string[], ctx: CliContext) => Promise<number>;

export async function runCli(
  argv: string[],
  ctx: CliContext,
  extra: Record<string, Command> = {},
): Promise<number> {
  const [name, ...rest] = argv;
  const commands: Record<string, Command> = {
    keys: keysCommand,
    'trust-list': trustListCommand,
    'status-list': statusListCommand,
    issue: issueCommand,
    verify: verifyCommand,
    decode: decodeCommand,
    log: logCommand,
    witness: witnessCommand,
    recognition: recognitionCommand,
    ...extra,
  };
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    ctx.out(HELP);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    ctx.err(`nbr: unknown command "${name}" (try nbr help)`);
    return 2;
  }
  try {
    return await command(rest, ctx);
  } catch (e) {
    if (e instanceof AppError) {
      ctx.err(`nbr ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

export function defaultContext(): CliContext {
  return {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    ...(process.stderr.isTTY ? { status: (text: string) => process.stderr.write(`\r${text}\x1b[K`) } : {}),
    clock: () => Date.now(),
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
