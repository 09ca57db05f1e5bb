// The host states' recognition statements the registry was given, republished byte for byte (issue 26,
// docs/recognition.md §8): static, cacheable and CORS-open like the log, so that any mirror can serve them.
// The registry cannot alter a statement (the state signed it), nor provision a verifier: the keys in
// CC.provision.json are what the state gave, for the public page; officials get theirs from their state.

import { Hono } from 'hono';
import { etag, RETAINED_304_HEADERS } from 'hono/etag';
import type { Deps } from '../../services/deps.js';
import { errorBody } from '../errors.js';
import { openCors } from '../headers.js';

const CACHE = 'public, max-age=300, stale-while-revalidate=300, stale-if-error=86400';

export function recognitionRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/recognition/*', openCors);
  app.use(
    '/recognition/*',
    etag({ retainedHeaders: [...RETAINED_304_HEADERS, 'access-control-allow-origin'] }),
  );
  app.get('/recognition/index.json', (c) => {
    c.header('Cache-Control', CACHE);
    const states = [...deps.recognition.states().values()].map(({ provision, statement }) => ({
      state: provision.state,
      stateName: provision.stateName,
      authority: provision.authority,
      provision: `/recognition/statements/${provision.state}.provision.json`,
      ...(statement
        ? {
            statement: `/recognition/statements/${provision.state}.jws`,
            sequence: statement.sequence,
            withdrawn: statement.withdrawn,
            validUntil: new Date(statement.validUntil * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          }
        : {}),
    }));
    return c.json({ format: 'nbr-recognition-index/1', states });
  });
  app.get('/recognition/statements/:file', (c) => {
    const file = c.req.param('file');
    const entry = /^[A-Z]{2}\.(jws|provision\.json)$/.test(file)
      ? deps.recognition.states().get(file.slice(0, 2))
      : undefined;
    const body = file.endsWith('.jws') ? entry?.statement?.source : entry?.provisionText;
    if (!entry || body === undefined)
      return c.json(errorBody('NOT_FOUND', 'no statement or provisioning of that state here'), 404);
    c.header('Cache-Control', CACHE);
    return c.body(body.endsWith('\n') ? body : `${body}\n`, 200, {
      'Content-Type': file.endsWith('.jws') ? 'application/jose' : 'application/json',
    });
  });
  return app;
}
