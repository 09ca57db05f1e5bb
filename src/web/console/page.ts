// The console's HTML shell; everything else is rendered by app.js from the API. Its styles are in
// styles/ (one file per concern, bundled into console.css); the title and lang follow the chosen language.

export function consolePage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>New Belarus Registry: staff console</title><link rel="stylesheet" href="console.css"></head>
<body>
<header id="header"></header>
<p id="flash" role="status" aria-live="polite"></p>
<main id="main"></main>
<script src="app.js" defer></script>
</body></html>`;
}
