// Structural similarity (Wang, Bovik, Sheikh and Simoncelli, IEEE TIP 13(4), 2004) of two grey images of one
// size, over 8 x 8 windows with stride 4 and the paper's constants (K1 0.01, K2 0.03, L 255). How faithfully
// the sealed face keeps the crop it was made from (bench/portrait.ts), and how unlike two people's seals are
// (test/registry/portrait.test.ts). 1 is identical; unrelated faces score well below.

export function ssim(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  if (a.length !== width * height || b.length !== width * height) throw new RangeError('size mismatch');
  const C1 = (0.01 * 255) ** 2;
  const C2 = (0.03 * 255) ** 2;
  const W = 8;
  let total = 0;
  let windows = 0;
  for (let y = 0; y + W <= height; y += 4)
    for (let x = 0; x + W <= width; x += 4) {
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      for (let j = 0; j < W; j++)
        for (let i = 0; i < W; i++) {
          const p = a[(y + j) * width + x + i]!;
          const q = b[(y + j) * width + x + i]!;
          sa += p;
          sb += q;
          saa += p * p;
          sbb += q * q;
          sab += p * q;
        }
      const n = W * W;
      const ma = sa / n;
      const mb = sb / n;
      const va = saa / n - ma * ma;
      const vb = sbb / n - mb * mb;
      const cov = sab / n - ma * mb;
      total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
      windows++;
    }
  return total / windows;
}
