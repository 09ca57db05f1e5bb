// Browser test helpers: Debian's Chromium through playwright-core (never a downloaded browser), a served
// registry on a free port, a QR image turned into a fake camera feed, and screenshots on failure.

import type { Hono } from 'hono';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestRegistry } from './registry.js';
import type { AppOptions } from '../../src/http/app.js';
import { listen } from '../../src/http/server.js';
import { webRoutes } from '../../src/web/routes.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** Each launch gets a fresh, empty user-data directory (playwright creates one and removes it at close). */
export async function launch(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** Serves the registry (API and web pages) on 127.0.0.1 and a free port, as main.ts does. */
export async function serveRegistry(
  r: TestRegistry,
  options: AppOptions = {},
): Promise<{ url: string; app: Hono; close: () => Promise<void> }> {
  const { server, app, port } = await listen(r.deps, {
    port: 0,
    hostname: '127.0.0.1',
    mount: (a, statusList) => webRoutes(a, r.deps, statusList),
    ...options,
  });
  // The address the service names on its pages, as an operator sets NBR_PUBLIC_URL (src/http/service-origin.ts).
  if (!r.deps.config.publicUrl)
    (r.deps.config as { publicUrl: string | null }).publicUrl = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    close: () => new Promise((res) => server.close(() => res())),
  };
}

/**
 * Writes a Y4M video (YUV 4:2:0) of one still frame: the QR image centred on white, for Chromium's
 * --use-file-for-fake-video-capture.
 */
export function qrPngToY4m(png: Buffer, path: string, width = 640, height = 480): void {
  const img = PNG.sync.read(png);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const size = Math.min(width, height) - 40;
  const x0 = Math.floor((width - size) / 2);
  const y0 = Math.floor((height - size) / 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sx = Math.floor((x * img.width) / size);
      const sy = Math.floor((y * img.height) / size);
      const i = (sy * img.width + sx) * 4;
      const o = ((y0 + y) * width + (x0 + x)) * 3;
      rgb[o] = img.data[i]!;
      rgb[o + 1] = img.data[i + 1]!;
      rgb[o + 2] = img.data[i + 2]!;
    }
  }
  const Y = new Uint8Array(width * height);
  const U = new Uint8Array((width / 2) * (height / 2));
  const V = new Uint8Array((width / 2) * (height / 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const [r, g, b] = [rgb[o]!, rgb[o + 1]!, rgb[o + 2]!];
      Y[y * width + x] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
      if (y % 2 === 0 && x % 2 === 0) {
        const ci = (y / 2) * (width / 2) + x / 2;
        U[ci] = Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        V[ci] = Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
      }
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  writeFileSync(path, Buffer.concat([header, Y, U, V]));
}

/** A grey camera frame (one byte a pixel, e.g. from bench/scan-corpus.ts) as a one-frame Y4M video. */
export function grayToY4m(gray: Uint8Array, width: number, height: number, path: string): void {
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  writeFileSync(path, Buffer.concat([header, gray, chroma, chroma]));
}

export async function screenshotOnFailure(
  page: Page | undefined,
  name: string,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (page) {
      mkdirSync(ARTIFACTS, { recursive: true });
      await page
        .screenshot({ path: join(ARTIFACTS, `FAILED-${name}.png`), fullPage: true })
        .catch(() => undefined);
    }
    throw e;
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
