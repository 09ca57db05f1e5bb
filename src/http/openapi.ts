// OpenAPI 3.1 description of the HTTP API, generated from the zod schemas that validate the requests
// (src/http/schemas.ts) and from a schema of the verification result. test/http/public.test.ts checks that
// every route of the app is described here and that real responses match the described result schema.

import { z } from 'zod';
import { ANSWER_EXAMPLES, PASSPORT_FIELDS } from './openapi-answers.js';
import { componentSchemas } from './openapi-schemas.js';
import { REASON_MESSAGES } from '../core/reasons.js';
import * as s from './schemas.js';

export { errorSchema, verifyResultSchema } from './openapi-schemas.js';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** Named for generated clients; derived from method and path where not given. */
  operationId?: string;
  summary: string;
  tag: string;
  /** Roles allowed; empty for public endpoints. */
  roles: string[];
  body?: z.ZodType;
  bodyType?: string;
  query?: z.ZodObject;
  /** The success status (200 unless given; 204 has no body). */
  status?: 200 | 201 | 202 | 204;
  /** The success body: a component name (#/components/schemas/...), with its example (openapi-answers.ts). */
  response?: string;
  /** A second answer of the operation's own: PATCH staff's 202 request, /healthz's 503. */
  also?: { status: number; response: string; description: string };
  /** The success body's media types when not JSON (the first is the usual one). */
  produces?: string | string[];
}

const R = {
  read: ['clerk', 'approver', 'office_admin'],
  clerk: ['clerk'],
  approver: ['approver'],
  admins: ['office_admin', 'cabinet_admin'],
  any: ['clerk', 'approver', 'office_admin', 'cabinet_admin'],
};

