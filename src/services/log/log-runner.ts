// The log's heartbeat in a running service: integrate new leaves, then ask the witnesses to cosign (when
// the tree grew, and once a minute anyway, so verifiers see a recent witnessed time). Runs never overlap.

import type { Deps } from '../deps.js';
import { collectCosignatures, integrateLog, type WitnessClient } from './log-integrator.js';

const REFRESH_COSIGNATURES_MS = 60_000;

export function startLogIntegrator(deps: Deps, say: (line: string) => void): { stop(): void } {
  if (!deps.keyring.logSigner() || !deps.keyring.trust.log) {
    say(
      'WARNING (log): this instance holds no log key or the trust list names no log' +
        ': it publishes no checkpoints, and verifiers cannot confirm new documents (docs/operations.md)',
    );
  }
  const policy = deps.keyring.trust.log;
  if (policy)
    say(
      `log: ${policy.origin}, verifier key ${policy.log.text}, ${policy.witnesses.length} witnesses, quorum ${policy.quorum}`,
    );
  // The witnesses to ask: NBR_WITNESS_URLS and the URLs the trust list gives (nbr keys witness add --url),
  // looked up on every round, so that a re-signed trust list picked up by a reload reaches them without a
  // restart (issue 22). What each witness is known to hold is kept per URL.
  const byUrl = new Map<string, WitnessClient>();
  const witnessesNow = (): WitnessClient[] => {
    const urls = new Set([...deps.config.witnessUrls, ...(deps.keyring.trust.log?.witnessUrls ?? [])]);
    for (const url of urls) if (!byUrl.has(url)) byUrl.set(url, { url, known: 0 });
    for (const url of byUrl.keys()) if (!urls.has(url)) byUrl.delete(url);
    return [...byUrl.values()];
  };
  let lastCosigned = 0;
  // The size last cosigned here: a tree grown by another instance (or an integration outside this loop) is
  // taken to the witnesses too, not only what this loop added.
  let cosignedSize = -1;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const done = await integrateLog(deps);
      const witnesses = witnessesNow();
      if (!done || witnesses.length === 0) return;
      if (done.size > cosignedSize || deps.clock.now() - lastCosigned > REFRESH_COSIGNATURES_MS) {
        const result = await collectCosignatures(deps, witnesses);
        if (result.cosigned > 0) {
          lastCosigned = deps.clock.now();
          cosignedSize = done.size;
        }
        for (const e of result.errors) say(`log: witness ${e}`);
      }
    } catch (e) {
      say(`log: integration failed, will retry: ${(e as Error).message}`);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), deps.config.logIntervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
