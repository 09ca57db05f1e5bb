// The old decoder (jsQR on the whole frame, both polarities, as the page used it) against the new one
// (ZXing-C++ through zxing-wasm over the views of src/qr/scan.ts) on bench/scan-corpus.ts's degraded
// frames, at 640x480 and 1280x720. Per degradation: frames read with the right text (and any wrong text);
// time per frame: jsQR's, one view's (what the camera loop spends on a frame), all views' (a photo).
// Usage: npx tsx bench/scan.ts [framesPerClass=20] [seed=2026]

import { performance } from 'node:perf_hooks';
import { jsQR } from '../src/qr/jsqr.js';
import { readView, viewsFor } from '../src/qr/scan.js';
import { nodeZxing } from '../src/qr/zxing-node.js';
import { fromGray } from '../src/qr/frames.js';
import { documentVectors } from '../test/helpers/vectors.js';
import { corpus, DEGRADATIONS, type Degradation } from './scan-corpus.js';

const perClass = Number(process.argv[2] ?? 20);
const seed = Number(process.argv[3] ?? 2026);
const read = await nodeZxing();
// Our real codes: every genuine document vector (QR versions 11 to 13, error correction M).
const texts = documentVectors()
  .filter((v) => v.expected.valid)
  .map((v) => v.qr);

interface Tally {
  frames: number;
  jsqr: number;
  zxingWhole: number;
  zxingFirst: number;
  cascade: number;
  wrong: number;
}

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (x: number) => x.toFixed(1);

for (const [width, height] of [
  [640, 480],
  [1280, 720],
] as const) {
  const tally = new Map<Degradation, Tally>(
    DEGRADATIONS.map((d) => [d, { frames: 0, jsqr: 0, zxingWhole: 0, zxingFirst: 0, cascade: 0, wrong: 0 }]),
  );
  const tJs: number[] = [];
  const tView: number[] = [];
  const tAll: number[] = [];
  for (const f of corpus({ texts, width, height, perClass, seed })) {
    const t = tally.get(f.degradation)!;
    t.frames++;
    const frame = fromGray(f.gray, width, height);
    let start = performance.now();
    const old = jsQR(frame.data, width, height, { inversionAttempts: 'attemptBoth' });
    tJs.push(performance.now() - start);
    if (old?.data === f.text) t.jsqr++;
    else if (old) t.wrong++;
    // ZXing alone, on the whole frame with its default options: what the views add is measured against it.
    const whole = await read(frame, {});
    if (whole[0] === f.text) t.zxingWhole++;
    let all = 0;
    for (const [k, view] of viewsFor(width, height).entries()) {
      start = performance.now();
      const text = await readView(read, frame, view);
      const spent = performance.now() - start;
      tView.push(spent);
      all += spent;
      if (text === undefined) continue;
      if (text !== f.text) t.wrong++;
      else {
        t.cascade++;
        if (k === 0) t.zxingFirst++;
      }
      break;
    }
    tAll.push(all);
  }
  const sum = { frames: 0, jsqr: 0, zxingWhole: 0, zxingFirst: 0, cascade: 0, wrong: 0 };
  console.log(`\n${width}x${height}, ${perClass} frames per class, seed ${seed}\n`);
  console.log('| degradation | frames | jsQR | ZXing, whole frame | first view | all views | wrong text |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const [d, t] of tally) {
    for (const k of Object.keys(sum) as (keyof Tally)[]) sum[k] += t[k];
    const cells = [t.jsqr, t.zxingWhole, t.zxingFirst, t.cascade].map((x) => pct(x, t.frames));
    console.log(`| ${d} | ${t.frames} | ${cells.join(' | ')} | ${t.wrong} |`);
  }
  const totals = [sum.jsqr, sum.zxingWhole, sum.zxingFirst, sum.cascade].map((x) => pct(x, sum.frames));
  console.log(
    `| **all** | ${sum.frames} | **${totals[0]}** | ${totals[1]} | ${totals[2]} | **${totals[3]}** | ${sum.wrong} |`,
  );
  console.log('\n| ms per frame | median | p95 | max |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, xs] of [
    ['jsQR', tJs],
    ['one view (camera loop)', tView],
    ['all views until read (photo)', tAll],
  ] as const)
    console.log(
      `| ${name} | ${ms(quantile(xs, 0.5))} | ${ms(quantile(xs, 0.95))} | ${ms(Math.max(...xs))} |`,
    );
}
