// The face that goes into the signed document (issue 23): the approved portrait, cropped to the head by ICAO
// photo geometry, normalised, shrunk and encoded small enough that the passport's QR code stays readable.
// The one adapter over sharp (libvips): the rest of the registry sees bytes and a format code. The profile
// (size, grey, codec, quality) was chosen by measurement: bench/portrait.ts, docs/benchmarks.md.

import sharp, { type Sharp } from 'sharp';
import { MAX_PORTRAIT_BYTES, type PortraitFormatCode } from '../core/portrait.js';
import type { PortraitToSeal } from '../core/payload.js';

export interface SealProfile {
  codec: 'webp' | 'avif' | 'jpeg';
  width: number;
  height: number;
  grey: boolean;
  /** Starting quality; lowered in steps while the image is larger than maxBytes. */
  quality: number;
  /** The image's byte budget in the QR code. */
  maxBytes: number;
}

/** The registry's choice (docs/benchmarks.md, "The face in the seal"). */
export const SEAL_PROFILE: SealProfile = {
  codec: 'webp',
  width: 36,
  height: 48,
  grey: true,
  quality: 60,
  maxBytes: 500,
};

const CODES: Record<SealProfile['codec'], PortraitFormatCode> = { jpeg: 1, avif: 3, webp: 4 };

/** A clerk's upload is at most 2 MiB; no image it holds needs more pixels than this to decode. */
const INPUT = { failOn: 'error', limitInputPixels: 40_000_000 } as const;

/**
 * Where the head is in a passport photo, as fractions of its width and height. ICAO 9303 Part 3 and ISO/IEC
 * 19794-5 put the face centred, the chin-to-crown height at 70-80% of the photo's height and the top of the
 * head a few percent below its top edge: a 3:4 box over the central 84% of the height, from 3% down, holds
 * the head with a little hair and chin to spare. A clerk's adjusted box can replace it.
 */
export interface CropBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export function icaoCrop(imageWidth: number, imageHeight: number, aspect = 3 / 4): CropBox {
  let height = 0.84 * imageHeight;
  let width = height * aspect;
  if (width > imageWidth) {
    width = imageWidth;
    height = width / aspect;
  }
  const top = Math.min(0.03 * imageHeight, imageHeight - height);
  return {
    left: (imageWidth - width) / 2 / imageWidth,
    top: top / imageHeight,
    width: width / imageWidth,
    height: height / imageHeight,
  };
}

/**
 * The crop as the seal uses it, at the seal's size, unencoded (what the SSIM is measured against): one libvips
 * pipeline from the file (EXIF orientation, crop, resize, grey, histogram stretch), after a header read.
 */
export async function faceCrop(
  photo: Uint8Array,
  profile: Pick<SealProfile, 'width' | 'height' | 'grey'>,
  box?: CropBox,
): Promise<Sharp> {
  const meta = await sharp(photo, INPUT).metadata();
  // Orientations 5-8 turn the image a quarter: its upright width is the stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const w = (turned ? meta.height : meta.width) ?? 0;
  const h = (turned ? meta.width : meta.height) ?? 0;
  if (!w || !h) throw new RangeError('the portrait has no size');
  const b = box ?? icaoCrop(w, h, profile.width / profile.height);
  const region = {
    left: Math.max(0, Math.round(b.left * w)),
    top: Math.max(0, Math.round(b.top * h)),
    width: Math.min(w, Math.round(b.width * w)),
    height: Math.min(h, Math.round(b.height * h)),
  };
  let out = sharp(photo, INPUT)
    .rotate()
    .extract(region)
    .resize(profile.width, profile.height, { fit: 'fill', kernel: 'lanczos3' });
  if (profile.grey) out = out.greyscale();
  // Stretch the histogram: a dim webcam frame and a bright studio photo reach the seal alike.
  return out.normalise();
}

/** Encodes the face for the seal, lowering the quality until it fits the profile's byte budget. */
export async function sealFace(
  photo: Uint8Array,
  profile: SealProfile = SEAL_PROFILE,
  box?: CropBox,
): Promise<PortraitToSeal> {
  const pixels = await (await faceCrop(photo, profile, box)).raw().toBuffer({ resolveWithObject: true });
  const limit = Math.min(profile.maxBytes, MAX_PORTRAIT_BYTES);
  for (let quality = profile.quality; quality >= 5; quality -= 5) {
    const raw = sharp(pixels.data, {
      raw: { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels },
    });
    const encoded =
      profile.codec === 'webp'
        ? raw.webp({ quality, effort: 4 })
        : profile.codec === 'avif'
          ? raw.avif({ quality, effort: 4, chromaSubsampling: '4:2:0' })
          : raw.jpeg({ quality, mozjpeg: true });
    const image = new Uint8Array(await encoded.toBuffer());
    if (image.length <= limit) return { format: CODES[profile.codec], image };
  }
  throw new RangeError(`the face does not fit ${limit} bytes at any quality`);
}

/** What a seal would show of this photo: too dark or too flat to recognise anyone (upload checks). */
export async function portraitQuality(
  photo: Uint8Array,
): Promise<{ meanLuminance: number; contrast: number; width: number; height: number }> {
  const upright = await sharp(photo, INPUT).rotate().toBuffer({ resolveWithObject: true });
  const w = upright.info.width;
  const h = upright.info.height;
  const box = icaoCrop(w, h);
  const stats = await sharp(upright.data)
    .extract({
      left: Math.round(box.left * w),
      top: Math.round(box.top * h),
      width: Math.round(box.width * w),
      height: Math.round(box.height * h),
    })
    .greyscale()
    .stats();
  const channel = stats.channels[0]!;
  return { meanLuminance: channel.mean, contrast: channel.stdev, width: w, height: h };
}
