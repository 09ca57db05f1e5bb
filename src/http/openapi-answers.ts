// The shapes of what the staff API and the service endpoints answer (issue 24, item 13: /api-docs showed
// request bodies only), as zod schemas registered with the public ones (openapi-schemas.ts), each with an
// example. They describe the answers as they are, including the staff account's snake_case names, which the
// console reads. test/helpers/registry.ts checks every answer the test suite receives against them.

import { z } from 'zod';
import { COMPONENTS } from './openapi-schemas.js';
import { PURPOSES } from '../core/recognition/purposes.js';
import { ROLES, type ApplicationState, type DocumentState, type RevocationReason } from '../db/schema.js';

const iso = (what: string) => z.string().describe(`${what}: ISO 8601 date-time, UTC.`);
const day = (what: string) => z.string().describe(`${what}: YYYY-MM-DD.`);
const id = (what: string) => z.string().describe(`The ${what}'s id (a time-ordered UUID).`);
// The database's own unions, listed once more for the description; Every<> fails to compile if one grows.
type Every<U, L extends readonly U[]> = [Exclude<U, L[number]>] extends [never] ? L : never;
const APPLICATION_STATES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'issued',
  'withdrawn',
  'lapsed',
] as const;
const DOCUMENT_STATES = ['issued', 'revoked'] as const;
const REASONS = ['lost', 'stolen', 'cancelled', 'superseded'] as const;
const role = z.enum(ROLES);
const applicationState = z.enum(
  APPLICATION_STATES satisfies Every<ApplicationState, typeof APPLICATION_STATES>,
);
const documentState = z.enum(DOCUMENT_STATES satisfies Every<DocumentState, typeof DOCUMENT_STATES>);
const revocationReason = z.enum(REASONS satisfies Every<RevocationReason, typeof REASONS>);
const nextCursor = z
  .string()
  .nullable()
  .describe('Give as `cursor` for the next page; null on the last page.');

/** Registers a component under its id and keeps its example, which the description shows and tests check. */
export const ANSWER_EXAMPLES: Record<string, unknown> = {};
function component<T extends z.ZodType>(name: string, schema: T, example: z.input<T>): T {
  COMPONENTS.add(schema, { id: name });
  ANSWER_EXAMPLES[name] = example;
  return schema;
}

// Example values, shared so that the examples tell one story: Navitskaya's passport at PL-WAW.
const T0 = '2026-12-01T09:00:00.000Z';
const T1 = '2026-12-01T09:20:00.000Z';
const IDS = {
  office: '019ad2c0-1f00-7000-8000-00000000a001',
  clerk: '019ad2c0-1f00-7000-8000-00000000c001',
  approver: '019ad2c0-1f00-7000-8000-00000000c002',
  admin: '019ad2c0-1f00-7000-8000-00000000c003',
  applicant: '019ad2c0-2a00-7000-8000-0000000000a1',
  other: '019ad2c0-2a00-7000-8000-0000000000a2',
  application: '019ad2c0-3b00-7000-8000-0000000000b1',
  document: '019ad2c0-4c00-7000-8000-0000000000d1',
  revocation: '019ad2c0-5d00-7000-8000-0000000000e1',
  request: '019ad2c0-6e00-7000-8000-0000000000f1',
  key: '019ad2c0-7f00-7000-8000-000000000071',
};
/** A passport's signed fields, as the verification examples (openapi.ts) show them too. */
export const PASSPORT_FIELDS = {
  number: 'RDDM7Y2A4',
  surname: 'Навіцкая',
  givenNames: 'Кацярына',
  surnameLatin: 'NAVITSKAIA',
  givenNamesLatin: 'KATSIARYNA',
  birthDate: '1990-03-15',
  sex: 'F',
  issueDate: '2026-12-01',
  expiryDate: '2036-11-30',
};
/** Its application's data: the signed fields and what the record keeps besides. */
const DATA = { ...PASSPORT_FIELDS, birthPlace: 'Мінск' };

// --- Applicants -------------------------------------------------------------------------------------------

const possibleDuplicate = z
  .object({
    id: id('other record'),
    match: z
      .enum(['personalNumber', 'nameAndBirthDate', 'similarNameAndBirthDate'])
      .describe(
        'personalNumber: the same personal number; nameAndBirthDate: the same Latin names and birth date; ' +
          'similarNameAndBirthDate: the same birth date, surname and first given name once Ё/Е, Ў/У, І/И ' +
          'and apostrophes are folded.',
      ),
    name: z.string().describe("The other record's Cyrillic names, to tell it apart."),
    birthDate: day('Its birth date'),
  })
  .describe('Another record of the same office that may be the same person. Not refused: the clerk decides.');
