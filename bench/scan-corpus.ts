// Synthetic camera frames of our printed QR codes, for comparing decoders (bench/scan.ts) and for the
// verifier page's fake-camera test. Deterministic: the same seed gives the same frames, byte for byte.
//
// Each frame is a code printed on paper (ink on a light page, on a darker desk) seen by a camera: placed
// and rotated at random, then degraded by one class of damage that phone cameras really produce. The
// severity ranges are those of hand-held phones at a border desk: nothing here is tuned to one decoder.

import QRCode from 'qrcode';

export const DEGRADATIONS = [
  'clean',
  'blur',
  'tilt',
  'noise',
  'lowContrast',
  'glare',
  'shadow',
  'small',
  'inverted',
  'screen',
] as const;
export type Degradation = (typeof DEGRADATIONS)[number];

export interface Frame {
  degradation: Degradation;
  text: string;
  width: number;
  height: number;
  /** Grey levels, one byte a pixel. */
  gray: Uint8Array;
}

/** mulberry32: small, fast and good enough for picking severities. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

function gauss(rng: Rng): number {
  // Box-Muller; 1 - rng() keeps log() away from 0.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

type Quad = [number, number, number, number, number, number, number, number];
type Matrix3 = [number, number, number, number, number, number, number, number, number];

/** The homography taking the unit square's corners (0,0),(1,0),(1,1),(0,1) to quad (8 numbers). */
function squareToQuad(q: number[]): number[] {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = q as Quad;
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dx3 = x0 - x1 + x2 - x3;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const dy3 = y0 - y1 + y2 - y3;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (dx3 * dy2 - dx2 * dy3) / den;
  const h = (dx1 * dy3 - dx3 * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as Matrix3;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

/** A separable Gaussian blur of the given sigma (pixels), edges clamped. */
function blur(img: Float32Array, w: number, h: number, sigma: number): void {
  if (sigma < 0.2) return;
  const r = Math.ceil(3 * sigma);
  const k = new Float32Array(2 * r + 1);
  let total = 0;
  for (let i = -r; i <= r; i++) total += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i]! /= total;
  const tmp = new Float32Array(img.length);
  convolve(img, tmp, w, h, k, 1, w);
  convolve(tmp, img, h, w, k, w, 1);
}

/** Along rows (step 1, stride w) or along columns (step w, stride 1). */
function convolve(
  src: Float32Array,
  dst: Float32Array,
  n: number,
  lines: number,
  k: Float32Array,
  step: number,
  stride: number,
): void {
  const r = (k.length - 1) / 2;
  for (let l = 0; l < lines; l++) {
    const base = l * stride;
    for (let x = 0; x < n; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++)
        acc += k[i + r]! * src[base + Math.min(n - 1, Math.max(0, x + i)) * step]!;
      dst[base + x * step] = acc;
    }
  }
}

interface Scene {
  /** Module size in pixels. */
  module: number;
  rotation: number;
  /** How much narrower the far edge is (1 = seen face on). */
  keystone: number;
  ink: number;
  paper: number;
}

function sceneFor(d: Degradation, rng: Rng, h: number, modules: number): Scene {
  const moduleFor = (fraction: number) => (h * fraction) / (modules + 8);
  const base: Scene = {
    module: moduleFor(between(rng, 0.45, 0.8)),
    rotation: between(rng, -0.35, 0.35),
    keystone: between(rng, 0.9, 1),
    ink: between(rng, 20, 55),
    paper: between(rng, 205, 240),
  };
  if (d === 'tilt') return { ...base, rotation: between(rng, -0.8, 0.8), keystone: between(rng, 0.6, 0.75) };
  if (d === 'small') return { ...base, module: between(rng, 2, 3) };
  if (d === 'lowContrast') {
    const mid = between(rng, 110, 170);
    const gap = between(rng, 18, 35);
    return { ...base, ink: mid - gap / 2, paper: mid + gap / 2 };
  }
  if (d === 'inverted') return { ...base, ink: base.paper, paper: base.ink };
  return base;
}

