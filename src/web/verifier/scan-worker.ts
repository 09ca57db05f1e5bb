// The verifier page's decoding worker: camera frames and photos arrive as RGBA pixels, QR texts go back.
// ZXing-C++ (zxing-wasm) runs here so that decoding never blocks the page; its .wasm comes from the page
// (our own origin, or bytes carried inside the single-file download), never from the package's CDN.

/// <reference lib="webworker" />
import { readFrame, readView, viewsFor } from '../../qr/scan.js';
import { prepareZxing, zxingRead } from '../../qr/zxing.js';
import type { ScanReply, ScanRequest } from './scan-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<ScanRequest>) => {
  const req = event.data;
  const reply = (r: ScanReply) => self.postMessage(r);
  try {
    if (req.type === 'init') {
      await prepareZxing(req.wasm);
      reply({ type: 'ready' });
      return;
    }
    const frame = { data: new Uint8ClampedArray(req.pixels), width: req.width, height: req.height };
    if (req.view === 'all') {
      const found = await readFrame(zxingRead, frame);
      reply({ type: 'result', id: req.id, ...(found ? { text: found.text } : {}) });
      return;
    }
    const views = viewsFor(frame.width, frame.height);
    const text = await readView(zxingRead, frame, views[req.view % views.length]!);
    reply({ type: 'result', id: req.id, ...(text !== undefined ? { text } : {}) });
  } catch (e) {
    reply({
      type: 'error',
      id: 'id' in req ? req.id : -1,
      message: e instanceof Error ? e.message : String(e),
    });
  }
};
