// The substitution the face in the seal exists to catch (issue 23): a genuine passport's code printed on a data
// page with another person's photo. The camera sees that page; the verifier answers VALID (the code is
// genuine) and shows the face sealed in the code, which is the holder's and visibly not the photo's, online
// and offline from the page's stored copy. Faces: test/fixtures/faces/ (scikit-image's public-domain images).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPng } from '../../src/qr/render.js';
import { faceCrop, SEAL_PROFILE } from '../../src/imaging/seal-face.js';
import { ssim } from '../../src/imaging/ssim.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import {
  CHROMIUM,
  grayToY4m,
  launch,
  screenshot,
  screenshotOnFailure,
  serveRegistry,
} from '../helpers/browser.js';
import { issuePassportTo } from '../helpers/issue-passport.js';
import { api, NAVITSKAYA, testRegistry, type TestRegistry, tokenFor } from '../helpers/registry.js';

const hasChromium = existsSync(CHROMIUM);
const HOLDER = readFileSync('test/fixtures/faces/holder.jpg');
const IMPOSTOR = readFileSync('test/fixtures/faces/impostor.jpg');
const { width: W, height: H } = SEAL_PROFILE;

async function grey(image: Uint8Array): Promise<Uint8Array> {
  const out = await sharp(image).resize(W, H, { fit: 'fill' }).greyscale().raw().toBuffer();
  return new Uint8Array(out);
}
const cropOf = async (photo: Uint8Array) =>
  grey(await (await faceCrop(photo, SEAL_PROFILE)).png().toBuffer());

describe.skipIf(!hasChromium)('a genuine code on someone else’s data page', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'nbr-face-'));

  beforeAll(async () => {
    r = await testRegistry();
    server = await serveRegistry(r);
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const holder = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    await clerk('PUT', `/api/v1/applicants/${holder.id}/photo`, new Uint8Array(HOLDER), {
      'content-type': 'image/jpeg',
    });
    const passport = await issuePassportTo(r.app, holder.id);
    await integrateLog(r.deps);
    // The forged page: the impostor's photo where the holder's belongs, the holder's genuine code beside it.
    const qr = await sharp(await renderPng(passport.qrText, 'M', 6))
      .resize(560, 560)
      .toBuffer();
    const page = await sharp({ create: { width: 960, height: 720, channels: 3, background: '#f4f1ea' } })
      .composite([
        { input: await sharp(IMPOSTOR).resize(270, 360).toBuffer(), left: 40, top: 180 },
        { input: qr, left: 370, top: 80 },
      ])
      .greyscale()
      .raw()
      .toBuffer();
    grayToY4m(new Uint8Array(page), 960, 720, join(dir, 'forged-page.y4m'));
    browser = await launch([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${join(dir, 'forged-page.y4m')}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  /** Scans the page through the camera; the sealed face shown, as grey pixels at the seal's size. */
  async function scanAndReadFace(page: Page): Promise<Uint8Array> {
    await page.click('#scan');
    await page.waitForSelector('#result.valid .sealed-face img', { timeout: 30_000 });
    await page.waitForFunction(
      () => (document.querySelector('#result .sealed-face img') as HTMLImageElement)?.complete,
    );
    const shot = await page.locator('#result .sealed-face img').screenshot();
    const png = PNG.sync.read(shot);
    // Inside the 3 px white frame.
    return grey(
      await sharp(png.data, { raw: { width: png.width, height: png.height, channels: 4 } })
        .extract({ left: 3, top: 3, width: png.width - 6, height: png.height - 6 })
        .png()
        .toBuffer(),
    );
  }

  it('shows the holder’s sealed face, not the photo on the page, online and offline', async () => {
    const context = await browser.newContext({ locale: 'pl-PL', viewport: { width: 390, height: 844 } });
    await context.clock.setFixedTime(new Date(r.clock.t));
    const page = await context.newPage();
    await screenshotOnFailure(page, 'verifier-face-substitution', async () => {
      await page.goto(`${server.url}/verifier/`);
      await page.waitForSelector('body[data-ready="true"]');
      const holderCrop = await cropOf(HOLDER);
      const impostorCrop = await cropOf(IMPOSTOR);
      const check = async () => {
        const shown = await scanAndReadFace(page);
        const likeHolder = ssim(shown, holderCrop, W, H);
        const likeImpostor = ssim(shown, impostorCrop, W, H);
        expect(likeHolder, `holder ${likeHolder}, impostor ${likeImpostor}`).toBeGreaterThan(0.5);
        expect(likeImpostor).toBeLessThan(likeHolder - 0.25);
        expect(await page.textContent('#result .sealed-face figcaption')).toMatch(/^Porównaj tę twarz/);
      };
      await check();
      await screenshot(page, 'verifier-face-substitution');
      // Offline, from the page's stored copy.
      await page.waitForSelector('body[data-offline="ready"]');
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.textContent('#network')).toMatch(/^offline|^bez sieci|^offline/i);
      await check();
    });
    await context.close();
  });
});
