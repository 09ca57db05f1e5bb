// /api/v1/applications: create, edit drafts, submit, approve or reject (two people), issue.

import {
  applicationEvents,
  applicationPhoto,
  applicationSeal,
  approveApplication,
  createApplication,
  getApplication,
  listApplications,
  withdrawApplication,
  reapply,
  rejectApplication,
  submitApplication,
  updateDraft,
} from '../../services/registry/applications.js';
import { issueDocument } from '../../services/registry/issuance.js';

import { applicationBody, applicationPatch, listQuery, rejectBody } from '../schemas.js';
import type { StatusListPublisher } from '../../services/status/status-list.js';

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { jsonBody, query } from '../validate.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';
import { chargeRecords } from '../middleware/personal-data.js';
import { pathId } from '../path-id.js';
import { photoResponse } from '../photo-response.js';
import { sealResponse } from '../seal-response.js';

/** Mounted at /api/v1/applications, behind staff authentication (routes/api.ts). */
export function applicationRoutes(deps: Deps, statusList: StatusListPublisher) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => {
    const page = await listApplications(deps, actorOf(c), query(c, listQuery));
    await chargeRecords(deps, c, page.items.length);
    return c.json(page);
  });
  app.post('/', async (c) =>
    c.json(await createApplication(deps, actorOf(c), await jsonBody(c, applicationBody)), 201),
  );
  app.get('/:id', async (c) => {
    const application = await getApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'));
    return c.json(application);
  });
  app.patch('/:id', async (c) =>
    c.json(
      await updateDraft(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'application'),
        (await jsonBody(c, applicationPatch)).data,
      ),
    ),
  );
  app.get('/:id/photo', async (c) => {
    const photo = await applicationPhoto(deps, actorOf(c), pathId(c.req.param('id'), 'application'));
    return photoResponse(c, photo);
  });
  // The face the document will carry, made at submission: the approver approves it with the data.
  app.get('/:id/seal', async (c) =>
    sealResponse(c, await applicationSeal(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.get('/:id/events', async (c) =>
    c.json({ items: await applicationEvents(deps, actorOf(c), pathId(c.req.param('id'), 'application')) }),
  );
  app.post('/:id/withdraw', async (c) =>
    c.json(await withdrawApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.post('/:id/reapply', async (c) =>
    c.json(await reapply(deps, actorOf(c), pathId(c.req.param('id'), 'application')), 201),
  );
  app.post('/:id/submit', async (c) =>
    c.json(await submitApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.post('/:id/approve', async (c) =>
    c.json(await approveApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.post('/:id/reject', async (c) =>
    c.json(
      await rejectApplication(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'application'),
        (await jsonBody(c, rejectBody)).reason,
      ),
    ),
  );
  app.post('/:id/issue', async (c) => {
    const doc = await issueDocument(deps, actorOf(c), pathId(c.req.param('id'), 'application'));
    // Issuing a passport may have superseded an earlier one: publish its revocation at once.
    if (doc.superseded.length) statusList.invalidate();
    return c.json(doc, 201);
  });

  return app;
}
