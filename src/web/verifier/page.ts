// The verifier page's HTML, served at /verifier/ (script from /verifier/app.js, decoding worker and ZXing's
// .wasm beside it, service worker) or as one self-contained file with the script, the worker, the .wasm
// and the current trust and status lists inside.

import { createHash } from 'node:crypto';

export interface VerifierPageOptions {
  root: { kid: string; x: string };
  origin: string;
  /** Inline everything (the downloadable single file). */
  inline?: {
    script: string;
    worker: string;
    /** ZXing's reader .wasm, base64. */
    wasm: string;
    trustList: string;
    statusList: string;
    log?: { copy: unknown; entries: string };
  };
}

const STYLE = `
  :root { color-scheme: light; --ok: #0a7a2f; --bad: #b3001b; --undecided: #8a5a00;
    font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0 auto; max-width: 40rem; padding: 0.75rem; line-height: 1.4; }
  header { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  h1 { font-size: 1.25rem; margin: 0.25rem 0; }
  button, select, input { font: inherit; }
  button { padding: 0.6rem 1rem; border-radius: 0.4rem; border: 1px solid #333; background: #f4f4f4;
    cursor: pointer; }
  button.primary { background: #1a3d8f; color: #fff; border-color: #1a3d8f; }
  [hidden] { display: none !important; }
  .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; margin: 0.75rem 0; align-items: center; }
  label.file { display: inline-block; padding: 0.6rem 1rem; border: 1px solid #333; border-radius: 0.4rem;
    background: #f4f4f4; cursor: pointer; }
  label.file input { position: absolute; opacity: 0; width: 1px; height: 1px; }
  .wedge { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  .wedge input { flex: 1 1 14rem; min-width: 0; padding: 0.5rem; font-family: ui-monospace, monospace;
    font-size: 0.85rem; }
  .wedge label { flex-basis: 100%; font-size: 0.85rem; }
  video { width: 100%; max-height: 60vh; background: #000; border-radius: 0.4rem; }
  .verdict { border-radius: 0.6rem; padding: 0.75rem 1rem; margin: 0.75rem 0; color: #fff; overflow-wrap: anywhere; }
  .verdict.valid { background: var(--ok); }
  .verdict.invalid { background: var(--bad); }
  .verdict.unconfirmed { background: var(--undecided); }
  .verdict.notice { background: #eef1f7; color: #111; border: 1px solid #c5cbe0; }
  .verdict.notice.problem { background: #fff4e5; border-color: var(--undecided); }
  .verdict h2 { font-size: 1.8rem; margin: 0; letter-spacing: 0.03em; }
  .verdict .reason { font-size: 1.1rem; font-weight: 600; margin: 0.3rem 0; }
  .verdict dl { display: grid; grid-template-columns: minmax(7rem, 40%) minmax(0, 1fr); gap: 0.2rem 0.75rem;
    background: #fff; color: #111; padding: 0.6rem; border-radius: 0.4rem; }
  .verdict dt { color: #444; hyphens: auto; overflow-wrap: anywhere; }
  .verdict dd { margin: 0; font-weight: 700; overflow-wrap: anywhere; }
  /* A phone held upright: labels above their values, so no language's long words collide. */
  @media (max-width: 30rem) {
    .verdict dl { grid-template-columns: minmax(0, 1fr); }
    .verdict dd { margin-bottom: 0.35rem; }
  }
  .sealed-face { margin: 0.5rem 0; display: flex; gap: 0.75rem; align-items: flex-start; flex-wrap: wrap; }
  .sealed-face img { width: 12rem; height: 16rem; max-width: 45vw; max-height: 60vw; object-fit: cover;
    background: #fff; border: 3px solid #fff; border-radius: 0.3rem; image-rendering: auto; }
  .sealed-face figcaption { flex: 1 1 12rem; font-weight: 600; }
  .sealed-face .face-unreadable, .sealed-face .no-face { background: #fff4e5; color: #111; padding: 0.4rem 0.6rem;
    border-radius: 0.3rem; }
  .verdict .checked, .verdict .lists-age { font-size: 0.85rem; margin: 0.3rem 0 0; }
  .recognition { border-radius: 0.6rem; padding: 0.5rem 1rem; margin: 0.5rem 0; font-size: 1.1rem; font-weight: 700;
    border: 3px solid; overflow-wrap: anywhere; }
  .recognition p { margin: 0; }
  .recognition.recognised { border-color: var(--ok); color: var(--ok); background: #eaf6ee; }
  .recognition.not-recognised { border-color: var(--bad); color: var(--bad); background: #fbe9ec; }
  .recognition.unknown { border-color: var(--undecided); color: #5c3c00; background: #fff4e5; }
  #freshness { font-size: 0.8rem; color: #333; }
  #freshness .stale { color: #6b4500; font-weight: 700; }
  footer { font-size: 0.8rem; margin-top: 1.5rem; }
`;

