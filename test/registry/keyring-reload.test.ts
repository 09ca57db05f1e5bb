// The service picks up a re-signed trust list and a newly certified key without a restart, and keeps its
// previous trust material when the new one does not open.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { openStatusList } from '../../src/core/status-list.js';
import { createStatusListPublisher } from '../../src/services/status/status-list.js';
import { addIssuerKey, addStatusKey, publishTrustList } from '../../src/trust/key-directory.js';
import { loadKeyring } from '../../src/trust/keyring.js';
import { FAST_SCRYPT, KEY_PASSPHRASE, START, testKeysDir, testRegistry } from '../helpers/registry.js';

describe('keyring reload', () => {
  it('follows the ceremony directory and fails safe', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'nbr-reload-')), 'keys');
    cpSync(await testKeysDir(), dir, { recursive: true });
    const keyring = await loadKeyring(dir, KEY_PASSPHRASE);
    const before = keyring.trust.sequence;
    expect(await keyring.reload()).toEqual({ changed: false });
    expect(keyring.officeKeys('CZ-PRG')).toEqual([]);

    const now = Math.floor(START / 1000);
    const opts = {
      dir,
      passphrase: KEY_PASSPHRASE,
      now,
      documentTypes: new DocumentTypeRegistry(),
      scrypt: FAST_SCRYPT,
    };
    await addIssuerKey(opts, {
      code: 'CZ-PRG',
      name: 'Embassy in Czechia',
      country: 'CZ',
      documentTypes: ['passport'],
    });
    await publishTrustList({ ...opts, nextUpdateDays: 30 });
    expect(await keyring.reload()).toEqual({ changed: true });
    expect(keyring.trust.sequence).toBe(before + 1);
    expect(keyring.officeKeys('CZ-PRG')).toHaveLength(1);
    expect(keyring.signerFor('CZ-PRG', 'passport', now + 60)).toBeDefined();

    // A damaged list is refused and the previous one stays in force.
    writeFileSync(join(dir, 'trust-list.jws'), 'garbage');
    await expect(keyring.reload()).rejects.toThrow();
    expect(keyring.trust.sequence).toBe(before + 1);
  });

  it('signs the status list with a newly certified status key after a reload, and refuses to sign with none open', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'nbr-status-rotate-')), 'keys');
    cpSync(await testKeysDir(), dir, { recursive: true });
    const keyring = await loadKeyring(dir, KEY_PASSPHRASE);
    const r = await testRegistry();
    try {
      let tick = 0;
      const publisher = createStatusListPublisher({ ...r.deps, keyring }, () => tick);
      const kidOf = (jws: string) =>
        (JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString('utf8')) as { kid: string }).kid;
      const first = await publisher.current();
      const [oldKey] = keyring.statusKeys();
      expect(kidOf(first.jws)).toBe(oldKey!.key.kid);

      // Rotation a month before the old key's period ends: the service takes the new key on its next look.
      r.clock.t = (oldKey!.key.signUntil - 30 * 86_400) * 1000;
      const now = Math.floor(r.clock.t / 1000);
      const { kid } = addStatusKey({
        dir,
        passphrase: KEY_PASSPHRASE,
        now,
        documentTypes: new DocumentTypeRegistry(),
        scrypt: FAST_SCRYPT,
      });
      await publishTrustList({
        dir,
        passphrase: KEY_PASSPHRASE,
        now,
        documentTypes: new DocumentTypeRegistry(),
        scrypt: FAST_SCRYPT,
        nextUpdateDays: 30,
      });
      expect(await keyring.reload()).toEqual({ changed: true });
      expect(keyring.statusSignerFor(now)!.key.kid).toBe(kid);
      tick += 1000;
      const second = await publisher.current();
      expect(kidOf(second.jws)).toBe(kid);
      expect((await openStatusList(second.jws, keyring.trust)).ok).toBe(true);

      // Past every status key's signing period nothing is published rather than a list verifiers would refuse.
      r.clock.t = (keyring.statusSignerFor(now)!.key.signUntil + 1) * 1000;
      tick += 1000;
      await expect(publisher.current()).rejects.toMatchObject({ code: 'NO_SIGNING_KEY' });
    } finally {
      await r.close();
    }
  });
});
