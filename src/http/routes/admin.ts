// Offices, staff and keys in use: /api/v1/offices, /api/v1/staff, /api/v1/keys.

import { Hono } from 'hono';
import { AppError } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import { createOffice, createStaff, listOffices, listStaff, updateStaff } from '../../services/offices.js';
import { requireRole } from '../../services/access.js';
import { maySignAt } from '../../core/trust-list.js';
import { keyWarnings, ROTATION_NOTICE_DAYS } from '../../trust/key-warnings.js';
import { actorOf, requireStaff, type AuthEnv, type StaffLimits } from '../middleware/auth.js';
import { auditQuery, idParam, officeBody, staffBody, staffPatch } from '../schemas.js';
import { listAudit, verifyAuditChain } from '../../services/audit.js';
import { crossOfficePassports } from '../../services/cross-office.js';
import { jsonBody, query } from '../validate.js';

export function pathId(value: string | undefined, what: string): string {
  if (!value || !idParam.safeParse(value).success) throw new AppError('NOT_FOUND', `${what} not found`);
  return value;
}

export function adminRoutes(deps: Deps, limits?: StaffLimits) {
  const app = new Hono<AuthEnv>();
  app.use('*', requireStaff(deps, limits));

  app.get('/offices', async (c) => c.json({ items: await listOffices(deps, actorOf(c)) }));
  app.post('/offices', async (c) =>
    c.json(await createOffice(deps, actorOf(c), await jsonBody(c, officeBody)), 201),
  );

  app.get('/staff', async (c) =>
    c.json({ items: await listStaff(deps, actorOf(c), c.req.query('officeId')) }),
  );
  app.post('/staff', async (c) =>
    c.json(await createStaff(deps, actorOf(c), await jsonBody(c, staffBody)), 201),
  );
  app.patch('/staff/:id', async (c) =>
    c.json(
      await updateStaff(
        deps,
        actorOf(c),
        pathId(c.req.param('id'), 'staff member'),
        await jsonBody(c, staffPatch),
      ),
    ),
  );

  app.get('/reports/cross-office-passports', async (c) =>
    c.json({ items: await crossOfficePassports(deps, actorOf(c)) }),
  );
  app.get('/audit', async (c) => c.json(await listAudit(deps, actorOf(c), query(c, auditQuery))));
  // The whole chain is walked: cabinet admins only (nbr audit verify does the same offline).
  app.get('/audit/verify', async (c) => {
    requireRole(actorOf(c), 'cabinet_admin');
    return c.json(await verifyAuditChain(deps.db));
  });

  // Which issuer keys the office signs with, and when each must be rotated.
  app.get('/keys', async (c) => {
    const actor = actorOf(c);
    requireRole(actor, 'office_admin', 'cabinet_admin');
    const offices =
      actor.role === 'cabinet_admin' ? [...deps.keyring.trust.offices.keys()] : [actor.officeCode ?? ''];
    const now = Math.floor(deps.clock.now() / 1000);
    const iso = (s: number | null | undefined) =>
      s === null || s === undefined ? null : new Date(s * 1000).toISOString();
    const items = offices.flatMap((office) =>
      deps.keyring.officeKeys(office).map(({ key, held }) => ({
        kid: key.kid,
        office,
        documentTypes: key.documentTypes,
        signFrom: iso(key.signFrom),
        signUntil: iso(key.signUntil),
        validUntil: iso(key.validUntil),
        revokedAt: iso(key.revokedAt),
        heldByThisService: held,
        inUse: held && maySignAt(key, now),
        rotateBy: iso(key.signUntil - ROTATION_NOTICE_DAYS * 86_400),
      })),
    );
    // Cabinet admins also see the status keys, and each admin the rotation warnings of what they look after.
    const statusKeys =
      actor.role === 'cabinet_admin'
        ? deps.keyring.statusKeys().map(({ key, held }) => ({
            kid: key.kid,
            signFrom: iso(key.signFrom),
            signUntil: iso(key.signUntil),
            revokedAt: iso(key.revokedAt),
            heldByThisService: held,
            inUse: deps.keyring.statusSignerFor(now)?.key.kid === key.kid,
            rotateBy: iso(key.signUntil - ROTATION_NOTICE_DAYS * 86_400),
          }))
        : undefined;
    const warnings = keyWarnings(deps.keyring, now).filter(
      (w) => actor.role === 'cabinet_admin' || w.scope === actor.officeCode,
    );
    return c.json({
      items,
      ...(statusKeys ? { statusKeys } : {}),
      warnings,
      trustList: {
        sequence: deps.keyring.trust.sequence,
        issuedAt: iso(deps.keyring.trust.issuedAt),
        nextUpdate: iso(deps.keyring.trust.nextUpdate),
      },
    });
  });

  return app;
}
