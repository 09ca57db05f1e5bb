// Applicants, applications and documents: /api/v1/applicants, /applications, /documents.

import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import {
  createApplicant,
  getApplicant,
  getPhoto,
  MAX_PHOTO_BYTES,
  searchApplicants,
  setPhoto,
  updateApplicant,
} from '../../services/applicants.js';
import {
  applicationEvents,
  applicationPhoto,
  approveApplication,
  createApplication,
  getApplication,
  listApplications,
  rejectApplication,
  submitApplication,
  updateDraft,
} from '../../services/applications.js';
import {
  documentEvents,
  documentPhoto,
  documentQrPng,
  documentQrSvg,
  findDocumentByNumber,
  getDocument,
  listDocuments,
  revokeDocument,
} from '../../services/documents.js';
import { issueDocument } from '../../services/issuance.js';
import { actorOf, requireStaff, type AuthEnv, type StaffLimits } from '../middleware/auth.js';
import { rateLimit } from '../middleware/rate-limit.js';
import {
  applicantBody,
  applicantSearchBody,
  applicationBody,
  applicationPatch,
  documentLookupBody,
  listQuery,
  printQuery,
  rejectBody,
  revokeBody,
} from '../schemas.js';
import { jsonBody, query } from '../validate.js';
import { pathId } from './admin.js';
import { passportDataPage } from '../print-td3.js';
import { printView } from '../print-view.js';
import type { StatusListPublisher } from '../../services/status-list.js';

export function registryRoutes(deps: Deps, statusList: StatusListPublisher, limits?: StaffLimits) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireStaff(deps, limits));
  // Finding people or documents has its own, smaller budget per account (see StaffLimits).
  const searchLimit: MiddlewareHandler<AuthEnv> = limits
    ? rateLimit(limits.search, (c) => (c as Context<AuthEnv>).get('auth').actor.staffId)
    : async (_c, next) => next();

  app.get('/document-types', (c) =>
    c.json({ items: deps.registry.all().map((t) => ({ name: t.name, title: t.title, schema: t.schema })) }),
  );

  // Search takes its query in the body: names and birth dates in a URL end up in proxy logs, browser
  // history and integrators' HTTP client logs, out of our reach. There is deliberately no GET form.
  app.post('/applicants/search', searchLimit, async (c) =>
    c.json(await searchApplicants(deps, actorOf(c), await jsonBody(c, applicantSearchBody))),
  );
  app.post('/applicants', async (c) =>
    c.json(await createApplicant(deps, actorOf(c), await jsonBody(c, applicantBody)), 201),
  );
  app.get('/applicants/:id', async (c) =>
    c.json(await getApplicant(deps, actorOf(c), pathId(c.req.param('id'), 'applicant'))),
  );
  app.put('/applicants/:id', async (c) =>
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
    '/applicants/:id/photo',
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
  // A portrait is personal data: never cached, by the browser or anything on the way.
  const photoResponse = (c: Context, photo: { mime: string; data: Uint8Array }) =>
    c.body(new Uint8Array(photo.data), 200, {
      'Content-Type': photo.mime,
      'Cache-Control': 'private, no-store',
    });
  app.get('/applicants/:id/photo', async (c) =>
    photoResponse(c, await getPhoto(deps, actorOf(c), pathId(c.req.param('id'), 'applicant'))),
  );

  app.get('/applications', async (c) =>
    c.json(await listApplications(deps, actorOf(c), query(c, listQuery))),
  );
  app.post('/applications', async (c) =>
    c.json(await createApplication(deps, actorOf(c), await jsonBody(c, applicationBody)), 201),
  );
  app.get('/applications/:id', async (c) =>
    c.json(await getApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.patch('/applications/:id', async (c) =>
    c.json(
      await updateDraft(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'application'),
        (await jsonBody(c, applicationPatch)).data,
      ),
    ),
  );
  app.get('/applications/:id/photo', async (c) =>
    photoResponse(c, await applicationPhoto(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.get('/applications/:id/events', async (c) =>
    c.json({ items: await applicationEvents(deps, actorOf(c), pathId(c.req.param('id'), 'application')) }),
  );
  app.post('/applications/:id/submit', async (c) =>
    c.json(await submitApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.post('/applications/:id/approve', async (c) =>
    c.json(await approveApplication(deps, actorOf(c), pathId(c.req.param('id'), 'application'))),
  );
  app.post('/applications/:id/reject', async (c) =>
    c.json(
      await rejectApplication(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'application'),
        (await jsonBody(c, rejectBody)).reason,
      ),
    ),
  );
  app.post('/applications/:id/issue', async (c) => {
    const doc = await issueDocument(deps, actorOf(c), pathId(c.req.param('id'), 'application'));
    // Issuing a passport may have superseded an earlier one: publish its revocation at once.
    if (doc.superseded.length) statusList.invalidate();
    return c.json(doc, 201);
  });

  app.get('/documents', async (c) => c.json(await listDocuments(deps, actorOf(c), query(c, listQuery))));
  // By number, in the body like applicant search: document numbers stay out of URLs and logs.
  app.post('/documents/lookup', searchLimit, async (c) =>
    c.json(await findDocumentByNumber(deps, actorOf(c), (await jsonBody(c, documentLookupBody)).number)),
  );
  app.get('/documents/:id', async (c) =>
    c.json(await getDocument(deps, actorOf(c), pathId(c.req.param('id'), 'document'))),
  );
  app.get('/documents/:id/events', async (c) =>
    c.json({ items: await documentEvents(deps, actorOf(c), pathId(c.req.param('id'), 'document')) }),
  );
  app.post('/documents/:id/revoke', async (c) => {
    const doc = await revokeDocument(
      deps,
      actorOf(c),
      pathId(c.req.param('id'), 'document'),
      await jsonBody(c, revokeBody),
    );
    statusList.invalidate();
    return c.json(doc);
  });
  app.get('/documents/:id/qr.svg', async (c) => {
    const svg = await documentQrSvg(deps, actorOf(c), pathId(c.req.param('id'), 'document'));
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'private, no-store' });
  });
  app.get('/documents/:id/qr.png', async (c) => {
    const png = await documentQrPng(deps, actorOf(c), pathId(c.req.param('id'), 'document'));
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'private, no-store',
      'Content-Disposition': 'attachment; filename="document-qr.png"',
    });
  });
  app.get('/documents/:id/print', async (c) => {
    const id = pathId(c.req.param('id'), 'document');
    const { layout = 'a4' } = query(c, printQuery);
    const actor = actorOf(c);
    const doc = await getDocument(deps, actor, id);
    if (layout === 'td3' && !doc.mrz)
      throw new AppError('VALIDATION_FAILED', 'the passport page layout is for passports', [
        { field: 'layout', message: 'only for passports' },
      ]);
    const svg = await documentQrSvg(deps, actor, id);
    const officeName = deps.keyring.trust.offices.get(actor.officeCode ?? '')?.name ?? actor.officeCode ?? '';
    const headers = { 'Cache-Control': 'private, no-store' };
    if (layout === 'a4') return c.html(printView(doc, svg, deps.registry, officeName), 200, headers);
    const photo = await documentPhoto(deps, actor, id);
    return c.html(
      passportDataPage({ doc, qrSvg: svg, officeName, issuingState: deps.config.issuingState, photo }),
      200,
      headers,
    );
  });

  return app;
}
