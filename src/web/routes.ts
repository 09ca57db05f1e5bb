// Web pages: the officials' verifier at /verifier/ (and its single-file offline download) and the staff console at /console/.

import { serviceOrigin } from '../http/service-origin.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status/status-list.js';
import { toBase64Url } from '../core/bytes.js';
import { LogCopy } from '../core/log/copy.js';
import { cspHeader, pageHeaders, verifierHeaders } from '../http/headers.js';
import { ZXING_WASM_PATH } from '../qr/zxing-node.js';
import { webAsset } from './build.js';
import { favicon } from './favicon.js';
import { MANIFEST, verifierPage } from './verifier/page.js';
import { consolePage } from './console/page.js';
import { RECOGNITION_CSS, recognitionPage } from './recognition/page.js';

let wasmFile: Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string }> | undefined;

function zxingWasm(): Promise<{ bytes: Uint8Array<ArrayBuffer>; etag: string }> {
  wasmFile ??= readFile(ZXING_WASM_PATH).then((b) => ({
    bytes: new Uint8Array(b),
    etag: `"${createHash('sha256').update(b).digest('base64url').slice(0, 22)}"`,
  }));
  return wasmFile;
}

export function webRoutes(app: Hono, deps: Deps, statusList: StatusListPublisher): void {
  const root = () => ({
    kid: deps.keyring.roots[0]!.kid,
    x: Buffer.from(deps.keyring.roots[0]!.key.raw).toString('base64url'),
  });

  /** A bundled browser script or style sheet, revalidated on every load (its ETag changes with the code). */
  const asset = (path: string, entry: string, type: string) =>
    app.get(path, async (c) => {
      const built = await webAsset(entry);
      return c.body(built.code, 200, {
        'Content-Type': type,
        'Cache-Control': 'no-cache',
        ETag: built.etag,
      });
    });
  const script = (path: string, entry: string) => asset(path, entry, 'text/javascript; charset=utf-8');

  app.use('/verifier/*', verifierHeaders);
  app.use('/console/*', pageHeaders);
  app.get('/', (c) => c.redirect('/verifier/'));
  app.get('/favicon.ico', (c) =>
    c.body(new Uint8Array(favicon()), 200, {
      'Content-Type': 'image/x-icon',
      'Cache-Control': 'public, max-age=86400',
    }),
  );
  app.get('/verifier', (c) => c.redirect('/verifier/'));
  app.get('/verifier/', (c) => {
    const { html } = verifierPage({ root: root(), origin: '' });
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });
  script('/verifier/app.js', 'src/web/verifier/app.ts');
  script('/verifier/scan-worker.js', 'src/web/verifier/scan-worker.ts');
  // ZXing-C++'s reader, from the installed zxing-wasm package: served here so that neither the page nor
  // its worker ever asks the package's default CDN (the CSP would refuse it, and offline there is none).
  app.get('/verifier/zxing_reader.wasm', async (c) => {
    const wasm = await zxingWasm();
    return c.body(wasm.bytes, 200, {
      'Content-Type': 'application/wasm',
      'Cache-Control': 'no-cache',
      ETag: wasm.etag,
    });
  });
  app.get('/verifier/sw.js', async (c) => {
    const asset = await webAsset('src/web/verifier/sw.ts');
    return c.body(asset.code, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });
  // Issue 26: which states recognise our documents for what, from their signed statements.
  app.use('/recognition/', pageHeaders);
  app.get('/recognition', (c) => c.redirect('/recognition/'));
  app.get('/recognition/', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(recognitionPage());
  });
  script('/recognition/app.js', 'src/web/recognition/app.ts');
  app.get('/recognition/page.css', (c) =>
    c.body(RECOGNITION_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  app.get('/console', (c) => c.redirect('/console/'));
  app.get('/console/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(consolePage());
  });
  script('/console/app.js', 'src/web/console/app.ts');
  asset('/console/console.css', 'src/web/console/styles/console.css', 'text/css; charset=utf-8');
  app.get('/verifier/manifest.webmanifest', (c) =>
    c.body(MANIFEST, 200, { 'Content-Type': 'application/manifest+json' }),
  );
  let offlineCopy: LogCopy | undefined;
  app.get('/verifier/offline.html', async (c) => {
    const [asset, worker, wasm, published] = await Promise.all([
      webAsset('src/web/verifier/app.ts'),
      webAsset('src/web/verifier/scan-worker.ts'),
      zxingWasm(),
      statusList.current(),
    ]);
    const origin = serviceOrigin(c, deps.config);
    // The file carries the published log as a verifier would sync it (through this app's own /log routes),
    // so that it can refuse unregistered documents with no network at all. The copy is kept between
    // downloads and brought up to date incrementally: a first sync of a large log is thousands of bundles.
    const policy = deps.keyring.trust.log;
    const synced = policy
      ? await LogCopy.sync(offlineCopy, policy, async (path) => {
          const res = await app.request(`/log/${path}`);
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return new Uint8Array(await res.arrayBuffer());
        })
      : undefined;
    if (synced?.ok) offlineCopy = synced.copy;
    const log = offlineCopy
      ? { copy: offlineCopy.toJSON(), entries: toBase64Url(offlineCopy.entries()) }
      : undefined;
    const { html, scriptSrc } = verifierPage({
      root: root(),
      origin,
      inline: {
        script: asset.code,
        worker: worker.code,
        wasm: Buffer.from(wasm.bytes).toString('base64'),
        trustList: deps.keyring.trustListText,
        statusList: published.jws,
        ...(log ? { log } : {}),
      },
    });
    // The file refreshes its lists from this origin when online; its one inline script is allowed by hash,
    // its decoding worker starts from a blob: of the text it carries, and compiles the .wasm it carries.
    c.header(
      'Content-Security-Policy',
      cspHeader({
        connectSrc: ["'self'", origin],
        scriptSrc: [scriptSrc, "'wasm-unsafe-eval'"],
        workerSrc: ['blob:'],
      }),
    );
    c.header('Content-Disposition', 'attachment; filename="nb-verifier.html"');
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
}