const DOWNLOAD =
  ' · <a href="offline.html" download data-i18n="download">Download offline verifier (single file)</a>';

function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}

/** Returns the HTML and, for the inline variant, the CSP script-src hash its single script needs. */
export function verifierPage(opts: VerifierPageOptions): { html: string; scriptSrc: string } {
  const inline = opts.inline;
  const config = {
    root: opts.root,
    origin: opts.origin,
    ...(inline ? { trustList: inline.trustList, statusList: inline.statusList } : {}),
    ...(inline?.log ? { log: inline.log } : {}),
  };
  // JSON inside <script type="application/json"> is data, never executed; '<' is escaped so it cannot close the tag.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  // The single file's worker and .wasm travel as inert data blocks (not executed; the worker starts from a
  // blob: of its text). "</" cannot occur in base64; in the worker's text it is escaped the same way.
  const script = inline
    ? `<script type="text/plain" id="nbr-worker">${inline.worker.replace(/<\//g, '<\\/')}</script>
<script type="application/octet-stream" id="nbr-wasm">${inline.wasm}</script>
<script>${inline.script}</script>`
    : '<script src="app.js" defer></script>';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>New Belarus document verifier</title>
${inline ? '' : '<link rel="manifest" href="manifest.webmanifest">\n<link rel="icon" href="/favicon.ico">'}
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1 data-i18n="title">New Belarus document verifier</h1>
  <label><span data-i18n="language">Language</span> <select id="lang"></select></label>
</header>
<section id="result" class="verdict" hidden role="status" aria-live="assertive" aria-atomic="true"></section>
<section id="recognition" class="recognition" hidden role="status" aria-live="polite"></section>
<div class="actions">
  <button type="button" id="scan" class="primary" data-i18n="scan">Scan with camera</button>
  <label class="file"><span data-i18n="upload">Photo of the code</span><input type="file" id="photo" accept="image/*"></label>
  <label hidden><span data-i18n="camera">Camera</span> <select id="camera"></select></label>
  <button type="button" id="torch" hidden data-i18n="torchOn">Light on</button>
</div>
<video id="video" playsinline muted hidden></video>
<div class="wedge">
  <label for="paste" data-i18n="qrText">QR text</label>
  <input id="paste" type="text" spellcheck="false" autocomplete="off" autocapitalize="off" enterkeyhint="go">
  <button type="button" id="verify" data-i18n="verify">Verify</button>
</div>
<div class="actions" id="host">
  <label id="purpose-label" hidden><span data-i18n="purposeLabel">Purpose</span> <select id="purpose"></select></label>
  <label class="file"><span data-i18n="provisionFile">Provision for a host state (file)</span><input type="file" id="provision" accept="application/json,.json"></label>
</div>
<section id="freshness"></section>
<div class="actions"><button type="button" id="refresh" data-i18n="refresh">Refresh lists now</button></div>
<footer><span id="network"></span>${inline ? '' : DOWNLOAD}</footer>
<script type="application/json" id="nbr-config" data-sw="${inline ? 'off' : 'on'}">${configJson}</script>
${script}
</body>
</html>`;
  return { html, scriptSrc: inline ? scriptHash(inline.script) : "'self'" };
}

export const MANIFEST = JSON.stringify({
  name: 'New Belarus document verifier',
  short_name: 'NB verifier',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1a3d8f',
  icons: [{ src: '/favicon.ico', sizes: '32x32', type: 'image/x-icon' }],
});
