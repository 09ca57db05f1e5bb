// What every service function receives: passed in, never imported as a singleton.

import type { PortraitToSeal } from '../core/payload.js';
import type { IntegratorKeyResolver } from './integrator-keys.js';
import type { StatusCapacity } from './status-capacity.js';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import type { Database, Role } from '../db/schema.js';
import type { Keyring } from '../trust/keyring.js';
import type { IdGenerator } from '../db/ids.js';
import type { DocumentValidator } from './document-validator.js';
import type { LogView } from '../core/verify.js';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Deps {
  db: Kysely<Database>;
  config: Config;
  clock: Clock;
  documentTypes: DocumentTypeRegistry;
  keyring: Keyring;
  random: (n: number) => Uint8Array;
  validator: DocumentValidator;
  /** Time-ordered ids (UUIDv7). */
  ids: IdGenerator;
  /**
   * The copy of the transparency log POST /api/v1/verify checks against: the registry's own, in memory
   * (services/log-view.ts), refreshed after each issuance; tests may give a fixed copy.
   */
  logView?: LogView & { refresh?: () => Promise<void> };
  /** How full the status list is, counted at most once a minute (services/status-capacity.ts). */
  statusCapacity: () => Promise<StatusCapacity>;
  /** Integrators' API keys, looked up (and cached) for the verification endpoints (services/integrator-keys.ts). */
  integratorKeys: IntegratorKeyResolver;
  /**
   * The approved portrait as the face sealed into a document (src/imaging/seal-face.ts); undefined seals none
   * (only bench/issue.ts, to measure what the face costs).
   */
  sealFace: (photo: Uint8Array) => Promise<PortraitToSeal | undefined>;
}

/** The authenticated staff member on whose behalf a service acts. */
export interface Actor {
  staffId: string;
  role: Role;
  officeId: string | null;
  officeCode: string | null;
}

export const isoNow = (clock: Clock) => new Date(clock.now()).toISOString();