export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    operationId: 'getDocumentJwks',
    response: 'Jwks',
    summary:
      "The embassies' document keys in force (not revoked) as a JWKS (RFC 7517), with nbr: members for their terms",
    tag: 'Trust',
    roles: [],
  },
  {
    method: 'get',
    path: '/.well-known/status-jwks.json',
    operationId: 'getStatusJwks',
    response: 'Jwks',
    summary:
      'The keys that may sign the status list, in force, as a JWKS: check a status list against these only',
    tag: 'Trust',
    roles: [],
  },
  {
    method: 'get',
    path: '/trust-list',
    operationId: 'getTrustList',
    summary: 'The root-signed trust list (JWS compact, /docs/qr-format.md section 8)',
    tag: 'Trust',
    roles: [],
    produces: 'application/jose',
  },
  {
    method: 'get',
    path: '/trust-list/root.jwk.json',
    response: 'RootJwk',
    operationId: 'getRootKey',
    summary: 'The Cabinet root public key this service trusts',
    tag: 'Trust',
    roles: [],
  },
  {
    method: 'get',
    path: '/status-list',
    operationId: 'getStatusList',
    summary: 'The signed revocation status list (JWS compact, gzip bitstring)',
    tag: 'Trust',
    roles: [],
    produces: 'application/jose',
  },
  {
    method: 'get',
    path: '/docs/{name}',
    operationId: 'getSpecification',
    summary:
      'The specifications and guides this API refers to, as Markdown (qr-format.md, recognition.md, ' +
      'transparency-log.md, integrators.md, api.md, ...): every /docs/ link in this description resolves here',
    tag: 'Trust',
    roles: [],
    produces: 'text/markdown',
  },
  {
    method: 'get',
    path: '/log/vkey',
    operationId: 'getLogVerifierKey',
    summary:
      "The log's verifier key (C2SP signed-note) for witness operators; the root-signed trust list carries the " +
      'same key, and `nbr log vkey --trust --root` reads it from there',
    tag: 'Trust',
    roles: [],
    produces: 'text/plain',
  },
  {
    method: 'get',
    path: '/recognition/index.json',
    response: 'RecognitionIndex',
    operationId: 'getRecognitionIndex',
    summary:
      "Host states whose recognition statements this registry republishes (/docs/recognition.md): each state's " +
      'names, authority, and where its provisioning file and latest statement are',
    tag: 'Trust',
    roles: [],
  },
  {
    method: 'get',
    path: '/recognition/statements/{file}',
    operationId: 'getRecognitionFile',
    summary:
      "A state's statement (CC.jws, JWS compact signed by the state) or provisioning file (CC.provision.json), " +
      'byte for byte as the state gave it (/docs/recognition.md)',
    tag: 'Trust',
    roles: [],
    produces: ['application/jose', 'application/json'],
  },
  {
    method: 'get',
    path: '/log/checkpoint',
    operationId: 'getLogCheckpoint',
    summary:
      'The transparency log checkpoint (C2SP tlog-checkpoint signed note, with witness cosignatures); ' +
      'tiles and entry bundles are under /log/tile/ (C2SP tlog-tiles, /docs/transparency-log.md)',
    tag: 'Trust',
    roles: [],
    produces: 'text/plain',
  },
  {
    method: 'post',
    path: '/api/v1/verify',
    operationId: 'verifyDocument',
    summary:
      'Verify a QR text: the same result and reason codes as the CLI and the verifier page. An integrator ' +
      "API key in X-Api-Key spends that key's budget instead of the address's",
    tag: 'Verification',
    roles: [],
    body: s.verifyBody,
    response: 'VerifyResult',
  },
  {
    method: 'post',
    path: '/api/v1/verify/batch',
    operationId: 'verifyDocuments',
    response: 'VerifyBatchResult',
    summary:
      'Verify up to 1,000 QR texts: {"results": [...]}, one result each, in order; ' +
      'each code counts against NBR_BATCH_RATE_LIMIT (6,000 a minute per address)',
    tag: 'Verification',
    roles: [],
    body: s.verifyBatchBody,
  },
  {
    method: 'get',
    path: '/api/v1/integrator-keys',
    response: 'IntegratorKeyList',
    summary: "Integrators' API keys (no secrets): label, creator, creation and revocation times",
    tag: 'Administration',
    roles: ['cabinet_admin'],
  },
  {
    method: 'post',
    path: '/api/v1/integrator-keys',
    status: 201,
    response: 'IntegratorKeyCreated',
    summary:
      'Create an API key for an integrator: its verifications (X-Api-Key) count against a budget of its own ' +
      '(NBR_INTEGRATOR_RATE_LIMIT a minute); the key is in this answer only',
    tag: 'Administration',
    roles: ['cabinet_admin'],
    body: s.integratorKeyBody,
  },
  {
    method: 'delete',
    path: '/api/v1/integrator-keys/{id}',
    response: 'IntegratorKey',
    summary: 'Revoke an API key (at once on this instance, within a minute on the others)',
    tag: 'Administration',
    roles: ['cabinet_admin'],
  },
  {
    method: 'get',
    path: '/healthz',
    response: 'Health',
    also: {
      status: 503,
      response: 'HealthFailing',
      description: 'Not ready: the failing checks, or the instance is stopping. Retry after Retry-After.',
    },
    operationId: 'getHealth',
    summary:
      'Readiness: 200 when the database answers, the trust list is current and a status key may sign; 503 with the failing checks',
    tag: 'Service',
    roles: [],
  },
  {
    method: 'post',
    path: '/api/v1/session',
    response: 'Login',
    summary: 'Log in: sets an HttpOnly session cookie and returns the CSRF token for X-CSRF-Token',
    tag: 'Session',
    roles: [],
    body: s.loginBody,
  },
  {
    method: 'get',
    path: '/api/v1/session',
    response: 'Session',
    summary: 'The logged-in staff member',
    tag: 'Session',
    roles: R.any,
  },
  {
    method: 'delete',
    path: '/api/v1/session',
    status: 204,
    summary: 'Log out',
    tag: 'Session',
    roles: R.any,
  },
  {
    method: 'get',
    path: '/api/v1/session/work',
    response: 'WorkCounts',
    summary:
      'What waits for the person logged in, as counts (no records): `queue` (submitted applications, approvers), ' +
      '`revocations` (asked by another person, approvers and office admins), `staffRequests` (account changes ' +
      'they may confirm, admins)',
    tag: 'Session',
    roles: R.any,
  },
  {
    method: 'get',
    path: '/api/v1/session/tokens',
    response: 'SessionList',
    summary: "One's own open sessions and API tokens (ids are hashes of the secrets)",
    tag: 'Session',
    roles: R.any,
  },
  {
    method: 'delete',
    path: '/api/v1/session/tokens/{id}',
    status: 204,
    summary: "End one of one's own sessions or API tokens",
    tag: 'Session',
    roles: R.any,
  },
  {
    method: 'put',
    path: '/api/v1/session/password',
    status: 204,
    summary: "Change one's own password (the current one is asked again; other sessions and tokens end)",
    tag: 'Session',
    roles: R.any,
    body: s.passwordChangeBody,
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    status: 201,
    response: 'ApiToken',
    summary: 'Create a bearer API token (90 days) for an integration account',
    tag: 'Session',
    roles: [],
    body: s.tokenBody,
  },
  {
    method: 'get',
    path: '/api/v1/offices',
    response: 'OfficeList',
    summary: 'Offices (cabinet admins: all; others: their own)',
    tag: 'Administration',
    roles: R.any,
  },
  {
    method: 'post',
    path: '/api/v1/offices',
    status: 201,
    response: 'Office',
    summary: 'Create an office',
    tag: 'Administration',
    roles: ['cabinet_admin'],
    body: s.officeBody,
  },
  {
    method: 'get',
    path: '/api/v1/staff',
    response: 'StaffList',
    summary: "Staff accounts (office admins: their office's; cabinet admins: all, or one officeId's)",
    tag: 'Administration',
    roles: R.admins,
    query: s.staffQuery,
  },
  {
    method: 'post',
    path: '/api/v1/staff',
    status: 202,
    response: 'StaffRequest',
    summary:
      'Ask for a new staff account: 202 with the request; the account exists once a second administrator confirms',
    tag: 'Administration',
    roles: R.admins,
    body: s.staffBody,
  },
  {
    method: 'patch',
    path: '/api/v1/staff/{id}',
    response: 'StaffAccount',
    also: {
      status: 202,
      response: 'StaffRequest',
      description: 'Asked: a role change, re-enabling or a password reset waits for a second administrator.',
    },
    summary:
      'Disable or unlock at once (200); ask for a role change, re-enabling or a password reset ' +
      '(202 with the request a second administrator confirms)',
    tag: 'Administration',
    roles: R.admins,
    body: s.staffPatch,
  },
  {
    method: 'get',
    path: '/api/v1/staff-requests',
    response: 'StaffRequestList',
    summary: 'Account changes waiting for a second administrator, with whether the caller may confirm each',
    tag: 'Administration',
    roles: R.admins,
  },
  {
    method: 'post',
    path: '/api/v1/staff-requests/{id}/confirm',
    response: 'StaffRequestDecision',
    summary:
      'Confirm an account change someone else asked for, not about oneself: it takes effect at once; a new ' +
      'account or a password reset answers a one-time activationCode, shown to the confirming admin only',
    tag: 'Administration',
    roles: R.admins,
  },
  {
    method: 'post',
    path: '/api/v1/staff-requests/{id}/refuse',
    response: 'StaffRequestDecision',
    summary: "Refuse an account change (or withdraw one's own request)",
    tag: 'Administration',
    roles: R.admins,
  },
  {
    method: 'get',
    path: '/api/v1/reports/cross-office-passports',
    response: 'CrossOfficeReport',
    summary: 'Valid passports of one personal number at more than one office (document ids and office codes)',
    tag: 'Administration',
    roles: ['cabinet_admin'],
  },
  {
    method: 'get',
    path: '/api/v1/audit',
    response: 'AuditPage',
    summary:
      'The audit trail, newest first (office admins: own office; cabinet admins: all or officeId); ids, roles and field names only',
    tag: 'Administration',
    roles: R.admins,
    query: s.auditQuery,
  },
  {
    method: 'get',
    path: '/api/v1/audit/verify',
    response: 'AuditVerification',
    summary: 'Walk the hash chain of the whole audit log; names the first altered or missing entry',
    tag: 'Administration',
    roles: ['cabinet_admin'],
  },
  {
    method: 'get',
    path: '/api/v1/keys',
    response: 'KeysOverview',
    summary:
      'Issuer keys of the office (cabinet admins: all offices and the status keys), which are in use, when to rotate, and rotation warnings',
    tag: 'Administration',
    roles: R.admins,
  },
  {
    method: 'get',
    path: '/api/v1/document-types',
    response: 'DocumentTypeList',
    summary: 'Document types and their JSON Schemas (forms are generated from them)',
    tag: 'Registry',
    roles: R.any,
  },
  {
    method: 'post',
    path: '/api/v1/applicants/search',
    response: 'ApplicantPage',
    summary:
      'Search applicants of the own office (name, at least 2 characters, or birth date); the query goes in the body to keep names out of URLs and logs',
    tag: 'Registry',
    roles: R.read,
    body: s.applicantSearchBody,
  },
  {
    method: 'post',
    path: '/api/v1/applicants',
    status: 201,
    response: 'Applicant',
    summary: 'Register an applicant (Latin names transliterated per ICAO 9303-3 unless given)',
    tag: 'Registry',
    roles: R.clerk,
    body: s.applicantBody,
  },
  {
    method: 'post',
    path: '/api/v1/applicants/check',
    response: 'DuplicateCheck',
    summary:
      'Before registering: {"possibleDuplicates": [...]}, records of the office that may be the same person ' +
      '(same personal number; same names and birth date, Ё/Е, Ў/У and apostrophes folded). Nothing is saved; ' +
      'counted like a search',
    tag: 'Registry',
    roles: R.clerk,
    body: s.applicantBody,
  },
  {
    method: 'get',
    path: '/api/v1/applicants/{id}',
    response: 'Applicant',
    summary: 'One applicant',
    tag: 'Registry',
    roles: R.read,
  },
  {
    method: 'put',
    path: '/api/v1/applicants/{id}',
    response: 'Applicant',
    summary: 'Correct an applicant record (the whole record again; issued documents keep their signed data)',
    tag: 'Registry',
    roles: R.clerk,
    body: s.applicantBody,
  },
  {
    method: 'put',
    path: '/api/v1/applicants/{id}/photo',
    status: 204,
    summary: 'Upload the photo (JPEG or PNG, at most 2 MiB)',
    tag: 'Registry',
    roles: R.clerk,
    bodyType: 'image/jpeg',
  },
  {
    method: 'get',
    path: '/api/v1/applicants/{id}/photo',
    summary: 'The photo, as uploaded (JPEG or PNG)',
    tag: 'Registry',
    roles: R.read,
    produces: ['image/jpeg', 'image/png'],
  },
  {
    method: 'get',
    path: '/api/v1/applicants/{id}/photo/seal',
    summary:
      "What a passport's code would carry of the current photo: the sealed face (WebP, grey, 36 x 48), for the " +
      'clerk to check the crop before submitting',
    tag: 'Registry',
    roles: R.read,
    produces: 'image/webp',
  },
  {
    method: 'get',
    path: '/api/v1/applications/{id}/seal',
    summary:
      'The face sealed for this application at submission, approved with the data and copied into the signed ' +
      "passport's code (/docs/qr-format.md 5.1)",
    tag: 'Registry',
    roles: R.read,
    produces: 'image/webp',
  },
  {
    method: 'get',
    path: '/api/v1/applications/{id}/photo',
    summary:
      'The portrait frozen with the application at submission: the one the approver approves and the document prints',
    tag: 'Registry',
    roles: R.read,
    produces: ['image/jpeg', 'image/png'],
  },
  {
    method: 'get',
    path: '/api/v1/applications',
    response: 'ApplicationPage',
    summary: 'Applications of the own office, filtered by state',
    tag: 'Registry',
    roles: R.read,
    query: s.listQuery,
  },
  {
    method: 'post',
    path: '/api/v1/applications',
    status: 201,
    response: 'ApplicationSummary',
    summary: "Start an application (draft); data validated against the type's JSON Schema",
    tag: 'Registry',
    roles: R.clerk,
    body: s.applicationBody,
  },
  {
    method: 'get',
    path: '/api/v1/applications/{id}',
    response: 'Application',
    summary: 'One application',
    tag: 'Registry',
    roles: R.read,
  },
  {
    method: 'patch',
    path: '/api/v1/applications/{id}',
    response: 'ApplicationSummary',
    summary: 'Edit a draft',
    tag: 'Registry',
    roles: R.clerk,
    body: s.applicationPatch,
  },
  {
    method: 'get',
    path: '/api/v1/applications/{id}/events',
    response: 'EventList',
    summary: 'History of an application',
    tag: 'Registry',
    roles: R.read,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/withdraw',
    response: 'ApplicationSummary',
    summary: 'Withdraw a draft or an application waiting for approval (final; its history is kept)',
    tag: 'Registry',
    roles: R.clerk,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/reapply',
    status: 201,
    response: 'ApplicationSummary',
    summary:
      "Withdraw an undecided application and register a new draft in its place, with the person's current data",
    tag: 'Registry',
    roles: R.clerk,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/submit',
    response: 'ApplicationSummary',
    summary: 'Submit a draft for approval',
    tag: 'Registry',
    roles: R.clerk,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/approve',
    response: 'ApplicationSummary',
    summary: 'Approve (not by the person who registered it: two-person rule)',
    tag: 'Registry',
    roles: R.approver,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/reject',
    response: 'ApplicationSummary',
    summary: 'Reject with a reason',
    tag: 'Registry',
    roles: R.approver,
    body: s.rejectBody,
  },
  {
    method: 'post',
    path: '/api/v1/applications/{id}/issue',
    status: 201,
    response: 'IssuedDocument',
    summary: 'Issue the document of an approved application',
    tag: 'Registry',
    roles: ['clerk', 'approver'],
  },
  {
    method: 'get',
    path: '/api/v1/documents',
    response: 'DocumentPage',
    summary: 'Documents of the own office, filtered by type, state and issue date',
    tag: 'Documents',
    roles: R.read,
    query: s.listQuery,
  },
  {
    method: 'post',
    path: '/api/v1/documents/lookup',
    response: 'DocumentSummary',
    summary:
      "The own office's document with this number (spaces, MRZ fillers and case ignored); the number goes in the body, out of URLs",
    tag: 'Documents',
    roles: R.read,
    body: s.documentLookupBody,
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}',
    response: 'Document',
    summary: 'One document with its QR text and MRZ',
    tag: 'Documents',
    roles: R.read,
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}/events',
    response: 'EventList',
    summary: 'History of a document and its application',
    tag: 'Documents',
    roles: R.read,
  },
  {
    method: 'post',
    path: '/api/v1/documents/{id}/revoke',
    status: 202,
    response: 'RevocationRequest',
    summary:
      'Ask for a revocation (lost, stolen, cancelled): 202 with the request; another approver or admin of the office confirms it',
    tag: 'Documents',
    roles: ['approver', 'office_admin'],
    body: s.revokeBody,
  },
  {
    method: 'get',
    path: '/api/v1/revocations',
    response: 'RevocationList',
    summary: 'Revocations of the own office waiting for a second person',
    tag: 'Documents',
    roles: ['approver', 'office_admin'],
  },
  {
    method: 'post',
    path: '/api/v1/revocations/{id}/confirm',
    response: 'RevocationDecision',
    summary:
      'Confirm a revocation someone else asked for: the document is revoked and its status bit published',
    tag: 'Documents',
    roles: ['approver', 'office_admin'],
  },
  {
    method: 'post',
    path: '/api/v1/revocations/{id}/refuse',
    response: 'RevocationDecision',
    summary: 'Refuse a revocation someone else asked for',
    tag: 'Documents',
    roles: ['approver', 'office_admin'],
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}/qr.svg',
    summary: 'The QR code as SVG',
    tag: 'Documents',
    roles: R.read,
    produces: 'image/svg+xml',
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}/qr.png',
    summary: 'The QR code as PNG',
    tag: 'Documents',
    roles: R.read,
    produces: 'image/png',
  },
  {
    method: 'get',
    path: '/api/v1/documents/{id}/print',
    summary:
      'Printable page: data, QR, MRZ, human-readable fallback (layout=a4), or the passport data page at TD3 size with portrait and MRZ (layout=td3)',
    tag: 'Documents',
    roles: R.read,
    query: s.printQuery,
    produces: 'text/html',
  },
];

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

