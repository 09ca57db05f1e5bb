// Trust material hardening (issue 9 item 8): a status list is accepted only from a status key of the trust
// list, inside that key's signing period, and for no longer than the trust list allows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATUS_LIST_MAX_VALIDITY,
  openStatusList,
  signStatusList,
} from '../../src/core/status-list.js';
import { importNodeEd25519, nodeSigner } from '../../src/crypto/ed25519-node.js';
import { seconds, VECTOR_DIR, vectorTrust } from '../helpers/vectors.js';

const keys = JSON.parse(readFileSync(join(VECTOR_DIR, 'trust', 'TEST-ONLY-keys.json'), 'utf8')).keys;
const signer = (name: string) => nodeSigner(new Uint8Array(Buffer.from(keys[name].seedHex, 'hex')));
const T0 = seconds('2027-01-01T00:00:00Z');
const bits = new Uint8Array(131_072 / 8);

describe('status list acceptance', async () => {
  const { trust } = await vectorTrust(importNodeEd25519);
  const open = async (name: string, issuedAt: number, nextUpdate: number) =>
    openStatusList(
      await signStatusList(bits, 131_072, { issuedAt, nextUpdate }, 'NB-CABINET', signer(name)),
      trust,
    );

  it('accepts a list of the status key inside its period and the allowed validity', async () => {
    expect((await open('status', T0, T0 + DEFAULT_STATUS_LIST_MAX_VALIDITY)).ok).toBe(true);
  });

  it('refuses a list valid for longer than the trust list allows (an old "nothing revoked" list kept alive)', async () => {
    const r = await open('status', T0, T0 + DEFAULT_STATUS_LIST_MAX_VALIDITY + 1);
    expect(r).toMatchObject({ ok: false, code: 'STATUS_LIST_INVALID' });
  });

  it('refuses a list signed by a document key, or by the status key outside its signing period', async () => {
    expect(await open('plWaw', T0, T0 + 86_400)).toMatchObject({ ok: false, code: 'STATUS_LIST_INVALID' });
    const after = T0 + 400 * 86_400; // the vector status key signs for a year from T0 - 1 day
    expect(await open('status', after, after + 86_400)).toMatchObject({
      ok: false,
      code: 'STATUS_LIST_INVALID',
    });
    const before = T0 - 10 * 86_400;
    expect(await open('status', before, before + 86_400)).toMatchObject({
      ok: false,
      code: 'STATUS_LIST_INVALID',
    });
  });
});
