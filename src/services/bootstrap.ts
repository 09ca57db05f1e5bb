// Start-up tasks: development keys and accounts on a fresh checkout, and keeping the offices and
// issuer_keys tables in step with the trust list.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import { isoSeconds } from '../core/dates.js';
import type { ScryptCost } from '../crypto/key-file.js';
import { addLogWitness, ensureLogKey, initKeyDirectory, publishTrustList } from '../trust/key-directory.js';
import { devWitnessKey } from './log/dev-witness.js';
import type { Deps } from './deps.js';
import { createOffice } from './registry/offices.js';
import { createAccountDirectly } from './staff/staff.js';

export const DEV_WARNING = `
*****************************************************************************************
*  DEVELOPMENT MODE: NBR_KEY_PASSPHRASE is not set, so this service uses DEVELOPMENT   *
*  keys generated on this machine. Documents it signs are NOT valid New Belarus          *
*  documents. Never use development keys or accounts for real applicants.                *
*****************************************************************************************`;

/** Creates development keys on first start and returns the passphrase of the key files. */
export async function ensureKeys(
  config: Config,
  now: number,
  registry: DocumentTypeRegistry,
  say: (line: string) => void,
  scrypt?: ScryptCost,
): Promise<string> {
  if (!config.devMode) return config.keyPassphrase!;
  say(DEV_WARNING);
  const passFile = join(config.keysDir, 'DEV-PASSPHRASE');
  if (existsSync(join(config.keysDir, 'root.key.json'))) {
    const passphrase = readFileSync(passFile, 'utf8').trim();
    // The development root is at hand: keep the development trust list from going stale.
    const payload = JSON.parse(readFileSync(join(config.keysDir, 'trust-list.payload.json'), 'utf8')) as {
      nextUpdate: string;
    };
    const upgraded = ensureLogKey({ dir: config.keysDir, passphrase, now, documentTypes: registry });
    const witnessed = await ensureDevWitnessListed(config.keysDir, passphrase, scrypt);
    if (upgraded || witnessed || Date.parse(payload.nextUpdate) / 1000 < now + 7 * 86_400) {
      await publishTrustList({
        dir: config.keysDir,
        passphrase,
        now,
        documentTypes: registry,
        nextUpdateDays: 30,
      });
      say('re-signed the development trust list');
    }
    return passphrase;
  }
  mkdirSync(config.keysDir, { recursive: true });
  const passphrase = randomBytes(24).toString('base64url');
  writeFileSync(passFile, `${passphrase}\n`, { mode: 0o600 });
  await initKeyDirectory({
    dir: config.keysDir,
    passphrase,
    now,
    documentTypes: registry,
    office: { code: 'PL-WAW', name: "People's Embassy of Belarus in Poland (DEVELOPMENT)", country: 'PL' },
    ...(scrypt ? { scrypt } : {}),
  });
  await ensureDevWitnessListed(config.keysDir, passphrase, scrypt);
  await publishTrustList({
    dir: config.keysDir,
    passphrase,
    now,
    documentTypes: registry,
    nextUpdateDays: 30,
    ...(scrypt ? { scrypt } : {}),
  });
  say(`created development keys in ${config.keysDir}`);
  return passphrase;
}

/** The development witness in the development trust list, with a quorum of 1; true when it was added now. */
async function ensureDevWitnessListed(
  dir: string,
  passphrase: string,
  scrypt?: ScryptCost,
): Promise<boolean> {
  const { vkey } = devWitnessKey(dir, passphrase, scrypt);
  const payload = JSON.parse(readFileSync(join(dir, 'trust-list.payload.json'), 'utf8')) as {
    log?: { witnesses: { key: string }[] };
  };
  if (!payload.log || payload.log.witnesses.some((w) => w.key === vkey)) return false;
  await addLogWitness(dir, vkey, 1);
  return true;
}

/** Offices named in the trust list exist in the database (the trust list is the authority on offices). */
export async function syncOfficesAndKeys(deps: Deps): Promise<void> {
  for (const office of deps.keyring.trust.offices.values()) {
    const exists = await deps.db
      .selectFrom('offices')
      .select('id')
      .where('code', '=', office.code)
      .executeTakeFirst();
    if (exists) continue;
    try {
      await createOffice(deps, null, office);
    } catch (e) {
      // Another instance reloading the same list created it first (issue 22): that is the state wanted.
      const now = await deps.db
        .selectFrom('offices')
        .select('id')
        .where('code', '=', office.code)
        .executeTakeFirst();
      if (!now) throw e;
    }
  }
  const offices = new Map(
    (await deps.db.selectFrom('offices').select(['id', 'code']).execute()).map((o) => [o.code, o.id]),
  );
  const loadedAt = new Date(deps.clock.now()).toISOString();
  // Idempotent, so that several instances reloading the same list at once agree (issue 22: delete-then-insert
  // on two instances collided on the primary key, and one kept the old state): each key is upserted, and
  // only keys the list no longer holds are removed.
  await deps.db.transaction().execute(async (trx) => {
    const kids: string[] = [];
    for (const k of deps.keyring.trust.keys) {
      const officeId = k.office ? offices.get(k.office) : undefined;
      if (k.use !== 'documents' || !officeId) continue;
      kids.push(k.kid);
      const row = {
        office_id: officeId,
        document_types: JSON.stringify(k.documentTypes),
        sign_from: isoSeconds(k.signFrom),
        sign_until: isoSeconds(k.signUntil),
        valid_until: k.validUntil === null ? null : isoSeconds(k.validUntil),
        revoked_at: k.revokedAt === undefined ? null : isoSeconds(k.revokedAt),
        loaded_at: loadedAt,
      };
      await trx
        .insertInto('issuer_keys')
        .values({ kid: k.kid, ...row })
        .onConflict((oc) => oc.column('kid').doUpdateSet(row))
        .execute();
    }
    let gone = trx.deleteFrom('issuer_keys');
    if (kids.length) gone = gone.where('kid', 'not in', kids);
    await gone.execute();
  });
}

/** On a fresh development database: one account per role, passwords written to a 0600 file, never logged. */
export async function ensureDevAccounts(deps: Deps, say: (line: string) => void): Promise<void> {
  if (!deps.config.devMode) return;
  const any = await deps.db.selectFrom('staff').select('id').limit(1).executeTakeFirst();
  if (any) return;
  const office = await deps.db.selectFrom('offices').select('id').orderBy('code').executeTakeFirst();
  if (!office) return;
  const lines: string[] = ['# DEVELOPMENT accounts. Never use them with real data.'];
  for (const [username, role, officeId] of [
    // Two of every role that a two-person step needs a second of (issue 24, item 11): a revocation asked by
    // one approver is confirmed by another, an account change asked by one admin confirmed by another.
    ['admin', 'cabinet_admin', null],
    ['admin2', 'cabinet_admin', null],
    ['office-admin', 'office_admin', office.id],
    ['clerk', 'clerk', office.id],
    ['clerk2', 'clerk', office.id],
    ['approver', 'approver', office.id],
    ['approver2', 'approver', office.id],
  ] as const) {
    const password = randomBytes(12).toString('base64url');
    await createAccountDirectly(
      deps,
      { username, displayName: `Dev ${username}`, password, role, officeId },
      'development',
    );
    lines.push(`${username}\t${role}\t${password}`);
  }
  const file = join(deps.config.dataDir, 'DEV-CREDENTIALS.txt');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  say(`created development accounts; usernames and passwords are in ${file}`);
}
