// Offices (People's Embassies). Staff accounts: services/staff/staff.ts.

import type { Office } from '../../db/schema.js';
import { OFFICE_CODE } from '../../core/payload.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../access.js';
import { appendAudit } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';

const SERIES_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export async function createOffice(
  deps: Deps,
  actor: Actor | null,
  input: { code: string; name: string; country: string },
): Promise<Office> {
  if (actor) requireRole(actor, 'cabinet_admin');
  if (!OFFICE_CODE.test(input.code))
    throw new AppError('VALIDATION_FAILED', 'invalid office code', [
      {
        field: 'code',
        code: 'OFFICE_CODE',
        message: 'two capital letters, optionally a hyphen and 2-8 more (PL-WAW)',
      },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('offices').select('id').where('code', '=', input.code).executeTakeFirst()) {
      throw new AppError('CONFLICT', `office ${input.code} exists`, [
        { field: 'code', code: 'TAKEN', message: 'already exists' },
      ]);
    }
    const used = new Set((await trx.selectFrom('offices').select('series').execute()).map((r) => r.series));
    const free: string[] = [];
    for (const a of SERIES_LETTERS) for (const b of SERIES_LETTERS) if (!used.has(a + b)) free.push(a + b);
    if (free.length === 0) throw new AppError('CONFLICT', 'no document number series left');
    const pick = deps.random(2);
    const office: Office = {
      id: deps.ids(),
      code: input.code,
      name: input.name,
      country: input.country,
      series: free[((pick[0]! << 8) | pick[1]!) % free.length]!,
      created_at: isoNow(deps.clock),
    };
    await trx.insertInto('offices').values(office).execute();
    await appendAudit(trx, deps, actor, {
      action: 'office.create',
      targetType: 'office',
      targetId: office.id,
      details: { code: office.code },
    });
    return office;
  });
}

export async function listOffices(deps: Deps, actor: Actor): Promise<Office[]> {
  let q = deps.db.selectFrom('offices').selectAll().orderBy('code');
  if (actor.role !== 'cabinet_admin') q = q.where('id', '=', actor.officeId ?? '');
  return q.execute();
}
