// Passports through the API, as the clerk and the approver of one office would issue them.
import { testPhoto } from './photo.js';
import { api, NAVITSKAYA, tokenFor, type Api, type TestRegistry } from './registry.js';

type App = TestRegistry['app'];
type Office = 'pl' | 'lt';
export interface IssuedPassport {
  id: string;
  qrText: string;
  number: string;
  statusIndex: number;
  superseded: string[];
  data: Record<string, string>;
  mrz: string[] | null;
  applicantId: string;
}

/** The office's clerk and approver, logged in once for all the steps. */
async function desk(app: App, office: Office): Promise<{ clerk: Api; approver: Api }> {
  return {
    clerk: api(app, await tokenFor(app, `${office}-clerk`)),
    approver: api(app, await tokenFor(app, `${office}-approver`)),
  };
}

async function approve(
  { clerk, approver }: { clerk: Api; approver: Api },
  applicantId: string,
): Promise<string> {
  // A passport needs a portrait before it can be submitted; keep one a test uploaded itself.
  if ((await clerk('GET', `/api/v1/applicants/${applicantId}/photo`)).status === 404)
    await clerk('PUT', `/api/v1/applicants/${applicantId}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
  const application = (await clerk('POST', '/api/v1/applications', { applicantId, documentType: 'passport' }))
    .json;
  await clerk('POST', `/api/v1/applications/${application.id}/submit`);
  await approver('POST', `/api/v1/applications/${application.id}/approve`);
  return application.id as string;
}

/**
 * Any document type (certificates: with their data) for an existing applicant: registered by the clerk,
 * approved by the approver, issued by the clerk; throws with the answer unless each step succeeds.
 */
export async function issueDocumentTo(
  app: App,
  applicantId: string,
  documentType: string,
  data: Record<string, string>,
  office: Office = 'pl',
): Promise<IssuedPassport> {
  const { clerk, approver } = await desk(app, office);
  const application = await clerk('POST', '/api/v1/applications', { applicantId, documentType, data });
  if (application.status !== 201) throw new Error(`${documentType}: ${application.text}`);
  for (const [who, step] of [
    [clerk, 'submit'],
    [approver, 'approve'],
  ] as const) {
    const done = await who('POST', `/api/v1/applications/${application.json.id}/${step}`);
    if (done.status !== 200) throw new Error(`${documentType} ${step}: ${done.text}`);
  }
  const doc = await clerk('POST', `/api/v1/applications/${application.json.id}/issue`);
  if (doc.status !== 201) throw new Error(`${documentType} issue: ${doc.text}`);
  return doc.json;
}

async function issue(staff: { clerk: Api; approver: Api }, applicantId: string): Promise<IssuedPassport> {
  const doc = await staff.clerk('POST', `/api/v1/applications/${await approve(staff, applicantId)}/issue`);
  if (doc.status !== 201) throw new Error(doc.text);
  return doc.json;
}

/** A passport application for an existing applicant, submitted by the office's clerk and approved by its approver. */
export async function approvedPassport(
  app: App,
  applicantId: string,
  office: Office = 'pl',
): Promise<string> {
  return approve(await desk(app, office), applicantId);
}

/** The same, then issued by the clerk; throws with the answer unless it is 201. */
export async function issuePassportTo(
  app: App,
  applicantId: string,
  office: Office = 'pl',
): Promise<IssuedPassport> {
  return issue(await desk(app, office), applicantId);
}

/** A new applicant registered at the office, and a passport issued to them. */
export async function issuePassport(
  r: { app: App },
  person: Record<string, string> = NAVITSKAYA,
  office: Office = 'pl',
): Promise<IssuedPassport> {
  const staff = await desk(r.app, office);
  const applicant = (await staff.clerk('POST', '/api/v1/applicants', person)).json;
  return issue(staff, applicant.id);
}
