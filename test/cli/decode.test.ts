// nbr decode IMAGE|FOLDER...: one line per image, in order, the QR text or an empty line; a damaged
// camera frame that jsQR cannot read is read; a BMP goes through ZXing's own image reader; an unreadable
// file gives an empty line, a message on standard error and exit 2.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { prng, renderFrame } from '../../bench/scan-corpus.js';
import { runCli } from '../../src/cli/main.js';
import { fromGray } from '../../src/qr/frames.js';
import { jsQR } from '../../src/qr/jsqr.js';
import { cliContext } from '../helpers/cli-context.js';
import { documentVectors } from '../helpers/vectors.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 24-bit BMP of grey pixels (rows bottom-up, padded to 4 bytes). */
function bmp(gray: Uint8Array, w: number, h: number): Buffer {
  const row = Math.ceil((w * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * h);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(w, 18);
  out.writeInt32LE(h, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = gray[(h - 1 - y) * w + x]!;
      out.fill(v, 54 + y * row + x * 3, 54 + y * row + x * 3 + 3);
    }
  return out;
}

function png(gray: Uint8Array, w: number, h: number): Buffer {
  const p = new PNG({ width: w, height: h });
  p.data = Buffer.from(fromGray(gray, w, h).data.buffer);
  return PNG.sync.write(p);
}

describe('nbr decode', () => {
  const texts = documentVectors()
    .filter((v) => v.expected.valid)
    .map((v) => v.qr);

  it('prints each image’s QR text in order, an empty line where there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbr-decode-'));
    const folder = join(dir, 'scans');
    mkdirSync(folder);
    writeFileSync(join(folder, '1-clean.png'), await QRCode.toBuffer(texts[0]!, { margin: 4, scale: 4 }));
    // A noisy camera frame that jsQR (the old decoder) does not read.
    let noisy: Uint8Array | undefined;
    for (let seed = 1; !noisy; seed++) {
      const f = renderFrame(texts[1]!, 'noise', 640, 480, prng(seed));
      if (!jsQR(fromGray(f.gray, 640, 480).data, 640, 480, { inversionAttempts: 'attemptBoth' }))
        noisy = f.gray;
    }
    writeFileSync(join(folder, '2-noisy.png'), png(noisy, 640, 480));
    writeFileSync(join(folder, '3-blank.png'), png(new Uint8Array(100 * 100).fill(255), 100, 100));
    const tilted = renderFrame(texts[2]!, 'tilt', 640, 480, prng(3));
    writeFileSync(join(folder, '4-tilted.bmp'), bmp(tilted.gray, 640, 480));
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const { ctx, out, err } = cliContext();
    const code = await runCli(['decode', folder], ctx);
    expect(out).toEqual([texts[0], texts[1], '', texts[2]]);
    expect(err).toEqual([]);
    expect(code).toBe(1); // one image held no code

    writeFileSync(join(dir, 'broken.png'), Buffer.concat([PNG_SIGNATURE, Buffer.from('not really')]));
    const second = cliContext();
    expect(
      await runCli(
        ['decode', join(folder, '1-clean.png'), join(dir, 'broken.png'), join(dir, 'gone.png')],
        second.ctx,
      ),
    ).toBe(2);
    expect(second.out).toEqual([texts[0], '', '']);
    expect(second.err).toEqual([
      `nbr decode: ${join(dir, 'broken.png')}: the image is not a readable PNG`,
      `nbr decode: ${join(dir, 'gone.png')}: no such file`,
    ]);
  }, 60_000);
});