/** getApplications, postApplicationsByIdSubmit...: stable names for the operations that have none. */
function derivedOperationId(op: Operation): string {
  const words = op.path
    .replace(/^\/api\/v1/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (part === '{id}' ? 'ById' : part))
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return op.method + words.join('');
}

const header = (description: string) => ({ description, schema: { type: 'integer' } });
const RATE_HEADERS = {
  'RateLimit-Limit': {
    description: 'Requests allowed in the window (draft-ietf-httpapi-ratelimit-headers).',
    schema: { type: 'string' },
  },
  'RateLimit-Remaining': header('Requests left in the current window.'),
};
const errorBody = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const error = (description: string, headers?: Record<string, unknown>) => ({
  description,
  content: errorBody,
  ...(headers ? { headers } : {}),
});

/** The error answers, once each in components/responses; operations refer to those they can give. */
const ERROR_RESPONSES = {
  BadRequest: error('BAD_REQUEST: the request cannot be read (not JSON, a malformed id or parameter).'),
  Unauthenticated: error(
    'UNAUTHENTICATED: no valid session or token (staff), or an unknown or revoked X-Api-Key.',
  ),
  Forbidden: error(
    'FORBIDDEN (the role may not, or a change came without X-CSRF-Token) or TWO_PERSON_RULE (the same person ' +
      'may not take both steps).',
  ),
  NotFound: error('NOT_FOUND: no such record, or one of another office.'),
  MethodNotAllowed: error('METHOD_NOT_ALLOWED: only POST.'),
  Conflict: error('CONFLICT (already exists) or INVALID_STATE (not in a state that allows this step).'),
  PayloadTooLarge: error('PAYLOAD_TOO_LARGE: the body is over the documented limit.'),
  UnsupportedMediaType: error('UNSUPPORTED_MEDIA_TYPE: the body is not of the type described.'),
  ValidationFailed: error('VALIDATION_FAILED: the fields and what is expected of each are in error.fields.'),
  RateLimited: error(
    'RATE_LIMITED: the budget of this address (or account) is used up; retry after Retry-After.',
    {
      'Retry-After': header('Seconds until the budget has room again.'),
      ...RATE_HEADERS,
    },
  ),
  Unavailable: error('DATABASE_UNAVAILABLE: the database is down; retry after Retry-After.', {
    'Retry-After': header('Seconds after which to try again.'),
  }),
  Error: error('Any other error: the same shape; see error.code.'),
};

