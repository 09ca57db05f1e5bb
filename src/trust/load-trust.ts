// Loading verified trust material from files (CLI) or strings (server, page build). Fails with AppError when
// the trust list or status list cannot be opened: without them nothing can be verified.

import type { ImportEd25519Key } from '../core/crypto-port.js';
import { openStatusList, type StatusList } from '../core/status-list.js';
import { openTrustList, type RootKey, type TrustList } from '../core/trust-list.js';
import { AppError } from '../errors.js';

export async function loadTrust(
  trustListText: string,
  roots: RootKey[],
  importKey: ImportEd25519Key,
): Promise<TrustList> {
  const opened = await openTrustList(trustListText, roots, importKey);
  if (!opened.ok) throw new AppError('TRUST_LIST_INVALID', opened.message);
  return opened.value;
}

export async function loadStatus(statusText: string, trust: TrustList): Promise<StatusList> {
  const opened = await openStatusList(statusText, trust);
  if (!opened.ok) throw new AppError('STATUS_LIST_INVALID', opened.message);
  return opened.value;
}
