// What every service function receives: passed in, never imported as a singleton.

import type { PortraitToSeal } from '../core/payload.js';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import type { Database, Role } from '../db/schema.js';
import type { Keyring } from '../trust/keyring.js';
import type { IdGenerator } from '../db/ids.js';
import type { DocumentValidator } from './registry/document-validator.js';
import type { LogView } from '../core/verify.js';
import type { FieldCipher } from '../crypto/field-cipher.js';
import type { RecognitionBook } from '../recognition/book.js';

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
  /** Seals and opens people's data at rest, and makes its beacons (services/store/, docs/data-at-rest.md). */
  cipher: FieldCipher;
  /** Time-ordered ids (UUIDv7). */
  ids: IdGenerator;
  /**
   * The copy of the transparency log POST /api/v1/verify checks against: the registry's own, in memory
   * (services/log/log-view.ts), refreshed after each issuance; tests may give a fixed copy.
   */
  logView?: LogView & { refresh?: () => Promise<void> };
  /** How full the status list is, counted at most once a minute (services/status/status-capacity.ts). */
  statusCapacity: () => Promise<StatusCapacity>;
  /** Integrators' API keys, looked up (and cached) for the verification endpoints (services/integrators/integrator-keys.ts). */
  integratorKeys: IntegratorKeyResolver;
  /**
   * The approved portrait as the face sealed into a document (src/imaging/seal-face.ts); undefined seals none
   * (only bench/issue.ts, to measure what the face costs).
   */
  sealFace: (photo: Uint8Array) => Promise<PortraitToSeal | undefined>;
  /** Host states' recognition statements (src/recognition/book.ts; read by main.ts at start and reload). */
  recognition: RecognitionBook;
}

/** The authenticated staff member on whose behalf a service acts. */
export interface Actor {
  staffId: string;
  role: Role;
  officeId: string | null;
  officeCode: string | null;
}

export const isoNow = (clock: Clock) => new Date(clock.now()).toISOString();

/** How full the status list is (services/status/status-capacity.ts computes it). */
export interface StatusCapacity {
  used: number;
  size: number;
  fill: number;
  /** Set from STATUS_WARN_FILL: what to do, in one line. */
  warning?: string;
  /** The same for a console to word: the next size to raise it to, or none (it is at its largest). */
  next?: number;
}

/** Integrators' API keys as the verification endpoints see them (services/integrators/integrator-keys.ts). */
export interface IntegratorKeyResolver {
  resolve(secret: string): Promise<string | undefined>;
  /** The key's id if it is known good without asking the database (cached), else undefined. */
  knownGood(secret: string): string | undefined;
  forget(keyHash: string): void;
}
