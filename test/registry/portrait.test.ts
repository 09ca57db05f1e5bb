// The face in the seal (issue 23): a passport carries its holder's approved face inside the signed code, the
// verifier returns it, and it is the holder's, not anyone else's; one byte changed in it and the document is
// not VALID.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64 } from '../../src/core/bytes.js';
import { fromQrText, toQrText } from '../../src/core/qr-text.js';
import { faceCrop, SEAL_PROFILE } from '../../src/imaging/seal-face.js';
import { ssim } from '../../src/imaging/ssim.js';
import { issuePassportTo } from '../helpers/issue-passport.js';
import { api, NAVITSKAYA, registryOn, testDialects, tokenFor } from '../helpers/registry.js';

const dialects = await testDialects('the portrait tests');
const HOLDER = readFileSync('test/fixtures/faces/holder.jpg');
const IMPOSTOR = readFileSync('test/fixtures/faces/impostor.jpg');

/** Grey pixels of an image at the seal's size. */
async function grey(image: Uint8Array): Promise<Uint8Array> {
  const { data } = await sharp(image)
    .resize(SEAL_PROFILE.width, SEAL_PROFILE.height, { fit: 'fill' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data);
}
const cropOf = async (photo: Uint8Array) =>
  grey(await (await faceCrop(photo, SEAL_PROFILE)).png().toBuffer());

describe.each(dialects)('the face in the seal on %s', (_name, kind) => {
  let r: Awaited<ReturnType<typeof registryOn>>;
  let qrText: string;
  beforeAll(async () => {
    r = await registryOn(kind);
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const holder = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    const put = await clerk('PUT', `/api/v1/applicants/${holder.id}/photo`, new Uint8Array(HOLDER), {
      'content-type': 'image/jpeg',
    });
    expect(put.status, put.text).toBe(204);
    qrText = (await issuePassportTo(r.app, holder.id)).qrText;
  });
  afterAll(() => r.dispose());

  it('seals the approved face into the passport, and the verifier returns it', async () => {
    const res = (await api(r.app)('POST', '/api/v1/verify', { qr: qrText })).json;
    expect(res.code).toBe('VALID');
    const portrait = res.document.portrait;
    expect(portrait).toMatchObject({ format: 'webp', mediaType: 'image/webp' });
    const image = fromBase64(portrait.data);
    expect(image.length).toBeLessThanOrEqual(SEAL_PROFILE.maxBytes);
    const meta = await sharp(image).metadata();
    expect([meta.width, meta.height]).toEqual([SEAL_PROFILE.width, SEAL_PROFILE.height]);
    // The whole code stays within what phones scan comfortably.
    expect(qrText.length).toBeLessThan(1800);
    // It is the holder's face, and visibly not the impostor's.
    const sealed = await grey(image);
    const own = ssim(sealed, await cropOf(HOLDER), SEAL_PROFILE.width, SEAL_PROFILE.height);
    const other = ssim(sealed, await cropOf(IMPOSTOR), SEAL_PROFILE.width, SEAL_PROFILE.height);
    expect(own).toBeGreaterThan(0.7);
    expect(other).toBeLessThan(0.4);
  });

  it('is not VALID when one byte of the face is changed', async () => {
    const decoded = fromQrText(qrText);
    if (!decoded.ok) throw new Error(decoded.message);
    const cose = decoded.bytes;
    const webp = cose.findIndex((_, i) => cose[i] === 0x52 && cose[i + 1] === 0x49 && cose[i + 2] === 0x46);
    expect(webp).toBeGreaterThan(0);
    const tampered = cose.slice();
    tampered[webp + 40] = tampered[webp + 40]! ^ 0x01;
    const res = (await api(r.app)('POST', '/api/v1/verify', { qr: toQrText(tampered) })).json;
    expect(res.valid).toBe(false);
    expect(res.code).toBe('SIGNATURE_INVALID');
  });
});
