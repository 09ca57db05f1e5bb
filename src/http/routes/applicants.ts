// /api/v1/applicants: register, search (POST: names stay out of URLs), correct, portrait.

import { type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  checkApplicant,
  createApplicant,
  getApplicant,
  getPhoto,
  photoSeal,
  MAX_PHOTO_BYTES,
  searchApplicants,
  setPhoto,
  updateApplicant,
} from '../../services/registry/applicants.js';

import { rateLimit } from '../middleware/rate-limit.js';
import { applicantBody, applicantSearchBody } from '../schemas.js';

import { Hono } from 'hono';
import { AppError } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import { jsonBody } from '../validate.js';
import { actorOf, type AuthEnv, type StaffLimits } from '../middleware/auth.js';
import { chargeRecords } from '../middleware/personal-data.js';
import { pathId } from '../path-id.js';
import { photoResponse } from '../photo-response.js';
import { sealResponse } from '../seal-response.js';

/** Mounted at /api/v1/applicants, behind staff authentication (routes/api.ts). */
export function applicantRoutes(deps: Deps, limits?: StaffLimits) {
  const app = new Hono<AuthEnv>();
  // Finding people or documents has its own, smaller budget per account (see StaffLimits).
  const searchLimit: MiddlewareHandler<AuthEnv> = limits
    ? rateLimit(limits.search, (c) => (c as Context<AuthEnv>).get('auth').actor.staffId)
    : async (_c, next) => next();
  // Search takes its query in the body: names and birth dates in a URL end up in proxy logs, browser
  // history and integrators' HTTP client logs, out of our reach. There is deliberately no GET form.
  app.post('/search', searchLimit, async (c) => {
    const found = await searchApplicants(deps, actorOf(c), await jsonBody(c, applicantSearchBody));
    await chargeRecords(deps, c, found.items.length);
    return c.json(found);
  });
  // Before saving: which records of the office may be the same person (issue 24, item 8). Charged like a search.
  app.post('/check', searchLimit, async (c) => {
    const checked = await checkApplicant(deps, actorOf(c), await jsonBody(c, applicantBody));
    await chargeRecords(deps, c, checked.possibleDuplicates.length);
    return c.json(checked);
  });
  app.post('/', async (c) =>
    c.json(await createApplicant(deps, actorOf(c), await jsonBody(c, applicantBody)), 201),
  );
  app.get('/:id', async (c) => {
    const applicant = await getApplicant(deps, actorOf(c), pathId(c.req.param('id'), 'applicant'));
    return c.json(applicant);
  });
  app.put('/:id', async (c) =>
    c.json(
      await updateApplicant(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'applicant'),
        await jsonBody(c, applicantBody),
      ),
    ),
  );
  app.put(
    '/:id/photo',
    bodyLimit({
      maxSize: MAX_PHOTO_BYTES,
      onError: () => {
        throw new AppError('PAYLOAD_TOO_LARGE', 'the photo is larger than 2 MiB');
      },
    }),
    async (c) => {
      const mime = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
      await setPhoto(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'applicant'),
        mime,
        new Uint8Array(await c.req.arrayBuffer()),
      );
      return c.body(null, 204);
    },
  );
  // What the seal would carry of the current photo: the clerk checks the crop before submitting.
  app.get('/:id/photo/seal', async (c) =>
    sealResponse(c, await photoSeal(deps, actorOf(c), pathId(c.req.param('id'), 'applicant'))),
  );
  app.get('/:id/photo', async (c) => {
    const photo = await getPhoto(deps, actorOf(c), pathId(c.req.param('id'), 'applicant'));
    return photoResponse(c, photo);
  });

  return app;
}
