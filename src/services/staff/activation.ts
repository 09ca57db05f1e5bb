// One-time activation codes (issue 21). The administrator who asks for an account or a password reset must
// never know a password that works for it: otherwise a request confirmed in good faith by a second
// administrator hands the requester a working login to someone else's account. So the password is chosen
// by nobody but the owner: on confirmation the service makes a one-time code, shows it to the confirming
// administrator only (who hands it to the owner in person), stores only its scrypt hash, and the account can
// do nothing with it but set its own password (middleware/auth.ts answers PASSWORD_CHANGE_REQUIRED).

import { hashPassword } from '../../crypto/password.js';
import type { Deps } from '../deps.js';

/** The owner has this long to use the code (then a new reset must be asked for). */
export const ACTIVATION_TTL_MS = 7 * 24 * 3600_000;

// No I, L, O, 0 or 1: the code is read out or copied by hand.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 20 characters of a 31-letter alphabet (~99 bits), in groups of five: XXXXX-XXXXX-XXXXX-XXXXX. */
export function activationCode(random: (n: number) => Uint8Array): string {
  let code = '';
  while (code.length < 20) {
    for (const b of random(32)) {
      // Rejection sampling keeps every character equally likely (248 = 8 * 31).
      if (b < 248 && code.length < 20) code += ALPHABET[b % 31];
    }
  }
  return code.match(/.{5}/g)!.join('-');
}

/** A fresh code, its hash for the account's password_hash, and when it stops working. */
export async function newActivation(
  deps: Pick<Deps, 'random' | 'clock'>,
): Promise<{ code: string; hash: string; expiresAt: string }> {
  const code = activationCode(deps.random);
  return {
    code,
    hash: await hashPassword(code),
    expiresAt: new Date(deps.clock.now() + ACTIVATION_TTL_MS).toISOString(),
  };
}
