// nbr witness init: a witness key of its own (encrypted with the witness operator's passphrase).
// nbr witness serve: run the witness (src/witness/) for the logs whose keys it is given.

import { existsSync, writeFileSync } from 'node:fs';
import {
  formatVerifierKey,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  validKeyName,
} from '../../core/log/note.js';
import { generateEd25519, importNodeEd25519, nodeSigner } from '../../crypto/ed25519-node.js';
import { decryptKey, encryptKey, type EncryptedKeyFile } from '../../crypto/key-file.js';
import { AppError } from '../../errors.js';
import { witnessServer } from '../../witness/server.js';
import { createWitness } from '../../witness/witness.js';
import { parse, readText, required, secret } from '../args.js';
import type { CliContext } from '../context.js';

const initUsage = 'nbr witness init --key witness.key.json --name witness.example/w1';
const serveUsage =
  'nbr witness serve --key witness.key.json --state state.json --log LOG_VERIFIER_KEY [--log …] [--port 7380] [--host 127.0.0.1]';

const witnessPassphrase = (values: Record<string, unknown>, env: NodeJS.ProcessEnv) =>
  secret(values, env, {
    file: 'passphrase-file',
    env: 'NBR_WITNESS_PASSPHRASE',
    missing: 'no passphrase: set NBR_WITNESS_PASSPHRASE or pass --passphrase-file FILE',
  });

async function init(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(
    argv,
    { key: { type: 'string' }, name: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    initUsage,
  );
  const path = required(values, 'key', initUsage);
  const name = required(values, 'name', initUsage);
  if (!validKeyName(name)) throw new AppError('BAD_REQUEST', 'a witness name has no spaces or "+"');
  if (existsSync(path)) throw new AppError('CONFLICT', `${path} exists; refusing to overwrite a witness key`);
  const { seed, publicKey } = generateEd25519();
  writeFileSync(
    path,
    `${JSON.stringify(encryptKey(seed, publicKey, witnessPassphrase(values, ctx.env), name), null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  seed.fill(0);
  ctx.out(formatVerifierKey(name, SIG_COSIGNATURE_V1, publicKey));
  return 0;
}

async function serve(argv: string[], ctx: CliContext): Promise<number> {
  const { values } = parse(
    argv,
    {
      key: { type: 'string' },
      state: { type: 'string' },
      log: { type: 'string', multiple: true },
      port: { type: 'string' },
      host: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    serveUsage,
  );
  const file = JSON.parse(readText(required(values, 'key', serveUsage), 'witness key')) as EncryptedKeyFile;
  const signer = nodeSigner(decryptKey(file, witnessPassphrase(values, ctx.env)));
  const name = file.label;
  if (!name || !validKeyName(name))
    throw new AppError('KEY_FILE_INVALID', 'the witness key file names no witness');
  const logs = [];
  for (const text of (values.log as unknown as string[] | undefined) ?? []) {
    const key = await parseVerifierKey(text, importNodeEd25519).catch((e: Error) => {
      throw new AppError('BAD_REQUEST', `--log ${text}: ${e.message}`);
    });
    if (key.type !== SIG_ED25519) throw new AppError('BAD_REQUEST', `--log ${text}: not a log (0x01) key`);
    logs.push(key);
  }
  if (logs.length === 0)
    throw new AppError('BAD_REQUEST', `at least one --log key is required\nusage: ${serveUsage}`);
  const vkey = formatVerifierKey(name, SIG_COSIGNATURE_V1, signer.publicKey);
  const handle = createWitness({
    signer: { name, publicKey: signer.publicKey, sign: (m) => signer.sign(m) },
    logs,
    statePath: required(values, 'state', serveUsage),
    now: ctx.clock,
    report: (line) => ctx.err(`witness: ${line}`),
  });
  const server = witnessServer(handle, `${vkey}\n`);
  const port = Number(values.port ?? 7380);
  const host = typeof values.host === 'string' ? values.host : '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as { port: number };
  ctx.out(`witness ${vkey} listening on http://${host}:${address.port}`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}

export async function witnessCommand(argv: string[], ctx: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'init') return init(rest, ctx);
  if (sub === 'serve') return serve(rest, ctx);
  throw new AppError('BAD_REQUEST', `usage: ${initUsage}\n       ${serveUsage}`);
}
