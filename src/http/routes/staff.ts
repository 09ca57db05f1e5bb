import { Hono } from 'hono';
import type { Deps } from '../../services/deps.js';
import { AppError } from '../../errors.js';
import { listStaff, restrictStaff } from '../../services/staff/staff.js';
import {
  decideStaffRequest,
  listStaffRequests,
  requestNewStaff,
  requestStaffChange,
} from '../../services/staff/staff-requests.js';
import { staffBody, staffPatch, staffQuery } from '../schemas.js';
import { jsonBody, query } from '../validate.js';
import { actorOf, type AuthEnv } from '../middleware/auth.js';
import { pathId } from '../path-id.js';

/**
 * Mounted at /api/v1/staff, behind staff authentication (routes/api.ts). Creating an account and the changes
 * that give power answer 202 with a request that a second administrator confirms (services/staff/staff-requests.ts);
 * disabling and unlocking take effect at once (200).
 */
export function staffRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) =>
    c.json({ items: await listStaff(deps, actorOf(c), query(c, staffQuery).officeId) }),
  );
  app.post('/', async (c) =>
    c.json(await requestNewStaff(deps, actorOf(c), await jsonBody(c, staffBody)), 202),
  );
  app.patch('/:id', async (c) => {
    const id = pathId(c.req.param('id'), 'staff member');
    const patch = await jsonBody(c, staffPatch);
    const grants = patch.role !== undefined || patch.disabled === false || patch.resetPassword === true;
    const restricts = patch.disabled === true || patch.unlock === true;
    if (grants && restricts)
      throw new AppError(
        'VALIDATION_FAILED',
        'disabling and unlocking take effect at once, role, re-enabling and password need a second administrator: send them separately',
        [{ field: 'disabled', code: 'SEND_SEPARATELY', message: 'send separately' }],
      );
    if (!grants) {
      if (!restricts) throw new AppError('VALIDATION_FAILED', 'nothing to change');
      return c.json(
        await restrictStaff(deps, actorOf(c), id, {
          ...(patch.disabled ? { disabled: true as const } : {}),
          ...(patch.unlock ? { unlock: true as const } : {}),
        }),
      );
    }
    const request = await requestStaffChange(deps, actorOf(c), id, {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled === false ? { enable: true as const } : {}),
      ...(patch.resetPassword ? { resetPassword: true as const } : {}),
    });
    return c.json(request, 202);
  });
  return app;
}

/** Mounted at /api/v1/staff-requests: account changes waiting for a second administrator. */
export function staffRequestRoutes(deps: Deps) {
  const app = new Hono<AuthEnv>();
  app.get('/', async (c) => c.json({ items: await listStaffRequests(deps, actorOf(c)) }));
  for (const decision of ['confirm', 'refuse'] as const)
    app.post(`/:id/${decision}`, async (c) =>
      c.json(
        await decideStaffRequest(deps, actorOf(c), pathId(c.req.param('id'), 'staff request'), decision),
      ),
    );
  return app;
}
