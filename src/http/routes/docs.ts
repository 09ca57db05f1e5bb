// GET /openapi.json and a readable API reference at /api-docs, both from src/http/openapi.ts.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { errorBody } from '../errors.js';
import { openCors, pageHeaders } from '../headers.js';
import { openApiDocument, OPERATIONS } from '../openapi.js';
import { escapeHtml } from '../print-view.js';
import { REASON_CODES, REASON_MESSAGES } from '../../core/reasons.js';

const DOCS = join(import.meta.dirname, '..', '..', '..', 'docs');
const docCache = new Map<string, Promise<string | undefined>>();
function docText(name: string): Promise<string | undefined> {
  let text = docCache.get(name);
  if (!text) {
    text = readFile(join(DOCS, name), 'utf8').catch(() => undefined);
    docCache.set(name, text);
  }
  return text;
}

/** The generated document, walked as plain JSON. */
type Json = Record<string, any>;

const details = (summary: string, value: unknown) =>
  `<details><summary>${escapeHtml(summary)}</summary><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre></details>`;

/**
 * An operation's answers (issue 24, item 13): each success status with its schema's name and example, then the
 * error statuses it can give (every error has the one Error shape).
 */
function answers(responses: Json): string {
  const out: string[] = [];
  const errors: string[] = [];
  for (const [status, answer] of Object.entries(responses)) {
    if (answer.$ref) {
      if (status !== 'default') errors.push(status);
      continue;
    }
    const [type, media] = Object.entries((answer.content ?? {}) as Json)[0] ?? [];
    const schema = media?.schema?.$ref?.split('/').pop();
    const label = `answer ${status}${type ? ` ${type}` : ''}${schema ? `: ${schema}` : ''} (${answer.description})`;
    const example = media?.example ?? media?.examples;
    out.push(example === undefined ? `<div>${escapeHtml(label)}</div>` : details(label, example));
  }
  if (errors.length) out.push(`<div>errors: ${errors.join(', ')} (Error)</div>`);
  return out.join('');
}

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
  // The documents the API description links to, served as they are in the repository's docs/ folder (issue
  // 24, item 13: "docs/qr-format.md section 8" was a 404). Only *.md files that exist there; read once.
  app.use('/docs/*', openCors);
  app.get('/docs/:name', async (c) => {
    const name = c.req.param('name');
    const text = /^[a-z0-9-]+\.md$/.test(name) ? await docText(name) : undefined;
    if (text === undefined) return c.json(errorBody('NOT_FOUND', 'no such document'), 404);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(text, 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
  });
  app.get('/api-docs', (c) => {
    const doc = openApiDocument();
    const byTag = new Map<string, typeof OPERATIONS>();
    for (const op of OPERATIONS) byTag.set(op.tag, [...(byTag.get(op.tag) ?? []), op]);
    const sections = [...byTag].map(([tag, ops]) => {
      const rows = ops.map((op) => {
        const described = (doc.paths as Json)[op.path][op.method];
        const body = op.body
          ? details('request body', described.requestBody.content['application/json'].schema)
          : '';
        const cells = [
          `<code>${op.method.toUpperCase()}</code>`,
          `<code>${escapeHtml(op.path)}</code>`,
          `${escapeHtml(op.summary)}${body}${answers(described.responses)}`,
          op.roles.length ? escapeHtml(op.roles.join(', ')) : 'public',
        ];
        return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
      });
      return `<h2>${escapeHtml(tag)}</h2><table><tr><th>method</th><th>path</th><th>what</th><th>who</th></tr>${rows.join('')}</table>`;
    });
    const reasons = REASON_CODES.map(
      (code) => `<tr><td><code>${code}</code></td><td>${escapeHtml(REASON_MESSAGES[code])}</td></tr>`,
    ).join('');
    return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>API reference</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left;vertical-align:top}pre{font-size:.75rem;background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>New Belarus Document Registry API</h1>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1). Formats and guides: <a href="/docs/qr-format.md">QR format</a>, <a href="/docs/integrators.md">integrators</a>, <a href="/docs/api.md">API</a>, <a href="/docs/recognition.md">host-state recognition</a>, <a href="/docs/transparency-log.md">transparency log</a>. Staff endpoints take a session cookie (with <code>X-CSRF-Token</code> on changes) or <code>Authorization: Bearer</code> token. Errors: <code>{"error":{"code","message","fields?"}}</code>.</p>
${sections.join('\n')}
<h2>Verification reason codes</h2><table>${reasons}</table>
<h2>Schemas</h2>${Object.entries((doc.components as Json).schemas as Json)
      .map(([name, schema]) => `<div id="${name}">${details(name, schema)}</div>`)
      .join('')}</body></html>`);
  });
  return app;
}