component('PossibleDuplicate', possibleDuplicate, {
  id: IDS.other,
  match: 'similarNameAndBirthDate',
  name: 'Навіцкая Кацярына',
  birthDate: '1990-03-15',
});

const applicantFields = {
  id: id('applicant'),
  surname: z.string().describe('Cyrillic, as in the Belarusian record.'),
  givenNames: z.string(),
  patronymic: z.string().nullable(),
  surnameLatin: z.string().describe('ICAO 9303-3 transliteration unless given (latinOverride).'),
  givenNamesLatin: z.string(),
  latinOverride: z.boolean().describe('The Latin names were given, not transliterated.'),
  sex: z.enum(['F', 'M', 'X']),
  birthDate: day('Birth date'),
  birthPlace: z.string().nullable(),
  personalNumber: z.string().nullable().describe('The Belarusian personal number (14 characters).'),
  hasPhoto: z.boolean(),
  createdAt: iso('Registered'),
};
const APPLICANT = {
  id: IDS.applicant,
  surname: DATA.surname,
  givenNames: DATA.givenNames,
  patronymic: 'Андрэеўна',
  surnameLatin: DATA.surnameLatin,
  givenNamesLatin: DATA.givenNamesLatin,
  latinOverride: false,
  sex: 'F' as const,
  birthDate: DATA.birthDate,
  birthPlace: DATA.birthPlace,
  personalNumber: '4150390A001PB7',
  hasPhoto: true,
  createdAt: T0,
};
const applicantSummary = component(
  'ApplicantSummary',
  z.object(applicantFields).describe('An applicant record as lists show it.'),
  APPLICANT,
);
component(
  'Applicant',
  z
    .object({ ...applicantFields, possibleDuplicates: z.array(possibleDuplicate) })
    .describe('One applicant record, with the records of the office that may be the same person.'),
  { ...APPLICANT, possibleDuplicates: [] },
);
component(
  'ApplicantPage',
  z
    .object({ items: z.array(applicantSummary), nextCursor })
    .describe('A page of search results, newest first.'),
  { items: [APPLICANT], nextCursor: null },
);
component(
  'DuplicateCheck',
  z
    .object({ possibleDuplicates: z.array(possibleDuplicate) })
    .describe('What POST /api/v1/applicants/check found; nothing was saved.'),
  {
    possibleDuplicates: [
      { id: IDS.other, match: 'similarNameAndBirthDate', name: 'Навіцкая Кацярына', birthDate: '1990-03-15' },
    ],
  },
);

// --- Applications -----------------------------------------------------------------------------------------

const applicationFields = {
  id: id('application'),
  applicantId: id('applicant'),
  documentType: z.string().describe('Document type id (GET /api/v1/document-types).'),
  data: z
    .record(z.string(), z.string())
    .describe("The document's data, by the type schema's field names (dates YYYY-MM-DD)."),
  state: applicationState,
  createdBy: id('staff member who registered it'),
  decidedBy: z.string().nullable().describe('Who approved or rejected it.'),
  decisionReason: z.string().nullable().describe('Why it was rejected.'),
  createdAt: iso('Registered'),
  updatedAt: iso('Last changed'),
};
const APPLICATION = {
  id: IDS.application,
  applicantId: IDS.applicant,
  documentType: 'passport',
  data: DATA,
  state: 'submitted' as const,
  createdBy: IDS.clerk,
  decidedBy: null,
  decisionReason: null,
  createdAt: T0,
  updatedAt: T1,
};
component(
  'Application',
  z
    .object({
      ...applicationFields,
      willSupersede: z
        .array(z.object({ id: id('document'), number: z.string() }))
        .optional()
        .describe(
          'One-per-holder types (passports), until issued: the valid documents issuing this one revokes.',
        ),
      mrzNameTruncated: z
        .string()
        .optional()
        .describe("Passports: the MRZ name field as it will print, when ICAO 9303's 39 characters cut it."),
    })
    .describe('One application.'),
  { ...APPLICATION, willSupersede: [] },
);
const applicationListItem = z
  .object({
    ...applicationFields,
    createdByName: z.string().nullable(),
    decidedByName: z.string().nullable(),
  })
  .describe('An application as lists show it, with who registered and who decided it by name.');
