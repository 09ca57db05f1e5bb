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
  const witnesses: WitnessClient[] = deps.config.witnessUrls.map((url) => ({ url, known: 0 }));
  let lastCosigned = 0;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const done = await integrateLog(deps);
      if (!done || witnesses.length === 0) return;
      if (done.added > 0 || deps.clock.now() - lastCosigned > REFRESH_COSIGNATURES_MS) {
        const result = await collectCosignatures(deps, witnesses);
        if (result.cosigned > 0) lastCosigned = deps.clock.now();
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
