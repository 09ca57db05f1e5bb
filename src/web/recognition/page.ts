// /recognition/: which host states recognise which New Belarus documents for what, since when, read from the
// states' signed statements. The page checks each signature itself (the shared core, WebCrypto or noble),
// against the keys in the state's provisioning file, and shows nothing a signature does not hold.

export function recognitionPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Which states recognise New Belarus documents</title>
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/recognition/page.css">
</head>
<body>
<header>
  <h1 data-i18n="recStatesTitle">Which states recognise New Belarus documents</h1>
  <label><span data-i18n="language">Language</span> <select id="lang"></select></label>
</header>
<main id="states" aria-live="polite" data-state="loading"></main>
<footer><a href="/verifier/" data-i18n="title">New Belarus document verifier</a></footer>
<script src="/recognition/app.js" defer></script>
</body>
</html>`;
}

export const RECOGNITION_CSS = `
  :root { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; --ok: #0a7a2f; --bad: #b3001b; }
  body { margin: 0 auto; max-width: 52rem; padding: 0.75rem; line-height: 1.4; }
  header { display: flex; justify-content: space-between; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  h1 { font-size: 1.3rem; margin: 0.25rem 0; }
  h2 { font-size: 1.15rem; margin: 1.25rem 0 0.25rem; }
  select { font: inherit; }
  .sig { margin: 0.2rem 0; color: #333; font-size: 0.9rem; }
  .sig.bad { color: var(--bad); font-weight: 700; }
  .withdrawn { color: var(--bad); font-weight: 700; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  td ul { margin: 0.2rem 0 0; padding-left: 1.1rem; font-size: 0.9rem; color: #333; }
  footer { margin-top: 1.5rem; font-size: 0.85rem; }
`;
