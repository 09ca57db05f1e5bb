// Reading QR codes from image files in Node (nbr verify IMAGE, nbr decode IMAGE...): the same decoder and
// views as the verifier page. PNG is read to pixels here (pngjs) and goes through every view; other formats
// (JPEG, BMP, GIF...) are decoded by ZXing's own image reader in one attempt.

import { PNG } from 'pngjs';
import { AppError } from '../errors.js';
import { halve, type RgbaFrame, toGray, toRgba } from './frames.js';
import { readFrame } from './scan.js';
import { nodeZxing, readEncodedImage } from './zxing-node.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Photos larger than this (long side) are halved first, as the page scales them to 1600 pixels. */
const MAX_SIDE = 2000;

/** An image's file name looks like one nbr can read. */
export const IMAGE_FILE = /\.(png|jpe?g|bmp|gif|tga|psd)$/i;

/** The QR text in an image, or undefined where none is found. Throws BAD_REQUEST for an unreadable file. */
export async function readQrFromImage(bytes: Uint8Array): Promise<string | undefined> {
  const read = await nodeZxing();
  if (Buffer.from(bytes.subarray(0, 8)).equals(PNG_SIGNATURE)) {
    let image: PNG;
    try {
      image = PNG.sync.read(Buffer.from(bytes));
    } catch (e) {
      throw new AppError('BAD_REQUEST', 'the image is not a readable PNG', undefined, { cause: e });
    }
    let frame: RgbaFrame = {
      data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
      width: image.width,
      height: image.height,
    };
    if (Math.max(frame.width, frame.height) > MAX_SIDE) {
      let gray = toGray(frame);
      while (Math.max(gray.width, gray.height) > MAX_SIDE) gray = halve(gray);
      frame = toRgba(gray);
    }
    return (await readFrame(read, frame))?.text;
  }
  return readEncodedImage(bytes);
}

/** As readQrFromImage, for nbr verify: no code is an error there. */
export async function decodeQrFromImage(bytes: Uint8Array): Promise<string> {
  const text = await readQrFromImage(bytes);
  if (text === undefined) throw new AppError('BAD_REQUEST', 'no QR code found in the image');
  return text;
}
