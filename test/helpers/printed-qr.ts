// Reading a printed QR code as a phone would: the element rendered by Chromium at 300 dpi (a device scale of
// 300/96, so each CSS inch is 300 device pixels, as the printer's dots), then decoded by our scanner (ZXing
// over src/qr/scan.ts's views) and, where Debian's zbar-tools is installed, by zbarimg, a second decoder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { fromGray } from '../../src/qr/frames.js';
import { readFrame } from '../../src/qr/scan.js';
import { nodeZxing } from '../../src/qr/zxing-node.js';

export const ZBARIMG = '/usr/bin/zbarimg';

/**
 * The texts read from the page's QR element at `dpi`: [ours, zbarimg's (undefined without zbar-tools)]. At 300
 * dpi and more the page is rendered as printed (print media: its printer-dot sizes); below, as on a screen at
 * dpi / 96 device pixels per CSS pixel (96: 1x, 192: 2x).
 */
export async function readPrintedQr(
  browser: Browser,
  url: string,
  selector: string,
  opts: {
    dpi?: number;
    cookies?: Parameters<import('playwright-core').BrowserContext['addCookies']>[0];
  } = {},
): Promise<[string | undefined, string | undefined]> {
  const context = await browser.newContext({ deviceScaleFactor: (opts.dpi ?? 300) / 96 });
  if (opts.cookies) await context.addCookies(opts.cookies);
  try {
    const page = await context.newPage();
    await page.emulateMedia({ media: (opts.dpi ?? 300) >= 300 ? 'print' : 'screen' });
    await page.goto(url);
    const shot = await page.locator(selector).screenshot();
    const png = PNG.sync.read(shot);
    const gray = new Uint8Array(png.width * png.height);
    for (let i = 0; i < gray.length; i++) gray[i] = png.data[i * 4 + 1]!;
    const ours = (await readFrame(await nodeZxing(), fromGray(gray, png.width, png.height)))?.text;
    let zbar: string | undefined;
    if (existsSync(ZBARIMG)) {
      const file = join(mkdtempSync(join(tmpdir(), 'nbr-print-')), 'qr.png');
      writeFileSync(file, shot);
      try {
        zbar = execFileSync(ZBARIMG, ['--raw', '-q', file], { encoding: 'utf8' }).trim();
      } catch {
        zbar = '';
      }
    }
    return [ours, zbar];
  } finally {
    await context.close();
  }
}
