// Web pages: the officials' verifier at /verifier/ (and its single-file offline download) and the staff console at /console/.

import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status-list.js';
import { toBase64Url } from '../core/bytes.js';
import { LogCopy } from '../core/log/copy.js';
import { cspHeader, pageHeaders } from '../http/headers.js';
import { webAsset } from './build.js';
import { MANIFEST, verifierPage } from './verifier/page.js';
import { consolePage } from './console/page.js';

export function webRoutes(app: Hono, deps: Deps, statusList: StatusListPublisher): void {
  const root = () => ({
    kid: deps.keyring.roots[0]!.kid,
    x: Buffer.from(deps.keyring.roots[0]!.key.raw).toString('base64url'),
  });

  app.use('/verifier/*', pageHeaders);
  app.use('/console/*', pageHeaders);
  app.get('/', (c) => c.redirect('/verifier/'));
  app.get('/verifier', (c) => c.redirect('/verifier/'));
  app.get('/verifier/', (c) => {
    const { html } = verifierPage({ root: root(), origin: '' });
    c.header('Cache-Control', 'no-cache');
    return c.html(html);
  });
  app.get('/verifier/app.js', async (c) => {
    const asset = await webAsset('src/web/verifier/app.ts');
    return c.body(asset.code, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      ETag: asset.etag,
    });
  });
  app.get('/verifier/sw.js', async (c) => {
    const asset = await webAsset('src/web/verifier/sw.ts');
    return c.body(asset.code, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });
  app.get('/console', (c) => c.redirect('/console/'));
  app.get('/console/', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.html(consolePage());
  });
  app.get('/console/app.js', async (c) => {
    const asset = await webAsset('src/web/console/app.ts');
    return c.body(asset.code, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      ETag: asset.etag,
    });
  });
  app.get('/verifier/manifest.webmanifest', (c) =>
    c.body(MANIFEST, 200, { 'Content-Type': 'application/manifest+json' }),
  );
  let offlineCopy: LogCopy | undefined;
  app.get('/verifier/offline.html', async (c) => {
    const [asset, published] = await Promise.all([webAsset('src/web/verifier/app.ts'), statusList.current()]);
    const origin = new URL(c.req.url).origin;
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
        trustList: deps.keyring.trustListText,
        statusList: published.jws,
        ...(log ? { log } : {}),
      },
    });
    // The file refreshes its lists from this origin when online; its one inline script is allowed by hash.
    c.header(
      'Content-Security-Policy',
      cspHeader({ connectSrc: ["'self'", origin], scriptSrc: [scriptSrc] }),
    );
    c.header('Content-Disposition', 'attachment; filename="nb-verifier.html"');
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
}
