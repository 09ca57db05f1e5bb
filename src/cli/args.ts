// Argument parsing for the CLI, on node:util parseArgs. Usage errors are AppError BAD_REQUEST so that
// main.ts prints one line and exits 2.

import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export function parse(argv: string[], options: Options, usage: string): Parsed {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values.help) throw new AppError('BAD_REQUEST', `usage: ${usage}`);
    return parsed as Parsed;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', `${(e as Error).message}\nusage: ${usage}`);
  }
}

export function required(values: Record<string, unknown>, name: string, usage: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '')
    throw new AppError('BAD_REQUEST', `--${name} is required\nusage: ${usage}`);
  return v;
}

/**
 * A secret (passphrase, password) from a file option or an environment variable, never from the command line
 * (it would land in shell history). The file wins; `missing` is the message when neither is given.
 */
export function secret(
  values: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  from: { file: string; env: string; missing: string },
): string {
  const file = values[from.file];
  if (typeof file === 'string') {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch {
      throw new AppError('NOT_FOUND', `cannot read ${from.file.replace(/-file$/, '')} file ${file}`);
    }
  }
  const fromEnv = env[from.env];
  if (fromEnv) return fromEnv;
  throw new AppError('BAD_REQUEST', from.missing);
}

/**
 * The root key's passphrase: --root-passphrase-file or NBR_ROOT_PASSPHRASE (keys/README.md: held by the
 * Cabinet's officers, never by whoever runs the service). Undefined when neither is given.
 */
export function rootPassphrase(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string | undefined {
  if (typeof values['root-passphrase-file'] !== 'string' && !env.NBR_ROOT_PASSPHRASE) return undefined;
  return secret(values, env, { file: 'root-passphrase-file', env: 'NBR_ROOT_PASSPHRASE', missing: '' });
}

/** The key ceremony's passphrase: --passphrase-file or NBR_PASSPHRASE. */
export function passphrase(values: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  return secret(values, env, {
    file: 'passphrase-file',
    env: 'NBR_PASSPHRASE',
    missing: 'no passphrase: set NBR_PASSPHRASE or pass --passphrase-file FILE',
  });
}

/** --now for reproducible runs (tests, vectors); the real clock otherwise. */
export function nowSeconds(values: Record<string, unknown>, clock: () => number): number {
  const v = values.now;
  if (typeof v !== 'string') return Math.floor(clock() / 1000);
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new AppError('BAD_REQUEST', `--now must be an ISO 8601 time, got "${v}"`);
  return Math.floor(ms / 1000);
}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `cannot read ${what} file ${path}`);
  }
}
