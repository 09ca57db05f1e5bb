// The verifier page's HTML, served at /verifier/ (script from /verifier/app.js, service worker) or as one
// self-contained file with the script and the current trust and status lists inside.

import { createHash } from 'node:crypto';

export interface VerifierPageOptions {
  root: { kid: string; x: string };
  origin: string;
  /** Inline the script and trust material (the downloadable single file). */
  inline?: {
    script: string;
    trustList: string;
    statusList: string;
    log?: { copy: unknown; entries: string };
  };
}

const STYLE = `
  :root { color-scheme: light; --ok: #0a7a2f; --bad: #b3001b; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0 auto; max-width: 40rem; padding: 0.75rem; line-height: 1.4; }
  header { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  h1 { font-size: 1.25rem; margin: 0.25rem 0; }
  button, select, input, textarea { font: inherit; }
  button { padding: 0.6rem 1rem; border-radius: 0.4rem; border: 1px solid #333; background: #f4f4f4; cursor: pointer; }
  button.primary { background: #1a3d8f; color: #fff; border-color: #1a3d8f; }
  .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.75rem 0; }
  label.file { display: inline-block; padding: 0.6rem 1rem; border: 1px solid #333; border-radius: 0.4rem; background: #f4f4f4; cursor: pointer; }
  label.file input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  textarea { width: 100%; box-sizing: border-box; min-height: 4.5rem; font-family: ui-monospace, monospace; font-size: 0.8rem; }
  video { width: 100%; max-height: 60vh; background: #000; border-radius: 0.4rem; }
  .verdict { border-radius: 0.6rem; padding: 0.75rem 1rem; margin: 1rem 0; color: #fff; }
  .verdict.valid { background: var(--ok); }
  .verdict.invalid { background: var(--bad); }
  .verdict.unconfirmed { background: #8a5a00; }
  .verdict h2 { font-size: 2rem; margin: 0; letter-spacing: 0.05em; }
  .verdict .reason { font-size: 1.1rem; font-weight: 600; }
  .verdict dl { display: grid; grid-template-columns: minmax(8rem, 40%) 1fr; gap: 0.2rem 0.75rem; background: #fff; color: #111; padding: 0.6rem; border-radius: 0.4rem; }
  .verdict dt { color: #555; }
  .verdict dd { margin: 0; font-weight: 700; word-break: break-word; }
  #freshness { font-size: 0.8rem; color: #444; }
  #freshness .stale { color: var(--bad); font-weight: 700; }
  #message { min-height: 1.4em; }
  footer { font-size: 0.8rem; margin-top: 1.5rem; }
`;

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

/** Returns the HTML and, for the inline variant, the CSP script-src hash its single script needs. */
export function verifierPage(opts: VerifierPageOptions): { html: string; scriptSrc: string } {
  const config = {
    root: opts.root,
    origin: opts.origin,
    ...(opts.inline ? { trustList: opts.inline.trustList, statusList: opts.inline.statusList } : {}),
    ...(opts.inline?.log ? { log: opts.inline.log } : {}),
  };
  // JSON inside <script type="application/json"> is data, never executed; '<' is escaped so it cannot close the tag.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  const script = opts.inline
    ? `<script>${opts.inline.script}</script>`
    : '<script src="app.js" defer></script>';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>New Belarus document verifier</title>
${opts.inline ? '' : '<link rel="manifest" href="manifest.webmanifest">'}
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1 data-i18n="title">New Belarus document verifier</h1>
  <label><span data-i18n="language">Language</span> <select id="lang"></select></label>
</header>
<div class="actions">
  <button type="button" id="scan" class="primary" data-i18n="scan">Scan with camera</button>
  <label class="file"><span data-i18n="upload">Photo of the code</span><input type="file" id="photo" accept="image/*" capture="environment"></label>
</div>
<video id="video" playsinline muted hidden></video>
<p id="message" role="status" aria-live="polite"></p>
<textarea id="paste" spellcheck="false" autocomplete="off" aria-label="QR text"></textarea>
<div class="actions"><button type="button" id="verify" data-i18n="verify">Verify</button></div>
<section id="result" class="verdict" hidden aria-live="assertive"></section>
<section id="freshness"></section>
<footer><span id="network"></span>${opts.inline ? '' : ' · <a href="offline.html" download data-i18n="download">Download offline verifier (single file)</a>'}</footer>
<script type="application/json" id="nbr-config" data-sw="${opts.inline ? 'off' : 'on'}">${configJson}</script>
${script}
</body>
</html>`;
  return { html, scriptSrc: opts.inline ? scriptHash(opts.inline.script) : "'self'" };
}

export const MANIFEST = JSON.stringify({
  name: 'New Belarus document verifier',
  short_name: 'NB verifier',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1a3d8f',
});
