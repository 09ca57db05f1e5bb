// Composition root: configuration, database, keys, services and the HTTP server.

import { createDeps } from './services/create-deps.js';
import type { Deps } from './services/deps.js';
import cluster from 'node:cluster';
import type { ServerResponse } from 'node:http';
import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, ConfigError } from './config.js';
import { DocumentTypeRegistry } from './core/document-types.js';
import { isRestoredCopy, requireNoInterruptedRestore } from './db/backup.js';
import { connect } from './db/connect.js';
import { migrateToLatest } from './db/migrations.js';
import { AppError } from './errors.js';
import { bufferedLog, requestLoggers } from './http/log.js';
import { createDrain } from './http/drain.js';
import { listen } from './http/server.js';
import { purgeDataReads } from './services/staff/data-budget.js';
import { startLogIntegrator } from './services/log/log-runner.js';
import { registryLogView } from './services/log/log-view.js';
import { purgeExpiredSessions } from './services/staff/auth.js';
import { ensureDevAccounts, ensureKeys, syncOfficesAndKeys } from './services/bootstrap.js';
import { keyWarnings } from './trust/key-warnings.js';
import { loadKeyring } from './trust/keyring.js';
import { importNodeEd25519, importNodeEd25519Pooled } from './crypto/ed25519-node.js';
import { webRoutes } from './web/routes.js';
import { openDataAtRest } from './services/store/open-cipher.js';
import { startDevWitness } from './services/log/dev-witness.js';
import { refreshFieldCipher } from './services/store/data-keys.js';

