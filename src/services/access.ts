// Authorisation rules in one place. Records of another office answer NOT_FOUND, not FORBIDDEN: staff of one
// embassy must not even learn that a record exists elsewhere.

import type { Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from './deps.js';

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role))
    throw new AppError('FORBIDDEN', `this action needs the role ${roles.join(' or ')}`);
}

/** The actor's office; cabinet admins have none and cannot act on an office's personal records. */
export function ownOffice(actor: Actor): string {
  if (!actor.officeId) throw new AppError('FORBIDDEN', "this action is for staff of a People's Embassy");
  return actor.officeId;
}

export function requireSameOffice(actor: Actor, officeId: string | undefined, what: string): void {
  if (!officeId || officeId !== actor.officeId) throw new AppError('NOT_FOUND', `${what} not found`);
}

export function page(limit: unknown): number {
  const n = limit === undefined ? 25 : Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new AppError('BAD_REQUEST', 'limit must be between 1 and 100', [
      {
        field: 'limit',
        code: 'OUT_OF_RANGE',
        message: 'must be between 1 and 100',
        params: { min: 1, max: 100 },
      },
    ]);
  return n;
}
