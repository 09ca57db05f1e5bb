// Web pages: the officials' verifier at /verifier/ (and its single-file offline download) and the staff console at /console/.

import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import type { StatusListPublisher } from '../services/status-list.js';
import { webAsset } from './build.js';
import { MANIFEST, verifierPage } from './verifier/page.js';
import { consolePage } from './console/page.js';

const CSP_BASE =
  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export function webRoutes(app: Hono, deps: Deps, statusList: StatusListPublisher): void {
  const root = () => ({
    kid: deps.keyring.roots[0]!.kid,
    x: Buffer.from(deps.keyring.roots[0]!.key.raw).toString('base64url'),
  });

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
  app.get('/verifier/offline.html', async (c) => {
    const [asset, published] = await Promise.all([webAsset('src/web/verifier/app.ts'), statusList.current()]);
    const origin = new URL(c.req.url).origin;
    const { html, scriptSrc } = verifierPage({
      root: root(),
      origin,
      inline: { script: asset.code, trustList: deps.keyring.trustListText, statusList: published.jws },
    });
    // The file refreshes its lists from this origin when online; its one inline script is allowed by hash.
    c.header(
      'Content-Security-Policy',
      `${CSP_BASE.replace("connect-src 'self'", `connect-src 'self' ${origin}`)}; script-src ${scriptSrc}`,
    );
    c.header('Content-Disposition', 'attachment; filename="nb-verifier.html"');
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });
}
