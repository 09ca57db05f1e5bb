// Pixel work on camera frames before a decoding attempt: halving, cropping to the viewfinder, doubling,
// contrast stretching and sharpening. Plain loops over typed arrays, no DOM, so the same code runs in a
// Web Worker and in Node. Frames stay RGBA (what canvases give and ZXing takes); pixels are written as
// one 32-bit word each, grey in all three channels.

/** A frame as a canvas gives it: RGBA, 4 bytes a pixel, rows top to bottom. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const OPAQUE = 0xff000000;
const grey = (v: number) => (OPAQUE | (v * 0x010101)) >>> 0;

function words(f: RgbaFrame): Uint32Array {
  return new Uint32Array(f.data.buffer, f.data.byteOffset, f.width * f.height);
}

function blank(width: number, height: number): { frame: RgbaFrame; out: Uint32Array } {
  const data = new Uint8ClampedArray(width * height * 4);
  return { frame: { data, width, height }, out: new Uint32Array(data.buffer) };
}

/** Luma (ITU-R BT.601, integer weights as ZXing's) of every pixel. */
export function luma(f: RgbaFrame): Uint8Array {
  const n = f.width * f.height;
  const d = f.data;
  const g = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4)
    g[i] = (306 * d[j]! + 601 * d[j + 1]! + 117 * d[j + 2]! + 512) >> 10;
  return g;
}

/** Grey levels (one byte a pixel) as an RGBA frame. */
export function fromGray(gray: Uint8Array, width: number, height: number): RgbaFrame {
  const { frame, out } = blank(width, height);
  for (let i = 0; i < gray.length; i++) out[i] = grey(gray[i]!);
  return frame;
}

/** Half the size on each axis, each pixel the mean of four: halves sensor noise and screen moire. */
export function halve(f: RgbaFrame): RgbaFrame {
  const w = f.width >> 1;
  const h = f.height >> 1;
  const { frame, out } = blank(w, h);
  const g = luma(f);
  for (let y = 0; y < h; y++) {
    const r0 = 2 * y * f.width;
    const r1 = r0 + f.width;
    for (let x = 0, c = 0; x < w; x++, c += 2)
      out[y * w + x] = grey((g[r0 + c]! + g[r0 + c + 1]! + g[r1 + c]! + g[r1 + c + 1]! + 2) >> 2);
  }
  return frame;
}

/** The middle of the frame (where the viewfinder guides the code): fw and fh of each side. */
export function centre(f: RgbaFrame, fw: number, fh: number): RgbaFrame {
  const w = Math.round(f.width * fw);
  const h = Math.round(f.height * fh);
  const x0 = (f.width - w) >> 1;
  const y0 = (f.height - h) >> 1;
  const src = words(f);
  const { frame, out } = blank(w, h);
  for (let y = 0; y < h; y++)
    out.set(src.subarray((y0 + y) * f.width + x0, (y0 + y) * f.width + x0 + w), y * w);
  return frame;
}

/** Twice the size on each axis, bilinear: gives the sampler room on codes whose modules are 2-3 pixels. */
export function double(f: RgbaFrame): RgbaFrame {
  const sw = f.width;
  const sh = f.height;
  const g = luma(f);
  const w = sw * 2;
  const h = sh * 2;
  const { frame, out } = blank(w, h);
  // Output pixel 2x+k samples source x + (k - 0.5) / 2: weights 3/4 and 1/4 of the two neighbours.
  for (let y = 0; y < h; y++) {
    const sy = (y - 0.5) / 2;
    const y0 = Math.max(0, Math.floor(sy));
    const y1 = Math.min(sh - 1, y0 + 1);
    const fy = Math.min(1, Math.max(0, sy - y0));
    for (let x = 0; x < w; x++) {
      const sx = (x - 0.5) / 2;
      const x0 = Math.max(0, Math.floor(sx));
      const x1 = Math.min(sw - 1, x0 + 1);
      const fx = Math.min(1, Math.max(0, sx - x0));
      const top = g[y0 * sw + x0]! + (g[y0 * sw + x1]! - g[y0 * sw + x0]!) * fx;
      const bottom = g[y1 * sw + x0]! + (g[y1 * sw + x1]! - g[y1 * sw + x0]!) * fx;
      out[y * w + x] = grey((top + (bottom - top) * fy + 0.5) | 0);
    }
  }
  return frame;
}

/** The first grey level (from black, step 1, or from white, step -1) with more than `count` pixels up to it. */
function percentile(hist: Uint32Array, count: number, step: 1 | -1): number {
  let v = step === 1 ? 0 : 255;
  let acc = hist[v]!;
  while (acc < count && v + step >= 0 && v + step <= 255) {
    v += step;
    acc += hist[v]!;
  }
  return v;
}

/**
 * Contrast stretched so that the 1st and 99th percentiles become black and white, then an unsharp mask
 * (3x3 box) that steepens blurred module edges. Helps low-contrast, dim and out-of-focus frames.
 */
export function normalise(f: RgbaFrame): RgbaFrame {
  const { width: w, height: h } = f;
  const g = luma(f);
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.length; i++) hist[g[i]!]!++;
  const lo = percentile(hist, g.length / 100, 1);
  const hi = percentile(hist, g.length / 100, -1);
  const scale = 255 / Math.max(1, hi - lo);
  const { frame, out } = blank(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = g[i]!;
      let s = v;
      if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
        const sum =
          g[i - w - 1]! +
          g[i - w]! +
          g[i - w + 1]! +
          g[i - 1]! +
          v +
          g[i + 1]! +
          g[i + w - 1]! +
          g[i + w]! +
          g[i + w + 1]!;
        s = v + 1.5 * (v - sum / 9);
      }
      const t = (s - lo) * scale;
      out[i] = grey(t < 0 ? 0 : t > 255 ? 255 : t | 0);
    }
  return frame;
}

/** Each pixel the mean of its 3x3 neighbourhood: a third of the sensor noise, the size unchanged. */
export function smooth(f: RgbaFrame): RgbaFrame {
  const { width: w, height: h } = f;
  const g = luma(f);
  const { frame, out } = blank(w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) {
        out[i] = grey(g[i]!);
        continue;
      }
      const sum =
        g[i - w - 1]! +
        g[i - w]! +
        g[i - w + 1]! +
        g[i - 1]! +
        g[i]! +
        g[i + 1]! +
        g[i + w - 1]! +
        g[i + w]! +
        g[i + w + 1]!;
      out[i] = grey(((sum + 4) / 9) | 0);
    }
  return frame;
}