/** The error answers an operation can give. */
function errorResponses(op: Operation): Record<string, unknown> {
  const ref = (name: keyof typeof ERROR_RESPONSES) => ({ $ref: `#/components/responses/${name}` });
  const out: Record<string, unknown> = {};
  if (op.body || op.query || op.path.includes('{id}')) out[400] = ref('BadRequest');
  if (op.roles.length || op.path.startsWith('/api/v1/verify')) out[401] = ref('Unauthenticated');
  if (op.roles.length) {
    out[403] = ref('Forbidden');
  }
  if (op.path.includes('{id}')) out[404] = ref('NotFound');
  if (op.path === '/api/v1/verify') out[405] = ref('MethodNotAllowed');
  if (op.roles.length && op.method !== 'get') out[409] = ref('Conflict');
  if (op.body || op.bodyType) {
    out[413] = ref('PayloadTooLarge');
    out[415] = ref('UnsupportedMediaType');
    out[422] = ref('ValidationFailed');
  }
  out[429] = ref('RateLimited');
  out[503] = ref('Unavailable');
  out.default = ref('Error');
  return out;
}

/** What POST /api/v1/verify answers, by example: a VALID passport, a REVOKED one, a text that is not a code. */
const FRESHNESS = {
  trustListIssuedAt: 1796115600,
  trustListNextUpdate: 1798707600,
  statusListIssuedAt: 1796200000,
  statusListNextUpdate: 1796286400,
  logSize: 48211,
  logTime: 1796200100,
};
const PASSPORT = {
  type: 'passport',
  version: 1,
  office: 'PL-WAW',
  issuedAt: 1796115600,
  expiresAt: 2111702400,
  statusIndex: 81234,
  logIndex: 48200,
  fields: PASSPORT_FIELDS,
  portrait: { format: 'webp', mediaType: 'image/webp', data: 'UklGRh4CAABXRUJQVlA4…' },
};
const ISSUER = {
  kid: '_wh5hHltMf8',
  office: 'PL-WAW',
  officeName: "People's Embassy of Belarus in Poland",
  country: 'PL',
};
const VERIFY_EXAMPLES = {
  valid: {
    summary: 'A genuine passport, in force, not revoked, in the log',
    value: {
      valid: true,
      code: 'VALID',
      message: REASON_MESSAGES.VALID,
      document: PASSPORT,
      issuer: ISSUER,
      revocationChecked: true,
      registered: true,
      freshness: FRESHNESS,
    },
  },
  revoked: {
    summary: 'A genuine passport its embassy revoked (lost): do not accept it',
    value: {
      valid: false,
      code: 'REVOKED',
      message: REASON_MESSAGES.REVOKED,
      document: PASSPORT,
      issuer: ISSUER,
      revocationChecked: true,
      registered: false,
      freshness: FRESHNESS,
    },
  },
  malformed: {
    summary: 'Not a code of ours (or damaged): nothing is shown',
    value: {
      valid: false,
      code: 'MALFORMED',
      message: REASON_MESSAGES.MALFORMED,
      detail: 'invalid base45',
      revocationChecked: false,
      registered: false,
      freshness: { trustListIssuedAt: 1796115600, trustListNextUpdate: 1798707600 },
    },
  },
};

