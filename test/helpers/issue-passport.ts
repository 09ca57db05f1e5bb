// Issues a passport through the API as a clerk and an approver; returns the document.
import { api, NAVITSKAYA, tokenFor, type TestRegistry } from './registry.js';

export async function issuePassport(r: TestRegistry, person: Record<string, string> = NAVITSKAYA): Promise<{ id: string; qrText: string; number: string; statusIndex: number }> {
  const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
  const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
  const applicant = (await clerk('POST', '/api/v1/applicants', person)).json;
  const app = (await clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' })).json;
  await clerk('POST', `/api/v1/applications/${app.id}/submit`);
  await approver('POST', `/api/v1/applications/${app.id}/approve`);
  const doc = await clerk('POST', `/api/v1/applications/${app.id}/issue`);
  if (doc.status !== 201) throw new Error(doc.text);
  return doc.json;
}
