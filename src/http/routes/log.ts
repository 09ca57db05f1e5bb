// The transparency log as C2SP tlog-tiles, under /log: the checkpoint (cosigned when the witnesses have
// answered), tiles and entry bundles. Static, cacheable resources: a CDN or any mirror can serve them, and
// verifiers (nbr log sync, the verifier page) fetch only what is new. docs/transparency-log.md.

import { Hono } from 'hono';
import { encodeBundle, parseTilePath, TILE_WIDTH } from '../../core/log/tiles.js';
import type { Deps } from '../../services/deps.js';
import { publishedCheckpoint } from '../../services/log/log-integrator.js';
import { errorBody } from '../errors.js';
import { openCors } from '../headers.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function logRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.use('*', openCors);

  app.get('/checkpoint', async (c) => {
    const note = await publishedCheckpoint(deps);
    if (!note) return c.json(errorBody('NOT_FOUND', 'the log has no checkpoint yet'), 404);
    // tlog-tiles: mutable, so cached for a few seconds at most.
    return c.body(note, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=5',
    });
  });

  // The log's verifier key (C2SP signed-note), for witness operators; the same line is in the root-signed
  // trust list (`nbr log vkey --trust --root` reads it from there, which is the one to rely on).
  app.get('/vkey', (c) => {
    const policy = deps.keyring.trust.log;
    if (!policy) return c.json(errorBody('NOT_FOUND', 'the trust list names no log'), 404);
    return c.body(`${policy.log.text}\n`, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });

  app.get('/tile/*', async (c) => {
    const ref = parseTilePath(c.req.path.slice(c.req.path.indexOf('/tile/') + 1));
    if (!ref) return c.json(errorBody('NOT_FOUND', 'not a tile path (C2SP tlog-tiles)'), 404);
    let body: Uint8Array | undefined;
    if (ref.level === 'entries') {
      // Entries only as far as the integrated tree (tiles exist only that far anyway).
      const integrated = Number(
        (
          await deps.db
            .selectFrom('counters')
            .select('value')
            .where('name', '=', 'log_integrated')
            .executeTakeFirst()
        )?.value ?? 0,
      );
      const first = ref.index * TILE_WIDTH;
      if (first + ref.width <= integrated) {
        const rows = await deps.db
          .selectFrom('log_leaves')
          .select('entry')
          .where('idx', '>=', first)
          .where('idx', '<', first + ref.width)
          .orderBy('idx')
          .execute();
        if (rows.length === ref.width) body = encodeBundle(rows.map((r) => new Uint8Array(r.entry)));
      }
    } else {
      const row = await deps.db
        .selectFrom('log_tiles')
        .select('hashes')
        .where('level', '=', ref.level)
        .where('idx', '=', ref.index)
        .executeTakeFirst();
      // A partial tile of width W is the first W hashes of the stored (growing) tile: hashes never change.
      if (row && row.hashes.length >= ref.width * 32)
        body = new Uint8Array(row.hashes).subarray(0, ref.width * 32);
    }
    if (!body) return c.json(errorBody('NOT_FOUND', 'no such tile in this log (yet)'), 404);
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/octet-stream',
      'Cache-Control': IMMUTABLE,
    });
  });
  return app;
}