component('ApplicationPage', z.object({ items: z.array(applicationListItem), nextCursor }), {
  items: [{ ...APPLICATION, createdByName: 'Alena Clerk', decidedByName: null }],
  nextCursor: null,
});
component(
  'ApplicationSummary',
  z.object(applicationFields).describe('An application after a step (edit, submit, approve, withdraw...).'),
  { ...APPLICATION, state: 'approved', decidedBy: IDS.approver },
);

component(
  'EventList',
  z
    .object({
      items: z.array(
        z.object({
          id: z.string(),
          action: z
            .string()
            .describe(
              'create; the state an application moved to (submitted, approved, rejected, withdrawn, ' +
                'lapsed...); issue; revocation_requested, revocation_refused, revoke',
            ),
          actor: z.string().describe('Who took the step, by name.'),
          actor_id: z.string().optional().describe('(Applications) their account id.'),
          actor_role: role,
          reason: z.string().nullable().describe('A rejection or revocation reason.'),
          at: iso('When'),
          document_id: z.string().nullable().optional().describe('(Applications) the document issued.'),
        }),
      ),
    })
    .describe('The history of an application or a document, oldest first.'),
  {
    items: [
      {
        id: '019ad2c0-3b10-7000-8000-000000000001',
        action: 'created',
        actor: 'Alena Clerk',
        actor_role: 'clerk',
        reason: null,
        at: T0,
      },
      {
        id: '019ad2c0-3b10-7000-8000-000000000002',
        action: 'approved',
        actor: 'Ihar Approver',
        actor_role: 'approver',
        reason: null,
        at: T1,
      },
    ],
  },
);

// --- Documents --------------------------------------------------------------------------------------------

const documentFields = {
  id: id('document'),
  applicationId: id('application'),
  applicantId: id('applicant'),
  documentType: z.string(),
  number: z.string().describe('The document number (9 characters, the office series first).'),
  statusIndex: z.number().int().describe("The document's position in the status list."),
  state: documentState,
  data: z.record(z.string(), z.string()).describe('The signed data, as in the code.'),
  qrText: z.string().describe('The QR text (NBR1:...), as printed.'),
  mrz: z.array(z.string()).nullable().describe('Passports: the two 44-character MRZ lines.'),
  kid: z.string().describe('The key that signed it.'),
  issuedAt: iso('Issued'),
  issuedBy: id('staff member who issued it'),
  revokedAt: z.string().nullable(),
  revocationReason: revocationReason.nullable(),
  supersededBy: z.string().nullable().describe('The passport that superseded this one.'),
};
const DOCUMENT = {
  id: IDS.document,
  applicationId: IDS.application,
  applicantId: IDS.applicant,
  documentType: 'passport',
  number: DATA.number,
  statusIndex: 81234,
  state: 'issued' as const,
  data: DATA,
  qrText: 'NBR1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEPWK G2EP4J0B…',
  mrz: ['P<BLRNAVITSKAIA<<KATSIARYNA<<<<<<<<<<<<<<<<<', 'RDDM7Y2A42BLR9003158F3611309<<<<<<<<<<<<<<02'],
  kid: '_wh5hHltMf8',
  issuedAt: T1,
  issuedBy: IDS.clerk,
  revokedAt: null,
  revocationReason: null,
  supersededBy: null,
};
const revocationRequest = z
  .object({
    id: id('revocation request'),
    documentId: id('document'),
    documentNumber: z.string(),
    documentType: z.string(),
    reason: revocationReason,
    note: z.string().nullable(),
    state: z.enum(['pending', 'confirmed', 'refused']),
    requestedBy: id('staff member who asked'),
    requestedByName: z.string(),
    requestedAt: iso('Asked'),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    holder: z.string().optional().describe('In the list to decide: whose document it is, as it names them.'),
  })
  .describe('A revocation waiting for (or decided by) a second person of the office.');
