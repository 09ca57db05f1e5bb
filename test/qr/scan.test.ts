// The decoder on a sample of bench/scan-corpus.ts's degraded frames (bench/scan.ts measures the whole
// corpus): the views read what ZXing on the whole frame misses, never a wrong text, and the corpus is
// the same for the same seed.

import { describe, expect, it } from 'vitest';
import { corpus, DEGRADATIONS } from '../../bench/scan-corpus.js';
import { double, fromGray, halve } from '../../src/qr/frames.js';
import { readFrame, viewsFor } from '../../src/qr/scan.js';
import { nodeZxing } from '../../src/qr/zxing-node.js';
import { documentVectors } from '../helpers/vectors.js';

const texts = documentVectors()
  .filter((v) => v.expected.valid)
  .map((v) => v.qr);

describe('QR decoding of camera frames', () => {
  it('reads at least 80% of a degraded sample at 1280x720 and 640x480, with no wrong text', async () => {
    const read = await nodeZxing();
    for (const [width, height] of [
      [1280, 720],
      [640, 480],
    ] as const) {
      let ok = 0;
      let n = 0;
      for (const f of corpus({ texts, width, height, perClass: 2, seed: 99 })) {
        n++;
        const found = await readFrame(read, fromGray(f.gray, width, height));
        if (found) expect(found.text, `${f.degradation} at ${width}x${height}`).toBe(f.text);
        if (found?.text === f.text) ok++;
      }
      expect(n).toBe(2 * DEGRADATIONS.length);
      expect(ok / n, `${width}x${height}`).toBeGreaterThanOrEqual(0.8);
    }
  }, 120_000);

  it('gives the same frames for the same seed and other frames for another', () => {
    const a = [...corpus({ texts, width: 320, height: 240, perClass: 1, seed: 5 })];
    const b = [...corpus({ texts, width: 320, height: 240, perClass: 1, seed: 5 })];
    const c = [...corpus({ texts, width: 320, height: 240, perClass: 1, seed: 6 })];
    expect(a.map((f) => Buffer.from(f.gray).toString('base64'))).toEqual(
      b.map((f) => Buffer.from(f.gray).toString('base64')),
    );
    expect(Buffer.from(a[1]!.gray).equals(Buffer.from(c[1]!.gray))).toBe(false);
  });

  it('chooses views by frame size and halves by averaging', () => {
    expect(viewsFor(1280, 720).map((v) => v.name)).toEqual(['half', 'centre', 'contrast', 'zoom']);
    expect(viewsFor(640, 480).map((v) => v.name)).toEqual(['whole', 'smooth', 'contrast', 'zoom']);
    const h = halve({ gray: Uint8Array.from([0, 100, 200, 255, 10, 10, 30, 30]), width: 4, height: 2 });
    expect([h.width, h.height, ...h.gray]).toEqual([2, 1, 30, 129]);
    const rgba = fromGray(h.gray, 2, 1);
    expect([...rgba.data]).toEqual([30, 30, 30, 255, 129, 129, 129, 255]);
    // Doubling keeps flat areas flat and puts each new pixel 3/4 of the way to its nearer neighbour.
    const d = double({ gray: Uint8Array.from([0, 160]), width: 2, height: 1 });
    expect([d.width, d.height, ...d.gray.subarray(0, 4)]).toEqual([4, 2, 0, 40, 120, 160]);
  });
});
