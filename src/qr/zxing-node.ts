// ZXing for Node (the CLI, tests, benchmarks): the .wasm read from the installed package, never fetched.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { readBarcodes } from 'zxing-wasm/reader';
import { AppError } from '../errors.js';
import { prepareZxing, zxingRead } from './zxing.js';
import type { ReadQr } from './scan.js';

const require = createRequire(import.meta.url);

/** The reader's .wasm file in node_modules (also what the web routes serve). */
export const ZXING_WASM_PATH = require.resolve('zxing-wasm/reader/zxing_reader.wasm');

let ready: Promise<ReadQr> | undefined;

export function nodeZxing(): Promise<ReadQr> {
  ready ??= readFile(ZXING_WASM_PATH).then(async (bytes) => {
    await prepareZxing({
      bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    return zxingRead;
  });
  return ready;
}

/** A QR code in an encoded image (JPEG, PNG, BMP, GIF...), decoded by ZXing's own image reader. */
export async function readEncodedImage(bytes: Uint8Array): Promise<string | undefined> {
  await nodeZxing();
  let results;
  try {
    results = await readBarcodes(bytes, { formats: ['QRCode'], maxNumberOfSymbols: 1, tryRotate: false });
  } catch (e) {
    throw new AppError('BAD_REQUEST', 'the image is not in a format nbr can read', undefined, { cause: e });
  }
  return results.find((r) => r.isValid)?.text;
}