/** One frame of `text` with one degradation. */
export function renderFrame(text: string, d: Degradation, width: number, height: number, rng: Rng): Frame {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const bits = qr.modules.data;
  const s = sceneFor(d, rng, height, n);
  const side = s.module * (n + 8);
  const cx = width / 2 + between(rng, -0.15, 0.15) * width;
  const cy = height / 2 + between(rng, -0.1, 0.1) * height;
  // Corners of the printed square (quiet zone included), rotated, far edge shortened for perspective.
  const half = side / 2;
  const corners = [
    [-half * s.keystone, -half],
    [half * s.keystone, -half],
    [half, half],
    [-half, half],
  ].flatMap(([x, y]) => [
    cx + x! * Math.cos(s.rotation) - y! * Math.sin(s.rotation),
    cy + x! * Math.sin(s.rotation) + y! * Math.cos(s.rotation),
  ]);
  const inv = invert3(squareToQuad(corners));
  const desk = between(rng, 60, 120);
  const img = new Float32Array(width * height);
  // Two samples a pixel on each axis, so module edges are anti-aliased as a lens would.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (const [ox, oy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const px = x + ox;
        const py = y + oy;
        const w = inv[6]! * px + inv[7]! * py + inv[8]!;
        const u = (inv[0]! * px + inv[1]! * py + inv[2]!) / w;
        const v = (inv[3]! * px + inv[4]! * py + inv[5]!) / w;
        // The page reaches well beyond the code's quiet zone.
        if (u < -0.35 || u > 1.35 || v < -0.35 || v > 1.35) {
          acc += d === 'inverted' ? s.paper : desk;
          continue;
        }
        const mx = Math.floor(u * (n + 8)) - 4;
        const my = Math.floor(v * (n + 8)) - 4;
        const dark = mx >= 0 && my >= 0 && mx < n && my < n && bits[my * n + mx] === 1;
        acc += dark ? s.ink : s.paper;
      }
      img[y * width + x] = acc / 4;
    }
  }
  degrade(img, width, height, d, s, rng, cx, cy, side);
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < img.length; i++) gray[i] = Math.max(0, Math.min(255, Math.round(img[i]!)));
  return { degradation: d, text, width, height, gray };
}

function degrade(
  img: Float32Array,
  w: number,
  h: number,
  d: Degradation,
  s: Scene,
  rng: Rng,
  cx: number,
  cy: number,
  side: number,
): void {
  // Every camera frame: a little optical blur and sensor noise.
  let sigma = between(rng, 0.3, 0.7);
  let noise = between(rng, 2, 5);
  if (d === 'blur') sigma = s.module * between(rng, 0.3, 0.55);
  if (d === 'noise') noise = between(rng, 25, 45);
  if (d === 'glare') {
    // A specular highlight: a bright blob that washes part of the code out.
    const gx = cx + between(rng, -0.3, 0.3) * side;
    const gy = cy + between(rng, -0.3, 0.3) * side;
    const r = side * between(rng, 0.12, 0.22);
    const amp = between(rng, 150, 230);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const q = ((x - gx) ** 2 + (y - gy) ** 2) / (r * r);
        if (q < 9) img[y * w + x]! += amp * Math.exp(-q);
      }
  }
  if (d === 'shadow') {
    // A hand or phone casting a soft-edged shadow across the code.
    const angle = between(rng, 0, 2 * Math.PI);
    const offset = between(rng, -0.25, 0.25) * side;
    const depth = between(rng, 0.35, 0.55);
    const soft = side * between(rng, 0.02, 0.08);
    const [nx, ny] = [Math.cos(angle), Math.sin(angle)];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const dist = (x - cx) * nx + (y - cy) * ny - offset;
        const t = 1 / (1 + Math.exp(-dist / soft));
        img[y * w + x]! *= 1 - (1 - depth) * t;
      }
  }
  if (d === 'screen') {
    // A code photographed off a phone or monitor: the pixel grid and its moire, dimmer and less contrasted.
    const period = between(rng, 2.2, 3.6);
    const angle = between(rng, -0.2, 0.2);
    const beat = between(rng, 0.01, 0.03);
    const [ca, sa] = [Math.cos(angle), Math.sin(angle)];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const u = (x * ca + y * sa) / period;
        const v = (-x * sa + y * ca) / period;
        const grid = 0.72 + 0.28 * Math.abs(Math.sin(Math.PI * u) * Math.sin(Math.PI * v));
        const moire = 0.85 + 0.15 * Math.sin(2 * Math.PI * beat * (x + 0.7 * y));
        img[y * w + x] = 30 + 0.7 * img[y * w + x]! * grid * moire;
      }
    sigma = Math.max(sigma, 0.8);
  }
  blur(img, w, h, sigma);
  for (let i = 0; i < img.length; i++) img[i]! += noise * gauss(rng);
}

export interface CorpusOptions {
  texts: string[];
  width: number;
  height: number;
  perClass: number;
  seed: number;
  classes?: readonly Degradation[];
}

/** perClass frames of every degradation, texts taken in turn. */
export function* corpus(o: CorpusOptions): Generator<Frame> {
  const rng = prng(o.seed);
  let k = 0;
  for (const d of o.classes ?? DEGRADATIONS)
    for (let i = 0; i < o.perClass; i++)
      yield renderFrame(o.texts[k++ % o.texts.length]!, d, o.width, o.height, rng);
}

/** Grey to RGBA, as a camera frame reaches a decoder through a canvas. */
export function toRgba(f: Frame): Uint8ClampedArray {
  const out = new Uint8ClampedArray(f.width * f.height * 4);
  for (let i = 0; i < f.gray.length; i++) {
    const g = f.gray[i]!;
    out[i * 4] = g;
    out[i * 4 + 1] = g;
    out[i * 4 + 2] = g;
    out[i * 4 + 3] = 255;
  }
  return out;
}
