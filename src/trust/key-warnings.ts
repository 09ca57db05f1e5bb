// What the operator must do about keys soon: a signing period ending with no successor certified. A status
// key that stops signing makes every verifier answer "not verified" once the last list goes stale, and an
// office without an open issuer key cannot issue, so both are said at start, on reload and once a day.

import { maySignAt, type TrustedKey } from '../core/trust-list.js';
import type { Keyring } from './keyring.js';

/** How long before a signing period ends the operator is warned (keys/README.md: rotate a few weeks ahead). */
export const ROTATION_NOTICE_DAYS = 30;

const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);
/** The end of signing of the longest-running key among those open now (a later certified one covers an earlier). */
const lastSignDay = (keys: TrustedKey[], now: number) =>
  Math.max(
    ...keys
      .filter((k) => maySignAt(k, now))
      .map((k) => (k.revokedAt !== undefined ? Math.min(k.revokedAt, k.signUntil) : k.signUntil)),
  );

export interface KeyWarning {
  /** 'status' for the status key, else the office code. */
  scope: string;
  message: string;
}

export function keyWarnings(
  keyring: Pick<Keyring, 'statusKeys' | 'officeKeys' | 'trust'>,
  now: number,
): KeyWarning[] {
  const warnings: KeyWarning[] = [];
  const soon = now + ROTATION_NOTICE_DAYS * 86_400;
  const status = keyring
    .statusKeys()
    .filter((s) => s.held)
    .map((s) => s.key);
  const statusEnd = lastSignDay(status, now);
  if (statusEnd === -Infinity)
    warnings.push({
      scope: 'status',
      message:
        'no status key can sign now: the status list cannot be published and verifiers will answer "not verified"; certify one (nbr keys status)',
    });
  else if (statusEnd < soon)
    warnings.push({
      scope: 'status',
      message: `the status key stops signing on ${day(statusEnd)}: certify its successor now (nbr keys status)`,
    });
  for (const office of keyring.trust.offices.keys()) {
    const held = keyring
      .officeKeys(office)
      .filter((o) => o.held)
      .map((o) => o.key);
    if (held.length === 0) continue; // another service instance's office
    const end = lastSignDay(held, now);
    if (end === -Infinity)
      warnings.push({
        scope: office,
        message:
          'no issuer key held here can sign now: documents cannot be issued; certify one (nbr keys issuer)',
      });
    else if (end < soon)
      warnings.push({
        scope: office,
        message: `the issuer keys stop signing on ${day(end)}: certify a successor now (nbr keys issuer)`,
      });
  }
  return warnings;
}
