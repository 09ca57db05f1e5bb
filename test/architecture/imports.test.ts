// Imports flow down (docs/architecture.md): db below services, services below http and cli, and no circle
// among the service modules. Read from the source text, so a new import that climbs fails here.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The repository files a source file imports (relative specifiers only, type imports included). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) =>
    relative(ROOT, resolve(ROOT, dirname(file), m[1]!)).replace(/\.js$/, '.ts'),
  );
}

describe('import direction', () => {
  it.each([
    ['src/db', ['src/services/', 'src/http/', 'src/web/', 'src/cli/']],
    ['src/services', ['src/http/', 'src/web/', 'src/cli/']],
    ['src/core', ['src/services/', 'src/http/', 'src/web/', 'src/cli/', 'src/db/']],
    ['src/http', ['src/web/verifier/', 'src/web/console/']],
  ])('%s imports none of %j', (dir, banned) => {
    const climbing = sources(dir).flatMap((f) =>
      importsOf(f)
        .filter((t) => banned.some((b) => t.startsWith(b)))
        .map((t) => `${f} -> ${t}`),
    );
    expect(climbing).toEqual([]);
  });

  it('the service modules import one another without a circle', () => {
    const files = sources('src/services');
    const edges = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith('src/services/'))]));
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const t of edges.get(f) ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
