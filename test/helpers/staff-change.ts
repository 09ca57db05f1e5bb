// Account changes take two administrators (services/staff/staff-requests.ts): the office admin asks, the cabinet
// admin confirms.
import { api, type TestRegistry, tokenFor } from './registry.js';

/** POST /staff or PATCH /staff/{id} by `asker`, confirmed by `confirmer`; returns the confirmation. */
export async function staffChangeAsTwo(
  app: TestRegistry['app'],
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  asker = 'pl-office_admin',
  confirmer = 'cabinet',
): Promise<{ status: number; json: any; text: string }> {
  const asked = await api(app, await tokenFor(app, asker))(method, path, body);
  if (asked.status !== 202) return asked;
  return api(app, await tokenFor(app, confirmer))('POST', `/api/v1/staff-requests/${asked.json.id}/confirm`);
}
