// The personal-data budget at the door (issue 21): every staff route is charged one record before its handler
// runs, unless it is on the short list below of routes that never return a person's data. Charging by default
// means that a new route is covered without anyone remembering to (test/http/data-budget-routes.test.ts walks
// every route of the app with a spent budget), and charging before the handler means that an account over its
// budget is refused before anything happens: a search that would match nobody is refused like one that
// would match someone (no "is this person registered" oracle), and an action (create, submit, issue) is not
// carried out only for its answer to be withheld.

import type { Context, MiddlewareHandler } from 'hono';
import { chargePersonalData } from '../../services/staff/data-budget.js';
import type { Deps } from '../../services/deps.js';
import type { AuthEnv } from './auth.js';

/**
 * Routes under /api/v1 whose answers carry no person's data: accounts and requests about staff, offices,
 * reports (counts), the audit trail (ids and action names), keys, integrator keys, document types, and the
 * event histories of applications and documents (who did what, when). Everything else is charged.
 */
const NOT_PERSONAL: readonly RegExp[] = [
  /^\/api\/v1\/(session|offices|staff|staff-requests|reports|audit|keys|integrator-keys|document-types)(\/|$)/,
  /^\/api\/v1\/(applications|documents)\/[^/]+\/events$/,
];

export function carriesPersonalData(path: string): boolean {
  return !NOT_PERSONAL.some((re) => re.test(path));
}

/** Charges one record before the handler of every route that can return a person's data. */
export function personalDataGate(deps: Deps): MiddlewareHandler<AuthEnv> {
  return async function personalDataBudget(c, next) {
    if (carriesPersonalData(c.req.path)) {
      await chargePersonalData(deps, c.get('auth').actor, 1);
      c.set('personalDataCharged', 1);
    }
    await next();
  };
}

/**
 * A list or search answered `records` people: charges what the gate has not already taken (the gate's one
 * record covers an empty answer, so an empty search costs the same as a hit of one).
 */
export async function chargeRecords(deps: Deps, c: Context<AuthEnv>, records: number): Promise<void> {
  const already = c.get('personalDataCharged') ?? 0;
  await chargePersonalData(deps, c.get('auth').actor, records - already);
}
