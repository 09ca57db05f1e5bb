// Revoking takes two people: the office's approver asks, its office admin confirms (services/registry/revocations.ts).
import { api, type TestRegistry, tokenFor } from './registry.js';

export async function revokeAsTwo(
  app: TestRegistry['app'],
  documentId: string,
  input: { reason: string; note?: string },
  office: 'pl' | 'lt' = 'pl',
): Promise<{ status: number; json: any }> {
  const approver = api(app, await tokenFor(app, `${office}-approver`));
  const admin = api(app, await tokenFor(app, `${office}-office_admin`));
  const asked = await approver('POST', `/api/v1/documents/${documentId}/revoke`, input);
  if (asked.status !== 202) return asked;
  return admin('POST', `/api/v1/revocations/${asked.json.id}/confirm`);
}
