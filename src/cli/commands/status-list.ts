// nbr status-list --dir DIR --revoked 12,345: sign a status list offline (the service publishes its own).

import { writeFileSync } from 'node:fs';
import { MIN_STATUS_LIST_SIZE, setBit, signStatusList } from '../../core/status-list.js';
import { AppError } from '../../errors.js';
import { loadKeyring } from '../../trust/keyring.js';
import { nowSeconds, parse, passphrase, required } from '../args.js';
import type { CliContext } from '../context.js';

export async function statusListCommand(argv: string[], ctx: CliContext): Promise<number> {
  const usage =
    'nbr status-list --dir DIR --out status-list.jws [--revoked 1,2,3] [--size 131072] [--next-update-days 7]';
  const { values } = parse(
    argv,
    {
      dir: { type: 'string' },
      out: { type: 'string' },
      revoked: { type: 'string' },
      size: { type: 'string' },
      'next-update-days': { type: 'string' },
      'passphrase-file': { type: 'string' },
      now: { type: 'string' },
    },
    usage,
  );
  const size = values.size === undefined ? MIN_STATUS_LIST_SIZE : Number(values.size);
  if (!Number.isInteger(size) || size < MIN_STATUS_LIST_SIZE || size % 8 !== 0)
    throw new AppError('BAD_REQUEST', `--size must be a multiple of 8, at least ${MIN_STATUS_LIST_SIZE}`);
  const bits = new Uint8Array(size / 8);
  for (const part of String(values.revoked ?? '')
    .split(',')
    .filter(Boolean)) {
    const i = Number(part);
    if (!Number.isInteger(i) || i < 0 || i >= size)
      throw new AppError('BAD_REQUEST', `revoked index ${part} is outside 0..${size - 1}`);
    setBit(bits, i, true);
  }
  const days = values['next-update-days'] === undefined ? 7 : Number(values['next-update-days']);
  const now = nowSeconds(values, ctx.clock);
  // The same choice as the service: the newest status key of the trust list whose signing period is open.
  const keyring = await loadKeyring(required(values, 'dir', usage), passphrase(values, ctx.env));
  const chosen = keyring.statusSignerFor(now);
  if (!chosen)
    throw new AppError(
      'NO_SIGNING_KEY',
      'no status key with an open signing period in this directory: certify one with nbr keys status',
    );
  const jws = await signStatusList(
    bits,
    size,
    { issuedAt: now, nextUpdate: now + days * 86_400 },
    keyring.trust.iss,
    chosen.signer,
  );
  writeFileSync(required(values, 'out', usage), `${jws}\n`);
  ctx.out(`signed status list (${size} entries) to ${String(values.out)}`);
  return 0;
}
