// zxing-wasm's reader as a ReadQr. Where its .wasm comes from is the caller's choice: the package's own
// default is a CDN, which an offline verifier and our CSP must never use, so prepare() is always given
// either the bytes (Node, the single-file page) or a same-origin address (the served page's worker).

import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReadQr } from './scan.js';

export type WasmSource = { bytes: ArrayBuffer } | { url: string };

let prepared: Promise<unknown> | undefined;

export function prepareZxing(source: WasmSource): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides:
      'bytes' in source
        ? { wasmBinary: source.bytes }
        : { locateFile: (file: string) => (file.endsWith('.wasm') ? source.url : file) },
    fireImmediately: true,
  });
  return prepared;
}

export const zxingRead: ReadQr = async (frame, options) => {
  if (!prepared) throw new Error('prepareZxing() first');
  await prepared;
  const results = await readBarcodes(frame as unknown as ImageData, {
    ...options,
    formats: ['QRCode'],
    maxNumberOfSymbols: 1,
  });
  return results.filter((r) => r.isValid).map((r) => r.text);
};
