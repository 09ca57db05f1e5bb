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
  /** 'status' for the status key, 'statusList' for its capacity, else the office code. */
  scope: string;
  /** Stable, for a console to say in its language: what is wrong (the message says it in English). */
  code:
    | 'STATUS_KEY_NONE'
    | 'STATUS_KEY_ENDING'
    | 'ISSUER_KEY_NONE'
    | 'ISSUER_KEY_ENDING'
    | 'STATUS_LIST_FILLING'
    | 'STATUS_LIST_FULLEST'
    | 'REVOKED_KEY_HELD';
  message: string;
  /** until: the last signing day (YYYY-MM-DD); percent, used, size, next: the status list's fill. */
  params?: Record<string, string | number>;
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
      code: 'STATUS_KEY_NONE',
      message:
        'no status key can sign now: the status list cannot be published and verifiers will answer "not verified"; certify one (nbr keys status)',
    });
  else if (statusEnd < soon)
    warnings.push({
      scope: 'status',
      code: 'STATUS_KEY_ENDING',
      params: { until: day(statusEnd) },
      message: `the status key stops signing on ${day(statusEnd)}: certify its successor now (nbr keys status)`,
    });
  // A revoked key's file left in the service's folder (issue 22): never used to sign (maySignAt), but a
  // compromised secret on the server is one more copy to steal; said until it is removed.
  const revokedHeld = [
    ...keyring.statusKeys(),
    ...[...keyring.trust.offices.keys()].flatMap((office) => keyring.officeKeys(office)),
  ].filter((k) => k.held && k.key.revokedAt !== undefined && k.key.revokedAt <= now);
  for (const { key } of revokedHeld)
    warnings.push({
      scope: key.office ?? 'status',
      code: 'REVOKED_KEY_HELD',
      params: { kid: key.kid },
      message: `key ${key.kid} is revoked but its file is still in the service's key folder: remove it (it is never used to sign)`,
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
        code: 'ISSUER_KEY_NONE',
        message:
          'no issuer key held here can sign now: documents cannot be issued; certify one (nbr keys issuer)',
      });
    else if (end < soon)
      warnings.push({
        scope: office,
        code: 'ISSUER_KEY_ENDING',
        params: { until: day(end) },
        message: `the issuer keys stop signing on ${day(end)}: certify a successor now (nbr keys issuer)`,
      });
  }
  return warnings;
}
