// Trust material: the newest valid trust list and status list among those fetched now,
// stored from earlier visits, and embedded in the page. Anything that fails its signature is ignored;
// nothing here decides validity, it only picks what verify() will be given.

import { fromBase64Url } from '../../../src/core/bytes.js';
import type { ImportEd25519Key } from '../../../src/core/crypto-port.js';
import { openStatusList, type StatusList } from '../../../src/core/status-list.js';
import { openTrustList, type TrustList } from '../../../src/core/trust-list.js';

export interface TrustSources {
  root: { kid: string; x: string };
  candidates: { trustList: (string | undefined)[]; statusList: (string | undefined)[] };
  importKey: ImportEd25519Key;
}

export interface TrustMaterial {
  trust?: TrustList;
  status?: StatusList;
}

export async function pickTrustMaterial(src: TrustSources): Promise<TrustMaterial> {
  const rootKey = { kid: src.root.kid, key: await src.importKey(fromBase64Url(src.root.x)) };
  let trust: TrustList | undefined;
  for (const text of src.candidates.trustList) {
    if (!text) continue;
    const opened = await openTrustList(text, [rootKey], src.importKey);
    if (!opened.ok) continue;
    const t = opened.value;
    if (
      !trust ||
      t.sequence > trust.sequence ||
      (t.sequence === trust.sequence && t.issuedAt > trust.issuedAt)
    )
      trust = t;
  }
  if (!trust) return {};
  let status: StatusList | undefined;
  for (const text of src.candidates.statusList) {
    if (!text) continue;
    const opened = await openStatusList(text, trust);
    if (opened.ok && (!status || opened.value.issuedAt > status.issuedAt)) status = opened.value;
  }
  return status ? { trust, status } : { trust };
}