const REVOCATION = {
  id: IDS.revocation,
  documentId: IDS.document,
  documentNumber: DATA.number,
  documentType: 'passport',
  reason: 'lost' as const,
  note: null,
  state: 'pending' as const,
  requestedBy: IDS.approver,
  requestedByName: 'Ihar Approver',
  requestedAt: T1,
  decidedBy: null,
  decidedAt: null,
};
component('RevocationRequest', revocationRequest, REVOCATION);
component(
  'Document',
  z
    .object({
      ...documentFields,
      pendingRevocation: z
        .object({
          id: id('revocation request'),
          reason: revocationReason,
          requestedBy: id('staff member who asked'),
          requestedByName: z.string(),
          requestedAt: iso('Asked'),
        })
        .optional()
        .describe('A revocation asked for and not yet decided by a second person (GET /api/v1/revocations).'),
    })
    .describe('One document with its QR text and MRZ.'),
  DOCUMENT,
);
const documentSummary = component(
  'DocumentSummary',
  z.object(documentFields).describe('A document as lists show it.'),
  DOCUMENT,
);
component('DocumentPage', z.object({ items: z.array(documentSummary), nextCursor }), {
  items: [DOCUMENT],
  nextCursor: null,
});
component(
  'IssuedDocument',
  z
    .object({
      ...documentFields,
      superseded: z
        .array(z.string())
        .describe("The holder's earlier valid documents of a one-per-holder type this one revoked (ids)."),
    })
    .describe('The document just issued.'),
  { ...DOCUMENT, superseded: [] },
);
component(
  'RevocationList',
  z
    .object({ items: z.array(revocationRequest) })
    .describe("The office's revocations waiting for a decision."),
  { items: [{ ...REVOCATION, holder: 'NAVITSKAIA KATSIARYNA' }] },
);
component(
  'RevocationDecision',
  z
    .object({
      request: revocationRequest,
      document: documentSummary.optional().describe('Confirmed: the document, now revoked.'),
    })
    .describe('A revocation confirmed (with the revoked document) or refused.'),
  {
    request: { ...REVOCATION, state: 'confirmed', decidedBy: IDS.admin, decidedAt: T1 },
    document: { ...DOCUMENT, state: 'revoked', revokedAt: T1, revocationReason: 'lost' },
  },
);

// --- Staff, sessions, offices -----------------------------------------------------------------------------

const staffInfo = z
  .object({
    id: id('staff member'),
    username: z.string(),
    displayName: z.string(),
    role,
    officeId: z.string().nullable().describe('Null for cabinet admins.'),
    officeCode: z.string().nullable(),
  })
  .describe('The staff member logged in.');
const STAFF_INFO = {
  id: IDS.clerk,
  username: 'alena',
  displayName: 'Alena Clerk',
  role: 'clerk' as const,
  officeId: IDS.office,
  officeCode: 'PL-WAW',
};
component('StaffInfo', staffInfo, STAFF_INFO);
component(
  'Login',
  z
    .object({
      staff: staffInfo,
      csrfToken: z.string().describe('Send as X-CSRF-Token with every change in this session.'),
      expiresAt: iso('The session ends'),
      mustSetPassword: z
        .boolean()
        .describe(
          'Logged in with a one-time activation code: set a password (PUT /api/v1/session/password).',
        ),
    })
    .describe('A session begun; the secret is in the HttpOnly cookie.'),
  { staff: STAFF_INFO, csrfToken: 'vJ8q1cYtq2S2Jm3tH6m3nQ', expiresAt: T1, mustSetPassword: false },
);
component(
  'Session',
  z.object({ staff: staffInfo, csrfToken: z.string().nullable(), mustSetPassword: z.boolean() }),
  { staff: STAFF_INFO, csrfToken: 'vJ8q1cYtq2S2Jm3tH6m3nQ', mustSetPassword: false },
);
component(
  'ApiToken',
  z
    .object({
      token: z.string().describe('The bearer token: in this answer only.'),
      expiresAt: iso('It ends'),
      staff: staffInfo,
    })
    .describe('A bearer token for an integration account.'),
  { token: 'nbr_at_3qJ0c5d1V4mKx8rZ0pQ7yWf2Lh9sT6uB', expiresAt: T1, staff: STAFF_INFO },
);
component(
  'WorkCounts',
  z
    .object({
      queue: z.number().int().optional().describe('Submitted applications of the office (approvers).'),
      revocations: z
        .number()
        .int()
        .optional()
        .describe('Revocations another person asked for (approvers, office admins).'),
      staffRequests: z.number().int().optional().describe('Account changes the caller may confirm (admins).'),
    })
    .describe('Counts of what waits for the caller; what the role does not do is absent.'),
  { queue: 3, revocations: 1 },
);
component(
  'SessionList',
  z.object({
    items: z.array(
      z.object({
        id: z.string().describe('SHA-256 of the secret (hex): names it without revealing it.'),
        kind: z.enum(['session', 'api']),
        label: z.string().nullable(),
        createdAt: iso('Begun'),
        lastSeenAt: iso('Last used'),
        expiresAt: iso('Ends'),
        current: z.boolean().describe('The session or token of this request.'),
      }),
    ),
  }),
  {
    items: [
      {
        id: 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2',
        kind: 'session',
        label: null,
        createdAt: T0,
        lastSeenAt: T1,
        expiresAt: '2026-12-01T21:00:00.000Z',
        current: true,
      },
    ],
  },
);

