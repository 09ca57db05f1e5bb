// Request schemas of the staff API (zod). The same schemas validate requests and describe them in /openapi.json.

import { z } from 'zod';
import { PURPOSES } from '../core/recognition/purposes.js';
import { ROLES } from '../db/schema.js';
import { DATE_SHAPE } from './errors.js';

const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'not an id');
export const idParam = id;

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const tokenBody = loginBody.extend({ label: z.string().min(1).max(100) });

export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(12, 'at least 12 characters').max(200),
});

export const officeBody = z.object({
  code: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]{2,8})?$/, 'two capital letters, optionally a hyphen and 2-8 more (PL-WAW)'),
  name: z.string().min(3).max(120),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166 alpha-2 country code'),
});

export const roleEnum = z.enum(ROLES);

// Strict: a password in either body is refused (UNKNOWN_FIELD), never silently dropped. Nobody chooses
// another person's password; the owner sets it with a one-time activation code (services/staff/activation.ts).
export const staffBody = z.strictObject({
  username: z.string().regex(/^[a-z0-9._-]{3,50}$/i, '3-50 letters, digits, dots, hyphens or underscores'),
  displayName: z.string().min(1).max(100),
  role: roleEnum,
  officeId: id.nullable(),
});

export const staffPatch = z.strictObject({
  role: roleEnum.optional(),
  disabled: z.boolean().optional(),
  /** Ask for a one-time activation code in place of the forgotten password (a second administrator confirms). */
  resetPassword: z.literal(true).optional(),
  /** Lifts a lock left by repeated wrong passwords (a new password lifts it too). */
  unlock: z.literal(true).optional(),
});

/**
 * A date's shape, YYYY-MM-DD (field code DATE, src/http/errors.ts). Whether the day exists is the service's
 * check, so that a form's other problems are reported with it rather than after it.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, DATE_SHAPE);

export const applicantBody = z.object({
  surname: z.string().min(1).max(60),
  givenNames: z.string().min(1).max(60),
  patronymic: z.string().max(60).optional(),
  surnameLatin: z.string().max(60).optional(),
  givenNamesLatin: z.string().max(60).optional(),
  sex: z.enum(['F', 'M', 'X']),
  birthDate: date,
  birthPlace: z.string().max(80).optional(),
  personalNumber: z.string().max(14).optional(),
});

export const applicantSearchBody = z.object({
  q: z.string().max(100).optional(),
  birthDate: date.optional(),
  cursor: id.optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

export const applicationBody = z.object({
  applicantId: id,
  documentType: z.string().min(1).max(60),
  data: z.record(z.string(), z.string().max(200)).optional(),
});

export const applicationPatch = z.object({ data: z.record(z.string(), z.string().max(200)) });

export const rejectBody = z.object({ reason: z.string().min(1, 'a reason is required').max(500) });

export const documentLookupBody = z.object({ number: z.string().min(1).max(20) });

export const printQuery = z.object({
  /** a4: data sheet (any type); td3: the passport data page at its real size (125 x 88 mm). */
  layout: z.enum(['a4', 'td3']).optional(),
});

export const auditQuery = z.object({
  cursor: z.string().max(20).optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
  officeId: z.string().max(60).optional(),
  action: z.string().max(60).optional(),
});

/** GET /api/v1/staff: cabinet admins may narrow the list to one office (office admins see their own). */
export const staffQuery = z.object({ officeId: z.string().max(60).optional() });

export const listQuery = z.object({
  state: z.string().max(20).optional(),
  type: z.string().max(60).optional(),
  from: date.optional(),
  to: date.optional(),
  /** One holder's records (the applicant page). */
  applicantId: id.optional(),
  /** Applications: only those the caller registered ("my drafts"). */
  mine: z.enum(['true', 'false']).optional(),
  /** newest first (the default), or oldest first: an approval queue is worked in the order it arrived. */
  order: z.enum(['newest', 'oldest']).optional(),
  cursor: id.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/)
    .optional(),
});

export const revokeBody = z.object({
  reason: z.enum(['lost', 'stolen', 'cancelled', 'superseded']),
  note: z.string().max(500).optional(),
  supersededBy: id.optional(),
});

// Strict: a misspelt field ("qrText", "code") is an error with its name, not a silently empty request.
// country and purpose (issue 26, docs/recognition.md): whether that host state recognises the document for
// that purpose, from the statements the registry holds; both or neither.
const recognitionAsk = {
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, e.g. PL')
    .optional(),
  purpose: z.enum(PURPOSES).optional(),
};
const bothOrNeither = (b: { country?: string | undefined; purpose?: string | undefined }) =>
  (b.country === undefined) === (b.purpose === undefined);
const BOTH = { message: 'country and purpose go together', path: ['purpose'] };
export const verifyBody = z
  .strictObject({ qr: z.string().max(8192), ...recognitionAsk })
  .refine(bothOrNeither, BOTH);

/** Codes one batch may hold (POST /api/v1/verify/batch). */
export const MAX_BATCH = 1_000;
export const verifyBatchBody = z
  .strictObject({ codes: z.array(z.string().max(8192)).min(1).max(MAX_BATCH), ...recognitionAsk })
  .refine(bothOrNeither, BOTH);

/** POST /api/v1/integrator-keys: who the key is for (a host-state office, a bank), for the list and the audit. */
export const integratorKeyBody = z.strictObject({ label: z.string().min(3).max(100) });