async function main(): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const log = bufferedLog(process.stderr);
  const config = loadConfig(process.env, process.cwd());
  // Personal data and development keys live here: owner only.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const clock = { now: () => Date.now() };
  const registry = new DocumentTypeRegistry();
  // The root key never sits with the service (keys/README.md): whoever runs the service must not hold it.
  if (!config.devMode && existsSync(join(config.keysDir, 'root.key.json')))
    throw new ConfigError(
      `${join(config.keysDir, 'root.key.json')} is in the service's key folder: the root key stays offline with ` +
        "the Cabinet's officers; give the service the ceremony folder without it (keys/README.md, step 4)",
    );
  const passphrase = await ensureKeys(config, Math.floor(clock.now() / 1000), registry, say);
  const handle = connect(config.databaseUrl);
  await migrateToLatest(handle.db);
  await requireNoInterruptedRestore(handle.db);
  const keyring = await loadKeyring(
    config.keysDir,
    passphrase,
    config.verifyOnThreadPool ? importNodeEd25519Pooled : importNodeEd25519,
  );
  // A log nobody witnesses can be forked unseen (docs/transparency-log.md): production needs a quorum, or says
  // so on purpose (issue 22).
  if (!config.devMode && (keyring.trust.log?.quorum ?? 0) < 1 && !config.allowUnwitnessedLog)
    throw new ConfigError(
      "the trust list's transparency log has no witness quorum: add witnesses (nbr keys witness add, " +
        'docs/operations.md section 8), or set NBR_ALLOW_UNWITNESSED_LOG=1 to run without them knowingly',
    );
  // People's data at rest (docs/data-at-rest.md): refused without its key file, or while plain text remains.
  const { wrapper, cipher } = await openDataAtRest(handle.db, config, passphrase, say);
  const deps = createDeps({ db: handle.db, config, clock, keyring, registry, cipher });
  await syncOfficesAndKeys(deps);
  await reloadRecognition(deps, say);
  // The registry's own copy of its log, for POST /api/v1/verify (services/log/log-view.ts).
  const logView = registryLogView(handle.db, clock);
  await logView.refresh();
  deps.logView = logView;
  await ensureDevAccounts(deps, say);
  if (!(await handle.db.selectFrom('staff').select('id').limit(1).executeTakeFirst())) {
    say(
      'no staff accounts yet: create the first two admins with  npx nbr staff add --username NAME ' +
        '--display-name "Full Name" --role cabinet_admin --password-file FILE  (a file only its owner can read; ' +
        'never a password on the command line: docs/operations.md)',
    );
  }
  if (!config.devMode && !config.publicUrl)
    say(
      'WARNING: NBR_PUBLIC_URL is not set: print views and the downloadable verifier are refused until it ' +
        'names the address the public reaches this service at (the Host header is never trusted for it)',
    );
  const warnAboutKeys = () => {
    for (const w of keyWarnings(keyring, Math.floor(clock.now() / 1000)))
      say(`WARNING (keys, ${w.scope}): ${w.message}`);
  };
  warnAboutKeys();
  const warnAboutStatusList = () =>
    void deps
      .statusCapacity()
      .then((c) => c.warning && say(`WARNING (status list): ${c.warning}`))
      .catch(() => {});
  warnAboutStatusList();
  setInterval(warnAboutStatusList, 3_600_000).unref();

  // NBR_WORKERS > 1: the primary has prepared keys, schema and accounts; workers share the port.
  if (config.workers > 1 && cluster.isPrimary) {
    await handle.close();
    for (let i = 0; i < config.workers; i++) cluster.fork();
    say(`started ${config.workers} worker processes`);
    // The primary is the process to signal: it passes reload and stop on to every worker.
    writeFileSync(config.pidFile, `${process.pid}\n`, { mode: 0o600 });
    for (const signal of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const)
      process.on(signal, () => {
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
      });
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
    return;
  }

  // Development mode: its own witness in this process, so that the log is witnessed as in production.
  if (
    config.devMode &&
    config.witnessUrls.length === 0 &&
    config.workers <= 1 &&
    !(await isRestoredCopy(handle.db))
  ) {
    const dev = await startDevWitness(
      config.keysDir,
      config.dataDir,
      passphrase,
      keyring.trust,
      Date.now,
      say,
    );
    if (dev) (config as { witnessUrls: string[] }).witnessUrls = [dev.url];
  }

  const drain = createDrain();
  const { server, port } = await listen(deps, {
    port: config.port,
    hostname: config.host,
    drain,
    ...requestLoggers(log),
    mount: (a, statusList) => webRoutes(a, deps, statusList),
  });
  // A re-signed trust list or a newly certified key is picked up without a restart (every minute, or on SIGHUP).
  const reload = async (asked = false) => {
    try {
      if ((await keyring.reload()).changed) {
        await syncOfficesAndKeys(deps);
        say(`trust list reloaded (sequence ${keyring.trust.sequence})`);
        warnAboutKeys();
      } else if (asked) say(`trust material unchanged: serving sequence ${keyring.trust.sequence}`);
      await reloadRecognition(deps, say);
    } catch (e) {
      say(
        `trust material in ${config.keysDir} not reloaded, keeping the previous one: ${(e as Error).message}`,
      );
    }
  };
  setInterval(() => void reload(), 60_000).unref();
  process.on('SIGHUP', () => void reload(true));
  setInterval(() => void logView.refresh().catch(() => {}), 1_000).unref();
  // A rotation (nbr data-key rotate) in another process: new values go under the new key within seconds.
  setInterval(
    () => void refreshFieldCipher(handle.db, wrapper, cipher).catch(() => {}),
    config.dataKeyRefreshSeconds * 1000,
  ).unref();
  if (await isRestoredCopy(handle.db))
    say(
      'WARNING: this database is a restored copy: its transparency log integrator and witness calls are OFF ' +
        '(a copy signing checkpoints with the live log key would show the witnesses a fork). If this is now the ' +
        'live registry, stop the old one for good and run  npx nbr mark-live  (docs/operations.md)',
    );
  else startLogIntegrator(deps, say);
  setInterval(warnAboutKeys, 86_400_000).unref();
  const purge = () =>
    void Promise.all([purgeExpiredSessions(deps), purgeDataReads(deps)]).catch((e: unknown) =>
      say(`could not purge expired sessions: ${(e as Error).message}`),
    );
  purge();
  setInterval(purge, 3_600_000).unref();
  // Graceful stop (SIGTERM from an orchestrator, Ctrl-C), in two steps (src/http/drain.ts). Drain: keep
  // accepting, /healthz 503, new requests 503 with Retry-After, for NBR_DRAIN_SECONDS. Then stop accepting,
  // answer what is in flight with "Connection: close" so keep-alive clients reconnect elsewhere, close idle
  // sockets, wait for the last response (at most NBR_SHUTDOWN_SECONDS), and only then close the database.
  let stopping = false;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (_req, res: ServerResponse) => {
    if (stopping) res.shouldKeepAlive = false;
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  const close = () => {
    say('stopping: no new connections; finishing requests in flight');
    const force = setTimeout(() => server.closeAllConnections(), config.shutdownSeconds * 1000);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      void handle.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    server.closeIdleConnections();
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    drain.start();
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    say(
      `draining for ${config.drainSeconds} s: /healthz answers 503, new requests 503 with Retry-After, ` +
        'requests in flight finish',
    );
    setTimeout(close, config.drainSeconds * 1000);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Before the "listening" line, which tools wait for: by then SIGHUP reloads, SIGTERM drains and the pid file is there.
  // The process to signal (issue 22: `npm start` runs npm, then sh, then node, and SIGHUP to npm killed npm and
  // left the service orphaned): its pid, written where the operator finds it, removed when it stops.
  if (cluster.isPrimary) writeFileSync(config.pidFile, `${process.pid}\n`, { mode: 0o600 });
  process.on('exit', () => {
    try {
      if (readFileSync(config.pidFile, 'utf8').trim() === String(process.pid)) unlinkSync(config.pidFile);
    } catch {}
  });
  say(`New Belarus Document Registry listening on http://${config.host}:${port} (${handle.dialect})`);
  say(`  verifier: http://${config.host}:${port}/verifier   console: http://${config.host}:${port}/console`);
}

/** Host states' statements (docs/recognition.md §8): what changed is said, a file that does not open too. */
async function reloadRecognition(deps: Deps, say: (line: string) => void): Promise<void> {
  for (const cc of await deps.recognition.reload()) {
    const entry = deps.recognition.states().get(cc);
    const s = entry?.statement;
    say(
      `recognition: ${cc} ${s ? `statement ${s.sequence}${s.withdrawn ? ' (withdrawn)' : ''}` : 'provisioned, no statement'}`,
    );
    if (entry?.problem) say(`WARNING (recognition): ${entry.problem}`);
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof AppError) {
    process.stderr.write(`cannot start: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`cannot start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
