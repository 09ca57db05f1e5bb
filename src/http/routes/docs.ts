// GET /openapi.json and a readable API reference at /api-docs, both from src/http/openapi.ts.

import { Hono } from 'hono';
import { openCors, pageHeaders } from '../headers.js';
import { openApiDocument, OPERATIONS } from '../openapi.js';
import { escapeHtml } from '../print-view.js';
import { REASON_CODES, REASON_MESSAGES } from '../../core/reasons.js';

/** `publicUrl`: the configured public address for the OpenAPI server (else "/", relative to the document). */
export function docsRoutes(publicUrl: string | null = null) {
  const app = new Hono();
  app.use('/openapi.json', openCors);
  app.use('/api-docs', pageHeaders);
  app.get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    // Without a configured address the server is given relative to the document ("/"), never from the Host
    // header: the answer is cacheable by proxies, and a forged Host must not end up in it.
    return c.json(openApiDocument(publicUrl ?? '/'));
  });
  app.get('/api-docs', (c) => {
    const doc = openApiDocument();
    const byTag = new Map<string, typeof OPERATIONS>();
    for (const op of OPERATIONS) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
    const sections = [...byTag].map(([tag, ops]) => {
      const rows = ops.map((op) => {
        const body = op.body
          ? `<details><summary>request body</summary><pre>${escapeHtml(JSON.stringify((doc.paths as any)[op.path][op.method].requestBody.content['application/json'].schema, null, 2))}</pre></details>`
          : '';
        return `<tr><td><code>${op.method.toUpperCase()}</code></td><td><code>${escapeHtml(op.path)}</code></td><td>${escapeHtml(op.summary)}${body}</td><td>${op.roles.length ? escapeHtml(op.roles.join(', ')) : 'public'}</td></tr>`;
      });
      return `<h2>${escapeHtml(tag)}</h2><table><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr>${rows.join('')}</table>`;
    });
    const reasons = REASON_CODES.map(
      (code) => `<tr><td><code>${code}</code></td><td>${escapeHtml(REASON_MESSAGES[code])}</td></tr>`,
    ).join('');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API reference</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}pre{font-size:.75rem;background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>New Belarus Document Registry API</h1>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Staff endpoints take a session cookie (with <code>X-CSRF-Token</code> on changes) or <code>Authorization: Bearer</code> token. Errors: <code>{"error":{"code","message","fields?"}}</code>.</p>
${sections.join('\n')}
<h2>Verification reason codes</h2><table>${reasons}</table></body></html>`);
  });
  return app;
}
