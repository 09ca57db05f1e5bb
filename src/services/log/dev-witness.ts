// Development mode runs its own witness, in the service's process, with a quorum of 1 in the development trust
// list (issue 22): developers see a witnessed log, cosigned checkpoints and the quorum check, as production
// has them, without setting anything up. A real registry's witnesses are other organisations' machines
// (docs/operations.md section 8); this one is made only where the development root key is at hand.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { formatVerifierKey, SIG_COSIGNATURE_V1 } from '../../core/log/note.js';
import { generateEd25519, nodeSigner } from '../../crypto/ed25519-node.js';
import { decryptKey, encryptKey, type EncryptedKeyFile, type ScryptCost } from '../../crypto/key-file.js';
import type { TrustList } from '../../core/trust-list.js';
import { witnessServer } from '../../witness/server.js';
import { createWitness } from '../../witness/witness.js';

export const DEV_WITNESS_NAME = 'dev-witness.localhost/w1';
const KEY_FILE = 'dev-witness.key.json';

/** The development witness's key (made on first use) and its C2SP verifier key. */
export function devWitnessKey(keysDir: string, passphrase: string, scrypt?: ScryptCost) {
  const path = join(keysDir, KEY_FILE);
  if (!existsSync(path)) {
    const { seed, publicKey } = generateEd25519();
    writeFileSync(
      path,
      `${JSON.stringify(encryptKey(seed, publicKey, passphrase, DEV_WITNESS_NAME, scrypt))}\n`,
      {
        mode: 0o600,
      },
    );
    seed.fill(0);
  }
  const signer = nodeSigner(
    decryptKey(JSON.parse(readFileSync(path, 'utf8')) as EncryptedKeyFile, passphrase),
  );
  return { signer, vkey: formatVerifierKey(DEV_WITNESS_NAME, SIG_COSIGNATURE_V1, signer.publicKey) };
}

/**
 * Starts the development witness on 127.0.0.1 (a free port) when the trust list names it; returns its URL for
 * the log runner, or undefined when the list does not name it (a production-like development setup).
 */
export async function startDevWitness(
  keysDir: string,
  dataDir: string,
  passphrase: string,
  trust: TrustList,
  now: () => number,
  say: (line: string) => void,
): Promise<{ url: string; server: Server } | undefined> {
  if (!trust.log?.witnesses.some((w) => w.name === DEV_WITNESS_NAME) || !existsSync(join(keysDir, KEY_FILE)))
    return undefined;
  const { signer } = devWitnessKey(keysDir, passphrase);
  const handle = createWitness({
    signer: { name: DEV_WITNESS_NAME, publicKey: signer.publicKey, sign: (m) => signer.sign(m) },
    logs: [trust.log.log],
    statePath: join(dataDir, 'dev-witness-state.json'),
    now,
    report: (line) => say(`dev witness: ${line}`),
  });
  const server = witnessServer(handle, `${DEV_WITNESS_NAME}\n`);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  say(`DEVELOPMENT witness ${DEV_WITNESS_NAME} cosigning in this process at ${url} (quorum 1)`);
  return { url, server };
}
