// Pixel work on camera frames before a decoding attempt: halving, cropping to the viewfinder, doubling,
// smoothing, contrast stretching and sharpening. Plain loops over typed arrays, no DOM, so the same code
// runs in a Web Worker and in Node. The work is done on grey levels (one byte a pixel: a quarter of the
// memory traffic of RGBA), computed once a frame; ZXing takes RGBA, so a view is widened back at the end,
// one 32-bit word a pixel.

/** A frame as a canvas gives it: RGBA, 4 bytes a pixel, rows top to bottom. */
export interface RgbaFrame {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** One grey byte a pixel. */
export interface GrayFrame {
  gray: Uint8Array;
  width: number;
  height: number;
}

/** Luma (ITU-R BT.601, integer weights as ZXing's) of every pixel. */
export function toGray(f: RgbaFrame): GrayFrame {
  const n = f.width * f.height;
  const words = new Uint32Array(f.data.buffer, f.data.byteOffset, n);
  const gray = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const w = words[i]!; // little-endian: R in the low byte
    gray[i] = (306 * (w & 255) + 601 * ((w >>> 8) & 255) + 117 * ((w >>> 16) & 255) + 512) >> 10;
  }
  return { gray, width: f.width, height: f.height };
}

/** Grey levels as RGBA (what ZXing reads), grey in all three channels. */
export function toRgba(f: GrayFrame): RgbaFrame {
  const data = new Uint8ClampedArray(f.gray.length * 4);
  const out = new Uint32Array(data.buffer);
  const g = f.gray;
  // Little-endian words: bytes R, G, B, A = v, v, v, 255. Every platform our code runs on is little-endian.
  for (let i = 0; i < g.length; i++) out[i] = 0xff000000 | (g[i]! * 0x010101);
  return { data, width: f.width, height: f.height };
}

/** The same as toRgba(), named for callers that start from grey pixels (tests, the corpus). */
export function fromGray(gray: Uint8Array, width: number, height: number): RgbaFrame {
  return toRgba({ gray, width, height });
}

/** Half the size on each axis, each pixel the mean of four: halves sensor noise and screen moire. */
export function halve(f: GrayFrame): GrayFrame {
  const w = f.width >> 1;
  const h = f.height >> 1;
  const out = new Uint8Array(w * h);
  const g = f.gray;
  for (let y = 0; y < h; y++) {
    let a = 2 * y * f.width;
    let b = a + f.width;
    let o = y * w;
    for (let x = 0; x < w; x++, a += 2, b += 2) out[o++] = (g[a]! + g[a + 1]! + g[b]! + g[b + 1]! + 2) >> 2;
  }
  return { gray: out, width: w, height: h };
}

/** The middle of the frame (where the viewfinder guides the code): fw and fh of each side. */
export function centre(f: GrayFrame, fw: number, fh: number): GrayFrame {
  const w = Math.round(f.width * fw);
  const h = Math.round(f.height * fh);
  const x0 = (f.width - w) >> 1;
  const y0 = (f.height - h) >> 1;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const from = (y0 + y) * f.width + x0;
    out.set(f.gray.subarray(from, from + w), y * w);
  }
  return { gray: out, width: w, height: h };
}

/**
 * Twice the size on each axis, bilinear (each new pixel 3/4 of its nearer and 1/4 of its farther
 * neighbour on each axis): gives the sampler room on codes whose modules are two or three pixels.
 */
export function double(f: GrayFrame): GrayFrame {
  const { width: sw, height: sh, gray: g } = f;
  const w = sw * 2;
  const out = new Uint8Array(w * sh * 2);
  // Widen each row first (into 16-bit sums times 4), then blend pairs of widened rows (times 16).
  const wide = new Uint16Array(w * sh);
  for (let y = 0; y < sh; y++) {
    const r = y * sw;
    const o = y * w;
    for (let x = 0; x < sw; x++) {
      const c = g[r + x]!;
      const left = g[r + (x > 0 ? x - 1 : 0)]!;
      const right = g[r + (x < sw - 1 ? x + 1 : x)]!;
      wide[o + 2 * x] = 3 * c + left;
      wide[o + 2 * x + 1] = 3 * c + right;
    }
  }
  for (let y = 0; y < sh; y++) {
    const c = y * w;
    const up = (y > 0 ? y - 1 : 0) * w;
    const down = (y < sh - 1 ? y + 1 : y) * w;
    const o0 = 2 * y * w;
    const o1 = o0 + w;
    for (let x = 0; x < w; x++) {
      const mid = 3 * wide[c + x]!;
      out[o0 + x] = (mid + wide[up + x]! + 8) >> 4;
      out[o1 + x] = (mid + wide[down + x]! + 8) >> 4;
    }
  }
  return { gray: out, width: w, height: sh * 2 };
}

/** Each pixel the mean of its 3x3 neighbourhood: a third of the sensor noise, the size unchanged. */
export function smooth(f: GrayFrame): GrayFrame {
  const { width: w, height: h, gray: g } = f;
  const out = new Uint8Array(g);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
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
      out[i] = ((sum + 4) * 7282) >> 16; // sum / 9, rounded: 7282 / 65536 ≈ 1/9
    }
  return { gray: out, width: w, height: h };
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
 * (4-neighbour) that steepens blurred module edges. Helps low-contrast, dim and out-of-focus frames.
 */
export function normalise(f: GrayFrame): GrayFrame {
  const { width: w, height: h, gray: g } = f;
  const hist = new Uint32Array(256);
  for (let i = 0; i < g.length; i++) hist[g[i]!]!++;
  const lo = percentile(hist, g.length / 100, 1);
  const hi = percentile(hist, g.length / 100, -1);
  const scale = 255 / Math.max(1, hi - lo);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round((v - lo) * scale)));
  const s = new Uint8Array(g.length);
  for (let i = 0; i < g.length; i++) s[i] = lut[g[i]!]!;
  const out = new Uint8Array(s);
  for (let y = 1; y < h - 1; y++)
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      // v + 1.5 (v - mean of the four neighbours), in integers.
      const v = s[i]!;
      const t = (5 * v - ((3 * (s[i - 1]! + s[i + 1]! + s[i - w]! + s[i + w]!)) >> 2)) >> 1;
      out[i] = t < 0 ? 0 : t > 255 ? 255 : t;
    }
  return { gray: out, width: w, height: h };
}