const SUCCESS: Record<number, string> = {
  200: 'OK',
  201: 'Created: the new record.',
  202: 'Accepted: asked for; it takes effect once a second person confirms.',
};

/** Examples of the JSON answers described in this file rather than in openapi-answers.ts. */
const EXAMPLES: Record<string, unknown> = {
  ...ANSWER_EXAMPLES,
  Jwks: {
    keys: [
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: 'm5N7gTItgWz6udWjuqzJsqX-vksUnxJrNjD5OilScBc',
        kid: '_wh5hHltMf8',
        alg: 'EdDSA',
        use: 'sig',
        key_ops: ['verify'],
        'nbr:use': 'documents',
        'nbr:office': 'PL-WAW',
        'nbr:documentTypes': ['passport'],
        'nbr:signFrom': '2026-06-01T00:00:00.000Z',
        'nbr:signUntil': '2027-06-01T00:00:00.000Z',
        'nbr:validUntil': null,
      },
    ],
  },
  VerifyBatchResult: { results: [VERIFY_EXAMPLES.valid.value, VERIFY_EXAMPLES.malformed.value] },
};

/** The text answers' examples, by path. */
const TEXT_EXAMPLES: Record<string, string> = {
  '/log/checkpoint':
    'registry.newbelarus.example/log\n48211\nq7v3M1w3cVv2lq5C9k6yJmO7Xy3b0Qm3fT9Lr2dS8aE=\n\n' +
    '— registry.newbelarus.example/log Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n',
  '/log/vkey': 'registry.newbelarus.example/log+9a5c1f2e+AdH3kWJ0b4oQHn0cZk2Y6h2vF7r3Rk9yqS1mA0wLpE8x',
  '/docs/{name}': '# QR format\n\n...',
  // Compact JWS, cut: header (alg EdDSA, the signing key's kid, typ), payload, signature.
  '/trust-list':
    'eyJhbGciOiJFZERTQSIsImtpZCI6Im5iLXJvb3QtMjAyNiIsInR5cCI6Im5ici10cnVzdC1saXN0K2p3cyJ9.' +
    'eyJpc3MiOiJOQi1DQUJJTkVUIiwic2VxdWVuY2UiOjEyLC4uLn0.' +
    'QmF0dGVyeS1zdGFwbGUtaG9yc2UtY29ycmVjdA',
  '/status-list':
    'eyJhbGciOiJFZERTQSIsImtpZCI6InN0LTIwMjYtMTIiLCJ0eXAiOiJuYnItc3RhdHVzLWxpc3QrandzIn0.' +
    'eyJpc3MiOiJOQi1DQUJJTkVUIiwic2l6ZSI6NDE5NDMwNCwuLi59.' +
    'U2lnbmVkLWJ5LXRoZS1zdGF0dXMta2V5',
  '/recognition/statements/{file}':
    'eyJhbGciOiJFZERTQSIsImtpZCI6Imx0LW1pZ3JhY2lqYS0xIiwidHlwIjoibmJyLXJlY29nbml0aW9uK2p3cyJ9.' +
    'eyJzdGF0ZSI6IkxUIiwic2VxdWVuY2UiOjMsLi4ufQ.' +
    'U2lnbmVkLWJ5LXRoZS1zdGF0ZQ',
};

