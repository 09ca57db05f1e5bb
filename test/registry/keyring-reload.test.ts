// The service picks up a re-signed trust list and a newly certified key without a restart, and keeps its
// previous trust material when the new one does not open.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { addIssuerKey, publishTrustList } from '../../src/trust/key-directory.js';
import { loadKeyring } from '../../src/trust/keyring.js';
import { FAST_SCRYPT, KEY_PASSPHRASE, START, testKeysDir } from '../helpers/registry.js';

describe('keyring reload', () => {
  it('follows the ceremony directory and fails safe', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'nbr-reload-')), 'keys');
    cpSync(await testKeysDir(), dir, { recursive: true });
    const keyring = await loadKeyring(dir, KEY_PASSPHRASE);
    const before = keyring.trust.sequence;
    expect(await keyring.reload()).toEqual({ changed: false });
    expect(keyring.officeKeys('CZ-PRG')).toEqual([]);

    const now = Math.floor(START / 1000);
    const opts = { dir, passphrase: KEY_PASSPHRASE, now, registry: new DocumentTypeRegistry(), scrypt: FAST_SCRYPT };
    await addIssuerKey(opts, { code: 'CZ-PRG', name: 'Embassy in Czechia', country: 'CZ', documentTypes: ['passport'] });
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
});
