// The one place a Deps object is assembled: the service (main.ts), the tests, the benches and the helper
// processes all call it, so a new dependency is added once. What differs between them is passed in.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { DocumentTypeRegistry } from '../core/document-types.js';
import { createIdGenerator } from '../db/ids.js';
import type { Database } from '../db/schema.js';
import type { Keyring } from '../trust/keyring.js';
import type { Clock, Deps } from './deps.js';
import { DocumentValidator } from './registry/document-validator.js';
import { integratorKeyResolver } from './integrators/integrator-keys.js';
import { cachedStatusCapacity } from './status/status-capacity.js';
import { sealFace } from '../imaging/seal-face.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import { recognitionBook } from '../recognition/book.js';

export interface DepsInput {
  db: Kysely<Database>;
  config: Config;
  keyring: Keyring;
  /** Opened from the data keys (services/store/data-keys.ts openFieldCipher). */
  cipher: FieldCipher;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: node:crypto; tests may give a seeded stream (the concurrency test does). */
  random?: (n: number) => Uint8Array;
  registry?: DocumentTypeRegistry;
  /** Default: sharp, with the registry's seal profile (src/imaging/seal-face.ts). */
  sealFace?: Deps['sealFace'];
}

export function createDeps(input: DepsInput): Deps {
  const clock = input.clock ?? { now: () => Date.now() };
  const registry = input.registry ?? new DocumentTypeRegistry();
  const systemRandom = (n: number) => new Uint8Array(randomBytes(n));
  const deps: Omit<Deps, 'statusCapacity' | 'integratorKeys'> = {
    db: input.db,
    config: input.config,
    clock,
    documentTypes: registry,
    keyring: input.keyring,
    cipher: input.cipher,
    random: input.random ?? systemRandom,
    validator: new DocumentValidator(registry),
    // Ids stay random even when `random` is seeded: two seeded workers must not mint the same ids.
    ids: createIdGenerator(() => clock.now(), systemRandom),
    sealFace: input.sealFace ?? ((photo) => sealFace(photo)),
    recognition: recognitionBook(input.config.recognitionDir, registry),
  };
  return { ...deps, statusCapacity: cachedStatusCapacity(deps), integratorKeys: integratorKeyResolver(deps) };
}
