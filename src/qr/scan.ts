// Reading a QR code from a camera frame or a photo: ZXing-C++ (zxing-wasm) over a short cascade of views
// of the frame, as scanner apps do. The first view is the cheapest and reads most frames; each later one
// answers a failure the earlier ones cannot (fine detail, low contrast, blur, far-away codes).
//
// The camera loop tries one view per frame, in turn (a steady hand gives near-identical frames, so a
// code the second view reads is read on the next frame); a photo or the CLI tries them all at once.
// The decoder is passed in (ZXing's readBarcodes in Node, in a worker, or the native BarcodeDetector).

import {
  centre,
  double,
  type GrayFrame,
  halve,
  normalise,
  type RgbaFrame,
  smooth,
  toGray,
  toRgba,
} from './frames.js';

/** ZXing reader options this module sets (a subset of zxing-wasm's ReaderOptions). */
export interface ViewOptions {
  tryHarder?: boolean;
  tryDownscale?: boolean;
  tryInvert?: boolean;
  tryRotate?: boolean;
}

/** One decoding attempt: the QR texts found in a frame (ZXing checks Reed-Solomon; nothing unchecked). */
export type ReadQr = (frame: RgbaFrame, options: ViewOptions) => Promise<string[]>;

export interface View {
  name: string;
  /** The view's pixels from the frame's grey levels; undefined: the frame as it is. */
  prepare?: (frame: GrayFrame) => GrayFrame;
  options: ViewOptions;
}

// Camera frames above this many pixels (1280x720 and up) are first read halved; smaller ones whole.
const LARGE = 640 * 480 * 2;

/** Views of a large frame, in order of cost and of how many frames each reads (bench/scan.ts). */
const LARGE_VIEWS: readonly View[] = [
  // Halved: a quarter of the pixels, and averaging halves sensor noise and screen moire.
  // (Halving is ZXing's own downscaling, done once and better: no second downscaled pass.)
  { name: 'half', prepare: halve, options: { tryDownscale: false } },
  // The viewfinder at full resolution: small or distant codes, whose modules halving would merge.
  { name: 'centre', prepare: (f) => centre(f, 0.7, 0.85), options: { tryHarder: false } },
  // Stretched and sharpened: low contrast, shadow and blur.
  { name: 'contrast', prepare: (f) => normalise(halve(f)), options: { tryDownscale: false } },
  // The middle, doubled: codes whose modules are two or three pixels.
  {
    name: 'zoom',
    prepare: (f) => double(centre(f, 0.35, 0.45)),
    options: { tryHarder: false, tryDownscale: false },
  },
];

/** Views of a small frame (640x480, a photo already scaled down): whole first, then the same rescues. */
const SMALL_VIEWS: readonly View[] = [
  { name: 'whole', options: {} },
  // Averaged over 3x3: a third of the sensor noise (what halving does for large frames).
  { name: 'smooth', prepare: smooth, options: {} },
  { name: 'contrast', prepare: normalise, options: {} },
  { name: 'zoom', prepare: (f) => double(centre(f, 0.5, 0.6)), options: { tryDownscale: false } },
];

export function viewsFor(width: number, height: number): readonly View[] {
  return width * height > LARGE ? LARGE_VIEWS : SMALL_VIEWS;
}

// Rotation only matters to linear barcodes: a QR detector finds its finder patterns at any angle.
const BASE: ViewOptions = { tryRotate: false };

// A frame's grey levels, computed once however many views are taken of it.
const grays = new WeakMap<RgbaFrame, GrayFrame>();

function grayOf(frame: RgbaFrame): GrayFrame {
  let g = grays.get(frame);
  if (!g) {
    g = toGray(frame);
    grays.set(frame, g);
  }
  return g;
}

/** One view of a frame. */
export async function readView(read: ReadQr, frame: RgbaFrame, view: View): Promise<string | undefined> {
  const pixels = view.prepare ? toRgba(view.prepare(grayOf(frame))) : frame;
  const texts = await read(pixels, { ...BASE, ...view.options });
  return texts[0];
}

/** Every view in turn until one reads a code (photos, the CLI). */
export async function readFrame(
  read: ReadQr,
  frame: RgbaFrame,
): Promise<{ text: string; view: string } | undefined> {
  for (const view of viewsFor(frame.width, frame.height)) {
    const text = await readView(read, frame, view);
    if (text !== undefined) return { text, view: view.name };
  }
  return undefined;
}
