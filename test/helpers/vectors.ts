import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import type { ImportEd25519Key } from '../../src/core/crypto-port.js';
import { openStatusList } from '../../src/core/status-list.js';
import { openTrustList, type TrustList } from '../../src/core/trust-list.js';
import type { StatusList } from '../../src/core/status-list.js';
import { fromBase64Url } from '../../src/core/bytes.js';
import { LogCopy } from '../../src/core/log/copy.js';

export const VECTOR_DIR = join(import.meta.dirname, '..', 'vectors');

export interface DocumentVector {
  name: string;
  description: string;
  validationTime: string;
  expected: { valid: boolean; code: string };
  qr: string;
  stages?: Record<string, string>;
}

export function documentVectors(): DocumentVector[] {
  const dir = join(VECTOR_DIR, 'documents');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as DocumentVector);
}

export function vectorFile(name: string): string {
  return readFileSync(join(VECTOR_DIR, 'trust', name), 'utf8');
}

/** The vectors' log as a mirror serves it: files under test/vectors/registry-log. */
export const vectorLogFetch = async (path: string): Promise<Uint8Array> =>
  new Uint8Array(readFileSync(join(VECTOR_DIR, 'registry-log', path)));

export async function vectorTrust(
  importKey: ImportEd25519Key,
): Promise<{ trust: TrustList; status: StatusList; documentTypes: DocumentTypeRegistry; log: LogCopy }> {
  const root = JSON.parse(vectorFile('root.jwk.json')) as { kid: string; x: string };
  const opened = await openTrustList(
    vectorFile('trust-list.jws'),
    [{ kid: root.kid, key: await importKey(fromBase64Url(root.x)) }],
    importKey,
  );
  if (!opened.ok) throw new Error(opened.message);
  const status = await openStatusList(vectorFile('status-list.jws'), opened.value);
  if (!status.ok) throw new Error(status.message);
  const log = await LogCopy.sync(undefined, opened.value.log!, vectorLogFetch);
  if (!log.ok) throw new Error(log.message);
  return {
    trust: opened.value,
    status: status.value,
    documentTypes: new DocumentTypeRegistry(),
    log: log.copy,
  };
}

export const seconds = (iso: string) => Date.parse(iso) / 1000;
