// Reading a QR code from a PNG or JPEG-free still image in the CLI: pngjs gives RGBA pixels, jsQR finds the code.

import { jsQR } from './jsqr.js';
import { PNG } from 'pngjs';
import { AppError } from '../errors.js';

export function decodeQrFromPng(png: Buffer): string {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (e) {
    throw new AppError('BAD_REQUEST', 'the image is not a readable PNG', undefined, { cause: e });
  }
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  if (!code) throw new AppError('BAD_REQUEST', 'no QR code found in the image');
  return code.data;
}