const staffAccount = z
  .object({
    id: id('staff member'),
    office_id: z.string().nullable(),
    username: z.string(),
    display_name: z.string(),
    role,
    disabled: z.union([z.literal(0), z.literal(1)]),
    created_at: iso('Created'),
    locked_until: z.string().nullable().describe('While a lockout after wrong passwords lasts.'),
    activation_expires_at: z
      .string()
      .nullable()
      .describe('While the password is a one-time activation code: until when it works.'),
  })
  .describe('A staff account (no password hash, no count of wrong passwords).');
const ACCOUNT = {
  id: IDS.clerk,
  office_id: IDS.office,
  username: 'alena',
  display_name: 'Alena Clerk',
  role: 'clerk' as const,
  disabled: 0 as const,
  created_at: T0,
  locked_until: null,
  activation_expires_at: null,
};
component('StaffAccount', staffAccount, ACCOUNT);
component('StaffList', z.object({ items: z.array(staffAccount) }), { items: [ACCOUNT] });
const staffRequestFields = {
  id: id('request'),
  kind: z.enum(['create', 'change']),
  state: z
    .enum(['pending', 'confirmed', 'refused', 'withdrawn', 'expired'])
    .describe('withdrawn: refused by the admin who asked; expired: not confirmed within a week.'),
  staffId: id('account'),
  officeId: z.string().nullable(),
  username: z.string().describe("The account's username (to be created: the one it will get)."),
  displayName: z.string(),
  currentRole: role.nullable().describe('Null for an account not yet created.'),
  role: role.nullable().describe('The role asked for (null: unchanged).'),
  enable: z.boolean().describe('Re-enable a disabled account.'),
  passwordReset: z.boolean().describe('A new one-time activation code in place of the password.'),
  requestedBy: id('admin who asked'),
  requestedByName: z.string(),
  requestedAt: iso('Asked'),
  expiresAt: iso('Lapses unless confirmed (a week)'),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
};
const STAFF_REQUEST = {
  id: IDS.request,
  kind: 'change' as const,
  state: 'pending' as const,
  staffId: IDS.clerk,
  officeId: IDS.office,
  username: 'alena',
  displayName: 'Alena Clerk',
  currentRole: 'clerk' as const,
  role: 'approver' as const,
  enable: false,
  passwordReset: false,
  requestedBy: IDS.admin,
  requestedByName: 'Maryja Admin',
  requestedAt: T0,
  expiresAt: '2026-12-08T09:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
};
const staffRequest = component(
  'StaffRequest',
  z.object(staffRequestFields).describe('An account change waiting for a second administrator.'),
  STAFF_REQUEST,
);
component(
  'StaffRequestList',
  z.object({
    items: z.array(
      z.object({
        ...staffRequestFields,
        canConfirm: z.boolean().describe('Not asked by the caller, not about the caller.'),
      }),
    ),
  }),
  { items: [{ ...STAFF_REQUEST, canConfirm: true }] },
);
component(
  'StaffRequestDecision',
  z
    .object({
      request: staffRequest,
      staff: staffAccount.optional().describe('Confirmed: the account as it now is.'),
      activationCode: z
        .string()
        .optional()
        .describe(
          'A new account or a password reset: the one-time code to hand to its owner, in this answer only.',
        ),
    })
    .describe('An account change confirmed or refused.'),
  {
    request: { ...STAFF_REQUEST, state: 'confirmed', decidedBy: IDS.office, decidedAt: T1 },
    staff: { ...ACCOUNT, role: 'approver' },
  },
);

