// How the page turns pixels into QR text: the browser's own BarcodeDetector where it has one (Android,
// ChromeOS, macOS), ZXing in a Web Worker everywhere else, and jsQR on the page's thread only where
// neither WebAssembly nor workers exist. Every path answers "text" or "nothing found"; none decides validity.

import { jsQR } from '../../qr/jsqr.js';
import type { WasmSource } from '../../qr/zxing.js';
import type { ScanReply, ScanRequest } from './scan-protocol.js';

export interface Decoder {
  /** Which engine answers: shown nowhere, recorded on <body> for tests and bug reports. */
  engine: 'native' | 'zxing' | 'jsqr';
  /** A camera frame: `frameNo` picks the view tried on it (see src/qr/scan.ts). */
  frame(image: ImageData, frameNo: number): Promise<string | undefined>;
  /** A photo: every view until one reads. */
  photo(image: ImageData): Promise<string | undefined>;
}

interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<{ rawValue: string }[]>;
}
type DetectorClass = (new (o: {
  formats: string[];
}) => BarcodeDetectorLike) & {
  getSupportedFormats(): Promise<string[]>;
};

async function nativeDetector(): Promise<BarcodeDetectorLike | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    return (await Detector.getSupportedFormats()).includes('qr_code')
      ? new Detector({ formats: ['qr_code'] })
      : undefined;
  } catch {
    return undefined;
  }
}

/** The worker, started and given its .wasm; undefined where it cannot start. */
async function zxingWorker(url: string, wasm: WasmSource): Promise<Worker | undefined> {
  if (typeof WebAssembly === 'undefined' || typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(url);
  } catch {
    return undefined;
  }
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 15_000);
    worker.onmessage = (e: MessageEvent<ScanReply>) => {
      clearTimeout(timer);
      resolve(e.data.type === 'ready');
    };
    worker.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const init: ScanRequest = { type: 'init', wasm };
    worker.postMessage(init, 'bytes' in wasm ? [wasm.bytes] : []);
  });
  if (!ready) {
    worker.terminate();
    return undefined;
  }
  return worker;
}

function workerDecoder(
  worker: Worker,
): (image: ImageData, view: number | 'all') => Promise<string | undefined> {
  let next = 0;
  const pending = new Map<number, (text: string | undefined) => void>();
  worker.onmessage = (e: MessageEvent<ScanReply>) => {
    const r = e.data;
    if (r.type === 'ready') return;
    pending.get(r.id)?.(r.type === 'result' ? r.text : undefined);
    pending.delete(r.id);
  };
  return (image, view) =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      const pixels = image.data.buffer as ArrayBuffer;
      const req: ScanRequest = { type: 'frame', id, pixels, width: image.width, height: image.height, view };
      worker.postMessage(req, [pixels]);
    });
}

function jsqrDecode(image: ImageData): string | undefined {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data;
}

/** workerUrl: the worker script's address (same origin, or a blob: of the single file's copy). */
export async function startDecoder(workerUrl: string, wasm: WasmSource): Promise<Decoder> {
  const [native, worker] = await Promise.all([nativeDetector(), zxingWorker(workerUrl, wasm)]);
  const zxing = worker ? workerDecoder(worker) : undefined;
  const fallback = async (image: ImageData, view: number | 'all') =>
    zxing ? zxing(image, view) : jsqrDecode(image);
  const viaNative = async (image: ImageData) => {
    try {
      return (await native!.detect(image))[0]?.rawValue;
    } catch {
      return undefined;
    }
  };
  return {
    engine: native ? 'native' : zxing ? 'zxing' : 'jsqr',
    // With a native detector, frames alternate between it and ZXing's views: each reads codes the other misses.
    frame: (image, n) => (native && n % 2 === 0 ? viaNative(image) : fallback(image, native ? n >> 1 : n)),
    photo: async (image) =>
      native ? ((await viaNative(image)) ?? fallback(image, 'all')) : fallback(image, 'all'),
  };
}
