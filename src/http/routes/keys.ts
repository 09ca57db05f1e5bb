// /api/v1/keys: the issuer and status keys in use, and what must be rotated when.

import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { requireRole } from '../../services/access.js';
import { maySignAt } from '../../core/trust-list.js';
import { keyWarnings, ROTATION_NOTICE_DAYS } from '../../trust/key-warnings.js';

import { actorOf, type AuthEnv } from '../middleware/auth.js';

/** Mounted at /api/v1/keys, behind staff authentication (routes/api.ts). */
export function keyRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  // Which issuer keys the office signs with, and when each must be rotated.
  app.get('/', async (c) => {
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
    // Every office issues into the one status list: each admin sees when it fills up.
    const capacity = await deps.statusCapacity();
    if (capacity.warning)
      warnings.push({
        scope: 'statusList',
        code: capacity.next ? 'STATUS_LIST_FILLING' : 'STATUS_LIST_FULLEST',
        message: capacity.warning,
        params: {
          percent: Math.round(capacity.fill * 100),
          used: capacity.used,
          size: capacity.size,
          ...(capacity.next ? { next: capacity.next } : {}),
        },
      });
    return c.json({
      items,
      ...(statusKeys ? { statusKeys } : {}),
      warnings,
      statusList: { used: capacity.used, size: capacity.size },
      trustList: {
        sequence: deps.keyring.trust.sequence,
        issuedAt: iso(deps.keyring.trust.issuedAt),
        nextUpdate: iso(deps.keyring.trust.nextUpdate),
      },
    });
  });

  return app;
}