const office = z.object({
  id: id('office'),
  code: z.string().describe('PL-WAW: the host country and a city.'),
  name: z.string(),
  country: z.string().describe('ISO 3166 alpha-2.'),
  series: z.string().describe('Two letters that start every document number of the office.'),
  created_at: iso('Created'),
});
const OFFICE = {
  id: IDS.office,
  code: 'PL-WAW',
  name: "People's Embassy of Belarus in Poland",
  country: 'PL',
  series: 'RD',
  created_at: T0,
};
component('Office', office, OFFICE);
component('OfficeList', z.object({ items: z.array(office) }), { items: [OFFICE] });

// --- Administration ---------------------------------------------------------------------------------------

const integratorKey = z.object({
  id: id('key'),
  label: z.string(),
  createdAt: iso('Created'),
  createdBy: id('cabinet admin who created it'),
  revokedAt: z.string().nullable(),
});
const KEY = {
  id: IDS.key,
  label: 'Border guard app (LT)',
  createdAt: T0,
  createdBy: IDS.admin,
  revokedAt: null,
};
component('IntegratorKey', integratorKey, KEY);
component('IntegratorKeyList', z.object({ items: z.array(integratorKey) }), { items: [KEY] });
component(
  'IntegratorKeyCreated',
  integratorKey
    .extend({ key: z.string().describe('The secret for X-Api-Key: in this answer only, never stored.') })
    .describe('A new integrator key.'),
  { ...KEY, key: 'nbr_ik_Zb4u1x8qHc2Vw7mN0sLk3pR9tY6dF5gJ' },
);
component(
  'CrossOfficeReport',
  z.object({
    items: z.array(
      z.object({
        documents: z.array(
          z.object({
            documentId: z.string(),
            applicantId: z.string(),
            office: z.string().describe('Office code.'),
            number: z.string(),
            issuedAt: z.string(),
          }),
        ),
      }),
    ),
  }),
  {
    items: [
      {
        documents: [
          {
            documentId: IDS.document,
            applicantId: IDS.applicant,
            office: 'PL-WAW',
            number: 'RDDM7Y2A4',
            issuedAt: T0,
          },
          {
            documentId: '019ad2c0-4c00-7000-8000-0000000000d2',
            applicantId: '019ad2c0-2a00-7000-8000-0000000000a3',
            office: 'LT-VNO',
            number: 'LVK2Q8M1C',
            issuedAt: T1,
          },
        ],
      },
    ],
  },
);
component(
  'AuditPage',
  z.object({
    items: z.array(
      z.object({
        seq: z.number().int().describe('Position in the hash chain.'),
        at: iso('When'),
        actor: z.string().nullable().describe('Who, by name.'),
        actorRole: z.string().nullable(),
        office: z.string().nullable().describe('Office code.'),
        action: z
          .string()
          .describe('applicant.create, application.approve, document.revoke, staff.create...'),
        targetType: z.string().nullable(),
        targetId: z.string().nullable(),
        targetLabel: z.string().optional().describe("A document's number or an account's username."),
        details: z.record(z.string(), z.unknown()).describe('Ids, roles and field names only, never values.'),
      }),
    ),
    nextCursor,
  }),
  {
    items: [
      {
        seq: 1042,
        at: T1,
        actor: 'Ihar Approver',
        actorRole: 'approver',
        office: 'PL-WAW',
        action: 'application.approve',
        targetType: 'application',
        targetId: IDS.application,
        details: {},
      },
    ],
    nextCursor: '1042',
  },
);
component(
  'AuditVerification',
  z
    .union([
      z.object({ ok: z.literal(true), entries: z.number().int() }),
      z.object({
        ok: z.literal(false),
        entries: z.number().int(),
        brokenAt: z.number().int().describe('The first entry whose link or hash does not hold.'),
        reason: z.string(),
      }),
    ])
    .describe('The walk of the audit hash chain.'),
  { ok: true, entries: 5_000_000 },
);
const keyTimes = {
  kid: z.string(),
  signFrom: z.string().nullable(),
  signUntil: z.string().nullable(),
  revokedAt: z.string().nullable(),
  heldByThisService: z.boolean().describe('This service holds the private key.'),
  inUse: z.boolean().describe('It signs now.'),
  rotateBy: z.string().nullable().describe('Make its successor by then.'),
};
component(
  'KeysOverview',
  z.object({
    items: z.array(
      z.object({
        ...keyTimes,
        office: z.string(),
        documentTypes: z.array(z.string()).optional(),
        validUntil: z.string().nullable(),
      }),
    ),
    statusKeys: z.array(z.object(keyTimes)).optional().describe('Cabinet admins only.'),
    warnings: z.array(
      z.object({
        scope: z.string().describe("'status', 'statusList' or an office code."),
        code: z.enum([
          'STATUS_KEY_NONE',
          'STATUS_KEY_ENDING',
          'ISSUER_KEY_NONE',
          'ISSUER_KEY_ENDING',
          'STATUS_LIST_FILLING',
          'STATUS_LIST_FULLEST',
          'REVOKED_KEY_HELD',
        ]),
        message: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    ),
    statusList: z.object({ used: z.number().int(), size: z.number().int() }),
    trustList: z.object({
      sequence: z.number().int(),
      issuedAt: z.string().nullable(),
      nextUpdate: z.string().nullable(),
    }),
  }),
  {
    items: [
      {
        kid: '_wh5hHltMf8',
        office: 'PL-WAW',
        documentTypes: ['passport'],
        signFrom: '2026-06-01T00:00:00.000Z',
        signUntil: '2027-06-01T00:00:00.000Z',
        validUntil: null,
        revokedAt: null,
        heldByThisService: true,
        inUse: true,
        rotateBy: '2027-05-02T00:00:00.000Z',
      },
    ],
    warnings: [],
    statusList: { used: 81235, size: 1048576 },
    trustList: { sequence: 12, issuedAt: T0, nextUpdate: '2026-12-31T09:00:00.000Z' },
  },
);
component(
  'DocumentTypeList',
  z.object({
    items: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        schema: z.record(z.string(), z.unknown()).describe('The JSON Schema of its data (schema/documents).'),
      }),
    ),
  }),
  {
    items: [
      {
        name: 'passport',
        title: 'Passport',
        schema: { type: 'object', required: ['surname'], properties: {} },
      },
    ],
  },
);

