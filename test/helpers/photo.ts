// Portraits for tests: real PNG files (pngjs) of a given size, and a minimal JPEG header with a start-of-frame.
import { PNG } from 'pngjs';

export function testPhoto(width = 300, height = 400): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([120, 140, 200, 255], i);
  return PNG.sync.write(png);
}

/** SOI, an APP0 (JFIF) segment, then SOF0 with the given size: enough for a size reader, not for a decoder. */
export function jpegHeader(width: number, height: number, sof = 0xc0): Buffer {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ];
  const sofSeg = [
    0xff,
    sof,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return Buffer.from([0xff, 0xd8, 0xff, 0xff, ...app0, ...sofSeg, 0xff, 0xd9]);
}
