// Portraits for tests: real PNG files (pngjs) of a given size, and a minimal JPEG header with a start-of-frame.
import { PNG } from 'pngjs';

/**
 * A drawn portrait: light background, an oval face, darker hair, eyes and mouth, so that it has the contrast
 * a sealable face needs (services/registry/applicants.ts MIN_FACE). `tone` shifts the face's colour, so that two test
 * portraits differ. Real faces for the seal's own tests are in test/fixtures/faces/.
 */
export function testPhoto(width = 300, height = 400, tone = 0): Buffer {
  const png = new PNG({ width, height });
  const cx = width / 2;
  const cy = height * 0.48;
  const rx = width * 0.3;
  const ry = height * 0.3;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const dx = (x - cx) / rx;
      const dy = (y - cy) / ry;
      const inFace = dx * dx + dy * dy <= 1;
      const hair = inFace && y < cy - ry * 0.55;
      const eye =
        inFace &&
        Math.abs(y - (cy - ry * 0.15)) < ry * 0.07 &&
        Math.abs(Math.abs(x - cx) - rx * 0.4) < rx * 0.12;
      const mouth = inFace && Math.abs(y - (cy + ry * 0.45)) < ry * 0.05 && Math.abs(x - cx) < rx * 0.35;
      const colour =
        hair || eye
          ? [60, 45, 35]
          : mouth
            ? [150, 60, 60]
            : inFace
              ? [220 - tone, 180, 150 + tone]
              : [200, 215, 235];
      png.data.set([...colour, 255], (y * width + x) * 4);
    }
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
