// /favicon.ico: a 32x32 icon (the page's blue, a white tick) drawn once, as a PNG inside an ICO container
// (ICO has carried PNG images since Windows Vista; every browser reads it).

import { PNG } from 'pngjs';

const SIZE = 32;

/** Distance from point (x, y) to the segment a-b. */
function toSegment(x: number, y: number, a: [number, number], b: [number, number]): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - a[0] - t * dx, y - a[1] - t * dy);
}

function drawPng(): Buffer {
  const png = new PNG({ width: SIZE, height: SIZE });
  const tick: [number, number][] = [
    [8, 16.5],
    [13.5, 22],
    [24, 10],
  ];
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++) {
      const [cx, cy] = [x + 0.5, y + 0.5];
      const i = (y * SIZE + x) * 4;
      const inside = Math.hypot(cx - 16, cy - 16) <= 15.5;
      const onTick =
        Math.min(toSegment(cx, cy, tick[0]!, tick[1]!), toSegment(cx, cy, tick[1]!, tick[2]!)) < 2.2;
      const [r, g, b] = onTick ? [255, 255, 255] : [0x1a, 0x3d, 0x8f];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = inside ? 255 : 0;
    }
  return PNG.sync.write(png);
}

let ico: Buffer | undefined;

export function favicon(): Buffer {
  if (ico) return ico;
  const image = drawPng();
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(SIZE, 6);
  header.writeUInt8(SIZE, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(image.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  ico = Buffer.concat([header, image]);
  return ico;
}
