// Which face to seal (issue 23), by measurement: for each candidate (codec x size x grey or colour, at the
// quality that fits its byte budget), the bytes of the face, the base45 length and QR version of a passport
// carrying it at M and Q, how faithful the face is (SSIM of the decoded seal against the crop it was made
// from, in grey), and how well the whole code scans: frames of bench/scan-corpus.ts's degradations read by
// the page's decoder (ZXing over src/qr/scan.ts's views: first view, as the camera loop; all views, as a photo)
// against today's passport without a face (version 11 at M) on the same frames, and the p95 time of one view on
// a 1280x720 frame. Writes a contact sheet of every candidate, enlarged, to docs/portrait-candidates.png.
//
// Usage: npx tsx bench/portrait.ts [framesPerClass=6] [seed=2026] [faces=test/fixtures/faces/holder.jpg,...]
// The faces: test/fixtures/faces/ (from Debian's python3-skimage; scikit-image's public-domain images).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { DocumentTypeRegistry } from '../src/core/document-types.js';
import { signDocument } from '../src/core/sign-document.js';
import { generateEd25519, nodeSigner } from '../src/crypto/ed25519-node.js';
import { faceCrop, type SealProfile, SEAL_PROFILE, sealFace } from '../src/imaging/seal-face.js';
import { ssim } from '../src/imaging/ssim.js';
import { fromGray } from '../src/qr/frames.js';
import { qrVersion } from '../src/qr/render.js';
import { readView, viewsFor } from '../src/qr/scan.js';
import { nodeZxing } from '../src/qr/zxing-node.js';
import { corpus } from './scan-corpus.js';

const perClass = Number(process.argv[2] ?? 6);
const seed = Number(process.argv[3] ?? 2026);
const faces = (process.argv[4] ?? 'test/fixtures/faces/holder.jpg,test/fixtures/faces/impostor.jpg').split(
  ',',
);
const ROOT = join(import.meta.dirname, '..');
const registry = new DocumentTypeRegistry();
const signer = nodeSigner(generateEd25519().seed);

const FIELDS = {
  number: 'PA7K3QX2M',
  surname: 'Уладзімірава-Ёрш',
  givenNames: 'Мар’яна Уладзіслава',
  surnameLatin: 'ULADZIMIRAVA-IORSH',
  givenNamesLatin: 'MARIANA ULADZISLAVA',
  birthDate: '1988-07-03',
  sex: 'F',
  issueDate: '2026-12-03',
  expiryDate: '2036-12-02',
};

async function passportText(portrait?: Awaited<ReturnType<typeof sealFace>>): Promise<string> {
  const signed = await signDocument(
    {
      type: 'passport',
      office: 'PL-WAW',
      issuedAt: 1_796_000_000,
      statusIndex: 104_729,
      logIndex: 999_999,
      fields: FIELDS,
      ...(portrait ? { portrait } : {}),
    },
    signer,
    registry,
  );
  return signed.qrText;
}

interface Candidate extends SealProfile {
  name: string;
}
const candidates: Candidate[] = [];
for (const codec of ['webp', 'avif', 'jpeg'] as const)
  for (const [width, height] of [
    [36, 48],
    [48, 64],
  ] as const)
    for (const grey of [true, false]) {
      // The byte budget: what keeps the code under ~1,800 base45 characters with room for long names.
      const maxBytes = width === 36 ? 500 : 700;
      candidates.push({
        name: `${codec} ${width}x${height} ${grey ? 'grey' : 'colour'}`,
        codec,
        width,
        height,
        grey,
        quality: 60,
        maxBytes,
      });
    }

const read = await nodeZxing();
const W = 1280;
const H = 720;

/** Scans the corpus's frames of one text: first-view and all-views success, and one view's times. */
async function scan(text: string): Promise<{ first: number; all: number; frames: number; times: number[] }> {
  let first = 0;
  let all = 0;
  let frames = 0;
  const times: number[] = [];
  for (const f of corpus({ texts: [text], width: W, height: H, perClass, seed })) {
    frames++;
    const frame = fromGray(f.gray, W, H);
    for (const [k, view] of viewsFor(W, H).entries()) {
      const start = performance.now();
      const got = await readView(read, frame, view);
      times.push(performance.now() - start);
      if (got === f.text) {
        all++;
        if (k === 0) first++;
        break;
      }
      if (got !== undefined) break;
    }
  }
  return { first, all, frames, times };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.95 * (xs.length - 1))]!;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}%`;

const baselineText = await passportText();
const baseline = await scan(baselineText);
console.log(
  `baseline: passport without a face, ${baselineText.length} characters, version ${qrVersion(baselineText)} at M: ` +
    `first view ${pct(baseline.first, baseline.frames)}, all views ${pct(baseline.all, baseline.frames)} ` +
    `of ${baseline.frames} frames (${W}x${H}, ${perClass} per degradation, seed ${seed}); one view p95 ` +
    `${p95(baseline.times).toFixed(1)} ms\n`,
);
console.log(
  '| candidate | face bytes | base45 chars | QR version M / Q | SSIM (mean of faces) | first view | all views | ' +
    'all views vs baseline | one view p95 |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const sheet: { input: Buffer; left: number; top: number }[] = [];
for (const [row, c] of candidates.entries()) {
  let bytes = 0;
  let score = 0;
  let first: Awaited<ReturnType<typeof sealFace>> | undefined;
  for (const [col, file] of faces.entries()) {
    const photo = readFileSync(join(ROOT, file));
    const sealed = await sealFace(photo, c);
    first ??= sealed;
    bytes = Math.max(bytes, sealed.image.length);
    const crop = await (await faceCrop(photo, { ...c, grey: true })).raw().toBuffer();
    const back = await sharp(sealed.image).greyscale().raw().toBuffer();
    score += ssim(new Uint8Array(back), new Uint8Array(crop), c.width, c.height) / faces.length;
    sheet.push({
      input: await sharp(sealed.image).resize(144, 192, { kernel: 'nearest' }).png().toBuffer(),
      left: col * 150,
      top: row * 198,
    });
  }
  const text = await passportText(first);
  const s = await scan(text);
  console.log(
    `| ${c.name}${c.codec === SEAL_PROFILE.codec && c.width === SEAL_PROFILE.width && c.grey === SEAL_PROFILE.grey ? ' (chosen)' : ''} ` +
      `| ${bytes} | ${text.length} | ${qrVersion(text)} / ${qrVersion(text, 'Q')} | ${score.toFixed(3)} ` +
      `| ${pct(s.first, s.frames)} | ${pct(s.all, s.frames)} | ${(s.all / baseline.all).toFixed(2)} ` +
      `| ${p95(s.times).toFixed(1)} ms |`,
  );
}
if (process.argv[5] !== 'no-sheet')
  await sharp({
    create: { width: faces.length * 150, height: candidates.length * 198, channels: 3, background: '#fff' },
  })
    .composite(sheet)
    .png()
    .toFile(join(ROOT, 'docs', 'portrait-candidates.png'));
console.log(`\nrows in docs/portrait-candidates.png: ${candidates.map((c) => c.name).join('; ')}`);
