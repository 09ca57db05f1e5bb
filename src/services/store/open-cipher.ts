// Start-up of the data-at-rest layer, shared by the service and the nbr commands that read people's data:
// the key file (made only for a new development registry), the plain-text check, and the cipher.

import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { createDataKeyFile, loadDataKeyFile } from '../../crypto/data-key-file.js';
import type { FieldCipher, KeyWrapper } from '../../crypto/field-cipher.js';
import type { ScryptCost } from '../../crypto/key-file.js';
import type { Database } from '../../db/schema.js';
import { hasDataKeys, openFieldCipher, requireSealed } from './data-keys.js';

/**
 * The KEK for this database. Development mode makes a key file for a database that has no data keys yet;
 * otherwise a missing file is refused (DATA_KEY_FILE_MISSING), whatever the mode, so that a copied database
 * without its key file never starts (issue 25, item 5).
 */
export async function dataKeyWrapper(
  db: Kysely<Database>,
  config: Pick<Config, 'dataKeyFile' | 'devMode'>,
  passphrase: string,
  say: (line: string) => void = () => {},
  scrypt?: ScryptCost,
): Promise<KeyWrapper> {
  if (!existsSync(config.dataKeyFile) && config.devMode && !(await hasDataKeys(db))) {
    const wrapper = createDataKeyFile(config.dataKeyFile, passphrase, scrypt);
    say(`created the DEVELOPMENT data key file ${config.dataKeyFile} (people's data is encrypted under it)`);
    return wrapper;
  }
  return loadDataKeyFile(config.dataKeyFile, passphrase);
}

/** The wrapper and cipher of a registry that is sealed; first data keys made on a new one. */
export async function openDataAtRest(
  db: Kysely<Database>,
  config: Pick<Config, 'dataKeyFile' | 'devMode'>,
  passphrase: string,
  say?: (line: string) => void,
): Promise<{ wrapper: KeyWrapper; cipher: FieldCipher }> {
  await requireSealed(db);
  const wrapper = await dataKeyWrapper(db, config, passphrase, say);
  const cipher = await openFieldCipher(db, wrapper, { create: true, now: () => new Date().toISOString() });
  return { wrapper, cipher };
}
