// /api/v1/documents: list, lookup by number (POST), events, revoke, QR images, print views.

import { type Context, type MiddlewareHandler } from 'hono';
import {
  documentEvents,
  documentPhoto,
  documentQrPng,
  documentQrSvg,
  findDocumentByNumber,
  getDocument,
  listDocuments,
} from '../../services/registry/documents.js';

import { rateLimit } from '../middleware/rate-limit.js';
import { documentLookupBody, listQuery, printQuery, revokeBody } from '../schemas.js';
import { passportDataPage } from '../print-td3.js';
import { printView } from '../print-view.js';
import type { StatusListPublisher } from '../../services/status/status-list.js';

import { Hono } from 'hono';
import { AppError } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import { jsonBody, query } from '../validate.js';
import { actorOf, type AuthEnv, type StaffLimits } from '../middleware/auth.js';
import { chargeRecords } from '../middleware/personal-data.js';
import { pageHeaders } from '../headers.js';
import { pendingRevocationOf, requestRevocation } from '../../services/registry/revocations.js';
import { pathId } from '../path-id.js';
import { serviceOrigin } from '../service-origin.js';

/** Mounted at /api/v1/documents, behind staff authentication (routes/api.ts). */
export function documentRoutes(deps: Deps, statusList: StatusListPublisher, limits?: StaffLimits) {
  const app = new Hono<AuthEnv>();
  // Finding people or documents has its own, smaller budget per account (see StaffLimits).
  const searchLimit: MiddlewareHandler<AuthEnv> = limits
    ? rateLimit(limits.search, (c) => (c as Context<AuthEnv>).get('auth').actor.staffId)
    : async (_c, next) => next();
  app.get('/', async (c) => {
    const page = await listDocuments(deps, actorOf(c), query(c, listQuery));
    await chargeRecords(deps, c, page.items.length);
    return c.json(page);
  });
  // By number, in the body like applicant search: document numbers stay out of URLs and logs.
  app.post('/lookup', searchLimit, async (c) => {
    const doc = await findDocumentByNumber(deps, actorOf(c), (await jsonBody(c, documentLookupBody)).number);
    return c.json(doc);
  });
  app.get('/:id', async (c) => {
    const doc = await getDocument(deps, actorOf(c), pathId(c.req.param('id'), 'document'));
    const pending = doc.state === 'issued' ? await pendingRevocationOf(deps, doc.id) : undefined;
    return c.json(pending ? { ...doc, pendingRevocation: pending } : doc);
  });
  app.get('/:id/events', async (c) =>
    c.json({ items: await documentEvents(deps, actorOf(c), pathId(c.req.param('id'), 'document')) }),
  );
  // The first of two people: the request waits for another approver or admin (routes/revocations.ts).
  app.post('/:id/revoke', async (c) =>
    c.json(
      await requestRevocation(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'document'),
        await jsonBody(c, revokeBody),
      ),
      202,
    ),
  );
  app.get('/:id/qr.svg', async (c) => {
    const svg = await documentQrSvg(deps, actorOf(c), pathId(c.req.param('id'), 'document'));
    return c.body(svg, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'private, no-store' });
  });
  app.get('/:id/qr.png', async (c) => {
    const png = await documentQrPng(deps, actorOf(c), pathId(c.req.param('id'), 'document'));
    return c.body(new Uint8Array(png), 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'private, no-store',
      'Content-Disposition': 'attachment; filename="document-qr.png"',
    });
  });
  app.get('/:id/print', pageHeaders, async (c) => {
    const id = pathId(c.req.param('id'), 'document');
    const { layout = 'a4' } = query(c, printQuery);
    const actor = actorOf(c);
    const doc = await getDocument(deps, actor, id);
    if (layout === 'td3' && !doc.mrz)
      throw new AppError('VALIDATION_FAILED', 'the passport page layout is for passports', [
        { field: 'layout', code: 'PASSPORT_ONLY', message: 'only for passports' },
      ]);
    const svg = await documentQrSvg(deps, actor, id);
    const officeName = deps.keyring.trust.offices.get(actor.officeCode ?? '')?.name ?? actor.officeCode ?? '';
    const headers = { 'Cache-Control': 'private, no-store' };
    const origin = serviceOrigin(c, deps.config);
    const photo = await documentPhoto(deps, actor, id);
    if (layout === 'a4')
      return c.html(
        printView(doc, svg, deps.documentTypes, officeName, origin, photo ?? undefined),
        200,
        headers,
      );
    return c.html(
      passportDataPage({
        doc,
        qrSvg: svg,
        officeName,
        issuingState: deps.config.issuingState,
        origin,
        photo,
      }),
      200,
      headers,
    );
  });

  return app;
}
