// The environment, parsed once into a typed config. Nothing else reads process.env.

import { join, resolve } from 'node:path';
import { trustedProxyList } from './net/proxy-list.js';

export interface Config {
  port: number;
  host: string;
  /** sqlite:<file> or postgres://... */
  databaseUrl: string;
  dataDir: string;
  /** Key ceremony directory: trust-list.jws, root.jwk.json, keys/*.key.json. */
  keysDir: string;
  /**
   * Host states' recognition statements the registry republishes (NBR_RECOGNITION_DIR, default recognition/
   * in the keys folder): CC.provision.json and CC.jws per state, put there by `nbr recognition publish`.
   */
  recognitionDir: string;
  /** Passphrase of the key files; undefined means "development keys" (generated and stored in dataDir). */
  keyPassphrase: string | undefined;
  /**
   * The key-encryption key of people's data at rest (NBR_DATA_KEY_FILE, default data.key.json in the keys
   * folder; src/crypto/data-key-file.ts), opened with the service's key passphrase.
   */
  dataKeyFile: string;
  /** How often an instance looks for a data key made by a rotation (NBR_DATA_KEY_REFRESH_SECONDS, 10). */
  dataKeyRefreshSeconds: number;
  /** ICAO has no code for a government in exile: configuration, specimen UTO by default. */
  issuingState: string;
  /** Second letter of the TD3 document code ("PP": harmonised ordinary passport). */
  passportDocumentCode: string;
  statusListSize: number;
  /** Hours a published status list stays fresh for verifiers. */
  statusListTtlHours: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Set the Secure flag on cookies (true behind HTTPS, the default outside development). */
  secureCookies: boolean;
  /** Requests per minute per client address on public endpoints. */
  publicRateLimit: number;
  /** Requests per minute per address to /log/* (tiles and the checkpoint). */
  logRateLimit: number;
  /** Trust material (trust list, status list, JWKS) per address a minute: cheap, cacheable, needed offline. */
  trustRateLimit: number;
  /** Codes per address a minute through POST /api/v1/verify/batch. */
  batchRateLimit: number;
  /** Codes per minute per integrator API key, single and batch verification together. */
  integratorRateLimit: number;
  /** How often the log integrator runs (ms), and the witnesses it asks for cosignatures. */
  logIntervalMs: number;
  witnessUrls: string[];
  /** Login attempts per minute per client address. */
  loginRateLimit: number;
  /** Staff API requests per minute per account, and searches (applicants, document numbers) per minute per account. */
  staffRateLimit: number;
  searchRateLimit: number;
  /** People's records one account may read a minute, over every endpoint (counted in the database). */
  personalDataBudget: number;
  /** Wrong passwords in a row after which an account is locked, whatever addresses they came from. */
  loginLockAfter: number;
  /** Minutes an account stays locked (an office admin can unlock it sooner). */
  loginLockMinutes: number;
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed when they are the peer;
   * empty: the socket's peer is the client (src/http/client-address.ts).
   */
  trustedProxies: string[];
  /**
   * The address the public reaches this service at (https://registry.example): printed on documents for the
   * verifier and given as the OpenAPI server. Unset: the address a request came in on.
   */
  publicUrl: string | null;
  /**
   * Check signatures on libuv's thread pool instead of the event loop: one process then uses every core
   * (docs/benchmarks.md: 1.4-1.7x the throughput on 2 cores). On by default; NBR_VERIFY_POOL=0 turns it off.
   */
  verifyOnThreadPool: boolean;
  /** Service processes (node:cluster); 1 = no cluster. */
  workers: number;
  /** How long a graceful stop waits for requests in flight before it cuts them. */
  shutdownSeconds: number;
  /**
   * How long a stopping service keeps accepting connections first, answering /healthz 503 and new requests
   * 503 with Retry-After, so that a load balancer takes it out before it stops listening (issue 21).
   */
  drainSeconds: number;
  /** Where the service writes its process id, for `kill -HUP $(cat ...)` (default dataDir/registry.pid). */
  pidFile: string;
  /** Run in production although the trust list's log has no witness quorum (NBR_ALLOW_UNWITNESSED_LOG=1). */
  allowUnwitnessedLog: boolean;
  devMode: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  return n;
}

