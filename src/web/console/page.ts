// The console's HTML shell; everything else is rendered by app.js from the API.

const STYLE = `
  :root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; }
  body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; line-height: 1.4; }
  #header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; border-bottom: 3px solid #b3001b; padding: 0.5rem 0; }
  #header h1 { font-size: 1.1rem; margin: 0; flex: 1 1 auto; }
  nav { display: flex; gap: 1rem; flex-wrap: wrap; width: 100%; }
  nav a { font-weight: 600; }
  .who { width: 100%; margin: 0; font-size: 0.9rem; color: #333; }
  a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
  button, .button { font: inherit; padding: 0.45rem 0.9rem; border: 1px solid #444; border-radius: 0.3rem; background: #f3f3f3; cursor: pointer; color: #111; text-decoration: none; display: inline-block; }
  button.primary { background: #1a3d8f; border-color: #1a3d8f; color: #fff; }
  button.danger { background: #b3001b; border-color: #b3001b; color: #fff; }
  button[disabled] { opacity: 0.5; cursor: not-allowed; }
  /* The hidden attribute wins over every display rule above (a shown "Load more" at the end duplicated rows). */
  [hidden] { display: none !important; }
  .field { display: grid; gap: 0.15rem; margin: 0.5rem 0; max-width: 32rem; }
  .field label { font-weight: 600; }
  .field small { color: #555; }
  input, select, textarea { font: inherit; padding: 0.35rem; }
  [aria-invalid="true"] { border: 2px solid #b3001b; }
  .error { color: #b3001b; font-weight: 600; min-height: 1em; }
  form.inline { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
  .side-by-side { display: grid; grid-template-columns: minmax(12rem, 1fr) 2fr; gap: 1.5rem; align-items: start; }
  @media (max-width: 40rem) { .side-by-side { grid-template-columns: 1fr; } }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
  dt { color: #555; } dd { margin: 0; font-weight: 600; }
  img.photo { max-width: 12rem; border: 1px solid #ccc; } img.qr { width: 14rem; }
  .mrz { font-family: "OCR-B", monospace; background: #f6f6f6; padding: 0.5rem; }
  .notice { background: #fff4ce; padding: 0.5rem; border-left: 4px solid #c80; }
  table { border-collapse: collapse; } td, th { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; }
  #flash.ok { color: #0a7a2f; } #flash.error { color: #b3001b; font-weight: 600; } ul.warning { border: 2px solid #b36b00; background: #fff4e0; padding: 0.6rem 0.6rem 0.6rem 1.8rem; border-radius: 0.4rem; }
  #qr-text { width: 100%; font-family: monospace; font-size: 0.75rem; }
`;

export function consolePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>New Belarus Registry: staff console</title><style>${STYLE}</style></head>
<body>
<header id="header"></header>
<p id="flash" role="status" aria-live="polite"></p>
<main id="main"></main>
<script src="app.js" defer></script>
</body></html>`;
}
