// The holder's face sealed into the signed document (issue 23, docs/qr-format.md section "Portrait"): a small
// image inside the CWT's document claim, named by a format code as MOSIP's Claim 169 names its face image
// (1 JPEG, 2 JPEG 2000, 3 AVIF, 4 WebP), so that the signature, the log entry and the revocation list cover
// the face as they cover the name. Pure: the verifier checks the image's shape here (declared format, magic
// bytes, size); decoding it is the display's job (a browser's <img>, or the CLI writing the file).

import { toBase64 } from './bytes.js';

export const PORTRAIT_FORMATS = {
  1: { name: 'jpeg', mediaType: 'image/jpeg' },
  2: { name: 'jp2', mediaType: 'image/jp2' },
  3: { name: 'avif', mediaType: 'image/avif' },
  4: { name: 'webp', mediaType: 'image/webp' },
} as const;

export type PortraitFormatCode = keyof typeof PORTRAIT_FORMATS;

/** A sealed portrait as a verifier returns it: the image in base64 (RFC 4648 section 4), ready for JSON. */
export interface SealedPortrait {
  format: (typeof PORTRAIT_FORMATS)[PortraitFormatCode]['name'];
  mediaType: (typeof PORTRAIT_FORMATS)[PortraitFormatCode]['mediaType'];
  /** The image bytes, base64 (with padding). */
  data: string;
}

/** The most image bytes a document may carry: a QR code must stay readable (docs/qr-format.md). */
export const MAX_PORTRAIT_BYTES = 2048;

const startsWith = (b: Uint8Array, prefix: number[], at = 0) => prefix.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Does the image start as its declared format must? (Display code sniffs; a signer must not mislabel.) */
function looksLike(code: PortraitFormatCode, b: Uint8Array): boolean {
  switch (code) {
    case 1:
      return startsWith(b, [0xff, 0xd8, 0xff]);
    case 2:
      return (
        startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) ||
        startsWith(b, [0xff, 0x4f, 0xff, 0x51])
      );
    case 3:
      return (
        startsWith(b, ascii('ftyp'), 4) &&
        (startsWith(b, ascii('avif'), 8) || startsWith(b, ascii('avis'), 8))
      );
    case 4:
      return startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8);
  }
}

/** Checks a portrait as signed: @returns the problem, or undefined when it is well formed. */
export function portraitProblem(code: number, image: Uint8Array): string | undefined {
  if (!(code in PORTRAIT_FORMATS)) return `unknown portrait format ${code}`;
  if (image.length === 0 || image.length > MAX_PORTRAIT_BYTES)
    return `portrait of ${image.length} bytes (at most ${MAX_PORTRAIT_BYTES})`;
  if (!looksLike(code as PortraitFormatCode, image)) return 'portrait bytes do not match their format';
  return undefined;
}

export function sealedPortrait(code: PortraitFormatCode, image: Uint8Array): SealedPortrait {
  const f = PORTRAIT_FORMATS[code];
  return { format: f.name, mediaType: f.mediaType, data: toBase64(image) };
}

/** The format code of a media type (for the signer), or undefined. */
export function portraitFormatCode(mediaType: string): PortraitFormatCode | undefined {
  for (const [code, f] of Object.entries(PORTRAIT_FORMATS))
    if (f.mediaType === mediaType) return Number(code) as PortraitFormatCode;
  return undefined;
}