function proxies(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    trustedProxyList(entries);
  } catch (e) {
    throw new ConfigError(`NBR_TRUSTED_PROXIES: ${(e as Error).message}`);
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): Config {
  const dataDir = resolve(cwd, env.NBR_DATA_DIR ?? 'data');
  const keyPassphrase = env.NBR_KEY_PASSPHRASE || undefined;
  const devMode = keyPassphrase === undefined;
  const issuingState = env.NBR_ISSUING_STATE ?? 'UTO';
  if (!/^[A-Z]{3}$/.test(issuingState))
    throw new ConfigError('NBR_ISSUING_STATE must be three capital letters');
  // 2^22: two million documents ever issued fill it to 48% (docs/operations.md, status-list capacity).
  const statusListSize = int(env, 'NBR_STATUS_LIST_SIZE', 1 << 22, 131_072, 1 << 24);
  if (statusListSize % 8 !== 0) throw new ConfigError('NBR_STATUS_LIST_SIZE must be a multiple of 8');
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || `sqlite:${join(dataDir, 'registry.db')}`,
    dataDir,
    keysDir: resolve(cwd, env.NBR_KEYS_DIR ?? join(dataDir, 'dev-keys')),
    recognitionDir: resolve(
      cwd,
      env.NBR_RECOGNITION_DIR ??
        join(resolve(cwd, env.NBR_KEYS_DIR ?? join(dataDir, 'dev-keys')), 'recognition'),
    ),
    keyPassphrase,
    dataKeyFile: resolve(
      cwd,
      env.NBR_DATA_KEY_FILE ??
        join(resolve(cwd, env.NBR_KEYS_DIR ?? join(dataDir, 'dev-keys')), 'data.key.json'),
    ),
    dataKeyRefreshSeconds: int(env, 'NBR_DATA_KEY_REFRESH_SECONDS', 10, 1, 3600),
    issuingState,
    passportDocumentCode: env.NBR_PASSPORT_DOCUMENT_CODE ?? 'PP',
    statusListSize,
    statusListTtlHours: int(env, 'NBR_STATUS_LIST_TTL_HOURS', 24, 1, 24 * 7), // at most the trust list's statusListMaxValidity
    sessionIdleMinutes: int(env, 'NBR_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionMaxHours: int(env, 'NBR_SESSION_MAX_HOURS', 10, 1, 24 * 7),
    secureCookies: env.NBR_SECURE_COOKIES ? env.NBR_SECURE_COOKIES === 'true' : !devMode,
    publicRateLimit: int(env, 'NBR_PUBLIC_RATE_LIMIT', 600, 1, 1_000_000),
    logRateLimit: int(env, 'NBR_LOG_RATE_LIMIT', 20_000, 1, 10_000_000),
    trustRateLimit: int(env, 'NBR_TRUST_RATE_LIMIT', 6_000, 1, 10_000_000),
    batchRateLimit: int(env, 'NBR_BATCH_RATE_LIMIT', 6_000, 1, 10_000_000),
    integratorRateLimit: int(env, 'NBR_INTEGRATOR_RATE_LIMIT', 60_000, 1, 100_000_000),
    logIntervalMs: int(env, 'NBR_LOG_INTERVAL_MS', 1_000, 100, 600_000),
    witnessUrls: (env.NBR_WITNESS_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    loginRateLimit: int(env, 'NBR_LOGIN_RATE_LIMIT', 10, 1, 1_000_000),
    staffRateLimit: int(env, 'NBR_STAFF_RATE_LIMIT', 600, 1, 1_000_000),
    searchRateLimit: int(env, 'NBR_SEARCH_RATE_LIMIT', 60, 1, 1_000_000),
    personalDataBudget: int(env, 'NBR_PERSONAL_DATA_BUDGET', 300, 1, 10_000_000),
    loginLockAfter: int(env, 'NBR_LOGIN_LOCK_AFTER', 8, 1, 1000),
    loginLockMinutes: int(env, 'NBR_LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    trustedProxies: proxies(env.NBR_TRUSTED_PROXIES),
    publicUrl: publicUrl(env.NBR_PUBLIC_URL),
    verifyOnThreadPool: env.NBR_VERIFY_POOL !== '0',
    workers: int(env, 'NBR_WORKERS', 1, 1, 64),
    shutdownSeconds: int(env, 'NBR_SHUTDOWN_SECONDS', 20, 1, 600),
    drainSeconds: int(env, 'NBR_DRAIN_SECONDS', 5, 0, 300),
    pidFile: resolve(cwd, env.NBR_PID_FILE ?? join(dataDir, 'registry.pid')),
    allowUnwitnessedLog: env.NBR_ALLOW_UNWITNESSED_LOG === '1',
    devMode,
  };
}

function publicUrl(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`NBR_PUBLIC_URL is not an address: ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ConfigError('NBR_PUBLIC_URL must be an http(s) address');
  return url.origin + url.pathname.replace(/\/+$/, '');
}