/** A JSON answer: its component and example. */
function answerContent(component: string): Record<string, unknown> {
  const schema = { $ref: `#/components/schemas/${component}` };
  if (component === 'VerifyResult') return { schema, examples: VERIFY_EXAMPLES };
  return { schema, example: EXAMPLES[component] };
}

/** The success body's media types: JSON with its component, a signed list, text with an example, or binary. */
function successContent(op: Operation, payload: string | undefined): Record<string, unknown> {
  const [first = 'application/json', ...rest] = [op.produces ?? []].flat();
  const main = op.response
    ? answerContent(op.response)
    : payload
      ? {
          schema: {
            type: 'string',
            contentMediaType: 'application/jose',
            'x-jws-payload': { $ref: `#/components/schemas/${payload}` },
          },
          example: TEXT_EXAMPLES[op.path],
        }
      : TEXT_EXAMPLES[op.path]
        ? { schema: { type: 'string' }, example: TEXT_EXAMPLES[op.path] }
        : {};
  return { [first]: main, ...Object.fromEntries(rest.map((type) => [type, {}])) };
}

export function openApiDocument(serverUrl = '/'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [
      // Every {name} of the path: ids are UUIDs (a session's, its hash), the rest file names (docs, statements).
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema:
          name !== 'id'
            ? { type: 'string' }
            : op.path.startsWith('/api/v1/session/tokens/')
              ? { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the secret, hex.' }
              : { type: 'string', format: 'uuid' },
      })),
      ...(op.query
        ? Object.entries((jsonSchema(op.query).properties ?? {}) as Record<string, unknown>).map(
            ([name, schema]) => ({ name, in: 'query', required: false, schema }),
          )
        : []),
    ];
    const payload =
      op.path === '/trust-list'
        ? 'TrustListPayload'
        : op.path === '/status-list'
          ? 'StatusListPayload'
          : undefined;
    const status = op.status ?? 200;
    const ok =
      status === 204
        ? { description: 'Done: no body.' }
        : {
            description: payload
              ? `OK: a JWS compact serialisation; its payload is a ${payload}.`
              : SUCCESS[status],
            ...(op.roles.length ? {} : { headers: RATE_HEADERS }),
            content: successContent(op, payload),
          };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId ?? derivedOperationId(op),
      summary: op.summary,
      tags: [op.tag],
      ...(op.roles.length
        ? {
            security: [{ session: [] }, { bearer: [] }],
            description: `Roles: ${op.roles.join(', ')}. Records of other offices answer 404.`,
          }
        : { security: op.path.startsWith('/api/v1/verify') ? [{}, { integratorKey: [] }] : [] }),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } },
          }
        : {}),
      ...(op.bodyType
        ? { requestBody: { required: true, content: { 'image/jpeg': {}, 'image/png': {} } } }
        : {}),
      responses: {
        [status]: ok,
        ...errorResponses(op),
        ...(op.also
          ? {
              [op.also.status]: {
                description: op.also.description,
                content: { 'application/json': answerContent(op.also.response) },
              },
            }
          : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'New Belarus Document Registry API',
      version: '1',
      description:
        "Staff API of the People's Embassies and public verification API. Verification results use the reason codes " +
        'of /docs/qr-format.md section 7; times in verification results are Unix seconds, elsewhere ISO 8601 (UTC). ' +
        'Versioning and deprecation: /docs/integrators.md.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'nbr_session',
          description: 'Changes also need the X-CSRF-Token header returned at login.',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token from POST /api/v1/tokens.' },
        integratorKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description:
            'Optional on verification: an integrator key (POST /api/v1/integrator-keys) with a budget of its own; ' +
            'an unknown or revoked key is 401.',
        },
      },
      schemas: componentSchemas(),
      responses: ERROR_RESPONSES,
    },
    paths,
  };
}
