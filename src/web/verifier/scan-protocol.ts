// Messages between the verifier page and its decoding worker (scan-worker.ts).

import type { WasmSource } from '../../qr/zxing.js';

export type ScanRequest =
  | { type: 'init'; wasm: WasmSource }
  /** view: the camera loop's frame counter (one view a frame, in turn), or 'all' for a photo. */
  | { type: 'frame'; id: number; pixels: ArrayBuffer; width: number; height: number; view: number | 'all' };

export type ScanReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; text?: string }
  | { type: 'error'; id: number; message: string };