// --- Service ----------------------------------------------------------------------------------------------

const check = z.string().describe("'ok', or what an operator must fix.");
const health = z.object({
  ok: z.boolean(),
  checks: z.object({ database: check, trustList: check, statusKey: check, statusList: check }),
  statusList: z
    .object({ used: z.number().int(), size: z.number().int() })
    .optional()
    .describe('Absent while the database is unreachable.'),
  warnings: z.array(z.string()),
  trustListSequence: z.number().int(),
});
const HEALTH = {
  ok: true,
  checks: { database: 'ok', trustList: 'ok', statusKey: 'ok', statusList: 'ok' },
  statusList: { used: 81235, size: 1048576 },
  warnings: [],
  trustListSequence: 12,
};
component('Health', health.describe('Readiness: what works, and what needs doing.'), HEALTH);
component(
  'HealthFailing',
  z
    .union([health, z.object({ ok: z.literal(false), draining: z.literal(true) })])
    .describe('503: a failing check named, or the instance stopping (draining).'),
  { ...HEALTH, ok: false, checks: { ...HEALTH.checks, database: 'database not reachable' } },
);
component(
  'RootJwk',
  z
    .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), kid: z.string(), x: z.string() })
    .describe('The Cabinet root public key (RFC 8037); compare its fingerprint with the one published.'),
  { kty: 'OKP', crv: 'Ed25519', kid: 'nb-root-2026', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
);
component(
  'RecognitionIndex',
  z
    .object({
      format: z.literal('nbr-recognition-index/1'),
      states: z.array(
        z.object({
          state: z.string().describe('ISO 3166 alpha-2.'),
          stateName: z.record(z.string(), z.string()).describe('By language (BCP 47), English among them.'),
          authority: z.string(),
          provision: z.string().describe('Path of the provisioning file.'),
          statement: z.string().optional().describe('Path of the latest statement.'),
          sequence: z.number().int().optional(),
          withdrawn: z.boolean().optional(),
          validUntil: z.string().optional(),
        }),
      ),
    })
    .describe(`Host states' recognition statements republished here (purposes: ${PURPOSES.join(', ')}).`),
  {
    format: 'nbr-recognition-index/1',
    states: [
      {
        state: 'LT',
        stateName: { lt: 'Lietuva', en: 'Lithuania' },
        authority: 'Migracijos departamentas',
        provision: '/recognition/statements/LT.provision.json',
        statement: '/recognition/statements/LT.jws',
        sequence: 3,
        withdrawn: false,
        validUntil: '2027-12-01T00:00:00Z',
      },
    ],
  },
);
