// The shapes of what the public API answers, as zod schemas with descriptions and units: the verification
// result (a union on `valid`: VALID results always carry document and issuer), the error body, and the
// payloads of the signed lists and the JWKS. openapi.ts turns them into components/schemas of /openapi.json;
// tests check real answers against them.

import { z } from 'zod';
import { PURPOSES } from '../core/recognition/purposes.js';
import { REASON_CODES, REASON_MESSAGES } from '../core/reasons.js';
import { DOCUMENT_SCHEMAS } from '../core/document-types.js';
import { ERROR_CODES, FIELD_CODES } from '../errors.js';

/** The components, by name: every schema registered here becomes #/components/schemas/<id>. */
export const COMPONENTS = z.registry<{ id: string }>();

const seconds = (what: string) => z.number().int().describe(`${what}: Unix time, seconds (UTC).`);
const iso = (what: string) => z.string().describe(`${what}: ISO 8601 date-time, UTC (2026-12-01T09:00:00Z).`);

export const sealedPortrait = z
  .object({
    format: z.enum(['jpeg', 'jp2', 'avif', 'webp']).describe('The image format (format code 1, 2, 3 or 4).'),
    mediaType: z
      .enum(['image/jpeg', 'image/jp2', 'image/avif', 'image/webp'])
      .describe('The media type, for a data: URL or a file.'),
    data: z
      .string()
      .describe(
        'The image, base64 with padding (RFC 4648 section 4): at most 2,048 bytes; the registry seals a grey ' +
          '36 x 48 WebP. Show it large beside the verdict, for comparison with the person and the printed photo.',
      ),
  })
  .describe(
    "The holder's face, sealed in the signed document (passports issued since the face was sealed; " +
      '/docs/qr-format.md, "Portrait"). Covered by the signature and the transparency log like the fields.',
  );
COMPONENTS.add(sealedPortrait, { id: 'SealedPortrait' });

export const documentPayload = z
  .object({
    type: z
      .string()
      .describe('Document type id (passport, birth-certificate, ...): /docs/qr-format.md section 4.'),
    version: z.number().int().describe('Version of the type schema the fields follow.'),
    office: z.string().describe("Office code of the issuing People's Embassy (PL-WAW): the CWT iss claim."),
    issuedAt: seconds('When the document was signed (the CWT iat claim)'),
    expiresAt: seconds(
      'When the document stops being valid (the CWT exp claim): 00:00 UTC of the day after the printed expiry ' +
        'date, so the document is valid through that date. Absent for types that do not expire',
    ).optional(),
    statusIndex: z.number().int().describe("The document's position in the revocation status list."),
    logIndex: z.number().int().describe("The position of the document's entry in the transparency log."),
    fields: z
      .record(z.string(), z.string())
      .describe("The signed data, by the type schema's field names (dates as YYYY-MM-DD, as printed)."),
    portrait: sealedPortrait.optional(),
  })
  .describe('The signed content of a document: shown next to a verdict, never proof on its own.');
COMPONENTS.add(documentPayload, { id: 'DocumentPayload' });

export const issuerInfo = z
  .object({
    kid: z.string().describe('Key id of the signing key (base64url of 8 bytes; not an RFC 7638 thumbprint).'),
    office: z.string().describe('Office code the key belongs to.'),
    officeName: z.string().optional().describe('The office name from the trust list.'),
    country: z.string().optional().describe('ISO 3166 alpha-2 code of the host country.'),
  })
  .describe('The issuer, as the trust list names it.');
COMPONENTS.add(issuerInfo, { id: 'IssuerInfo' });

export const freshness = z
  .object({
    trustListIssuedAt: seconds('When the trust list used was signed'),
    trustListNextUpdate: seconds('When the trust list used is due to be replaced'),
    statusListIssuedAt: seconds('When the status list used was signed').optional(),
    statusListNextUpdate: seconds('When the status list used is due to be replaced').optional(),
    logSize: z.number().int().optional().describe('Entries in the copy of the transparency log used.'),
    logTime: seconds('When that copy was witnessed to be current').optional(),
  })
  .describe('Which trust material decided the answer, and how fresh it was.');
COMPONENTS.add(freshness, { id: 'Freshness' });

export const recognitionResult = z
  .object({
    status: z
      .enum(['recognised', 'not-recognised', 'unknown'])
      .describe(
        'Green, red, or amber (no statement in force: the state has not said, or it cannot be read).',
      ),
    code: z
      .enum([
        'RECOGNISED',
        'DOCUMENT_NOT_VALID',
        'ROOT_NOT_RECOGNISED',
        'NOT_COVERED',
        'EXPIRED_NOT_ACCEPTED',
        'RULE_FAILED',
        'NO_STATEMENT',
        'STATEMENT_NOT_YET_VALID',
        'STATEMENT_EXPIRED',
        'STATEMENT_WITHDRAWN',
        'DOCUMENT_UNCHECKED',
        'RULE_ERROR',
      ])
      .describe('Why (/docs/recognition.md section 6).'),
    state: z.string().describe('The host state asked about (ISO 3166-1 alpha-2).'),
    purpose: z.enum(PURPOSES),
    sequence: z.number().int().optional().describe("The sequence number of the state's statement used."),
    since: z
      .string()
      .optional()
      .describe('RECOGNISED: the first day the state accepts the type for the purpose.'),
    rule: z
      .object({ id: z.string(), text: z.record(z.string(), z.string()) })
      .optional()
      .describe("RULE_FAILED: the state's rule and its text by language (always English)."),
    detail: z.string().optional(),
  })
  .describe(
    "Whether the host state named in the request recognises the document for the purpose, from the state's " +
      'signed statement. Never changes the verdict; a document that is not valid is never recognised.',
  );
COMPONENTS.add(recognitionResult, { id: 'RecognitionResult' });

export const verifyValid = z
  .object({
    valid: z.literal(true),
    code: z.literal('VALID'),
    message: z.string().describe('The code in plain English (for people; programs read code).'),
    document: documentPayload,
    issuer: issuerInfo,
    revocationChecked: z
      .boolean()
      .describe('Whether a status list was consulted (always true from this API).'),
    registered: z
      .boolean()
      .describe("Whether the document's entry is in the transparency log (true from this API)."),
    freshness,
    recognition: recognitionResult.optional().describe('Present when the request named country and purpose.'),
  })
  .describe('The document is authentic, in force, not revoked and in the public log: accept it.');
COMPONENTS.add(verifyValid, { id: 'VerifyValid' });

const failureCodes = REASON_CODES.filter(
  (c): c is Exclude<(typeof REASON_CODES)[number], 'VALID'> => c !== 'VALID',
);

export const verifyInvalid = z
  .object({
    valid: z.literal(false),
    code: z
      .enum(failureCodes)
      .describe(
        'Why not (/docs/qr-format.md, section 7). TRUST_LIST_STALE, STATUS_LIST_STALE, STATUS_UNAVAILABLE and ' +
          'UNCONFIRMED mean "cannot be decided now" (check again); the others mean the document is not valid.\n\n' +
          failureCodes.map((c) => `- ${c}: ${REASON_MESSAGES[c]}`).join('\n'),
      )
      .meta({ 'x-enum-descriptions': failureCodes.map((c) => REASON_MESSAGES[c]) }),
    message: z.string().describe('The code in plain English.'),
    detail: z
      .string()
      .optional()
      .describe('More about the failure, for logs and support; not a stable format.'),
    document: documentPayload
      .optional()
      .describe('Present only when the signature held: data to show beside the refusal, never as proof.'),
    issuer: issuerInfo.optional(),
    revocationChecked: z
      .boolean()
      .describe('Whether a status list decided revocation (true for REVOKED and for every later failure).'),
    registered: z
      .boolean()
      .describe('False, except for EXPIRED: then whether the log held the entry (every other check passed).'),
    freshness,
    recognition: recognitionResult.optional().describe('Present when the request named country and purpose.'),
  })
  .describe('The document must not be accepted as it is; the code says why.');
COMPONENTS.add(verifyInvalid, { id: 'VerifyInvalid' });

/** The body of POST /api/v1/verify. */
export const verifyResultSchema = z.discriminatedUnion('valid', [verifyValid, verifyInvalid]);
COMPONENTS.add(verifyResultSchema, { id: 'VerifyResult' });

export const verifyBatchResult = z
  .object({ results: z.array(verifyResultSchema).describe('One result per code, in the order sent.') })
  .describe('The body of POST /api/v1/verify/batch.');
COMPONENTS.add(verifyBatchResult, { id: 'VerifyBatchResult' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).describe('Stable machine-readable code (/docs/api.md).'),
      message: z.string().describe('For people; may change between versions.'),
      fields: z
        .array(
          z.object({
            field: z.string().describe('The field, as a dotted path into the body ("data.recordNumber").'),
            code: z
              .enum(FIELD_CODES)
              .describe('Stable: what is wrong, for a client to say in its own words.'),
            message: z.string().describe("The server's English; may change between versions."),
            params: z
              .record(z.string(), z.union([z.string(), z.number()]))
              .optional()
              .describe('The limits or values the code speaks of: min, max, values, width, height, format.'),
          }),
        )
        .optional()
        .describe('VALIDATION_FAILED: which fields, and what is expected of each.'),
    }),
  })
  .describe('Every error answer, whatever the status.');
COMPONENTS.add(errorSchema, { id: 'Error' });

export const trustListPayload = z
  .object({
    iss: z
      .string()
      .describe("The issuer's name (the Cabinet: NB-CABINET); the JWS header's kid names the root key."),
    sequence: z.number().int().describe('Increases with every list; verifiers never go back to a lower one.'),
    issuedAt: iso('When the list was signed'),
    nextUpdate: iso('When the list is due to be replaced; a verifier treats it as stale after that'),
    offices: z.array(z.object({ code: z.string(), name: z.string(), country: z.string() })),
    keys: z.array(
      z.object({
        kid: z.string(),
        use: z.enum(['documents', 'status', 'log']).describe('What the key may sign.'),
        office: z.string().optional(),
        documentTypes: z.array(z.string()).optional(),
        signFrom: iso('Start of the period in which the key may sign'),
        signUntil: iso('End of that period'),
        validUntil: iso('Signatures stay valid until then (null: no end)').nullable(),
        jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
        revoked: z
          .object({
            at: iso('When the key was revoked'),
            reason: z.string(),
            logSize: z
              .number()
              .int()
              .optional()
              .describe('Documents at log positions from this on are refused.'),
          })
          .optional(),
      }),
    ),
    log: z
      .object({
        origin: z.string(),
        maxMergeDelay: z.number().int().describe('Seconds within which an issued document is in the log.'),
        witnesses: z.array(z.object({ name: z.string(), key: z.string() })),
        quorum: z.number().int(),
      })
      .optional()
      .describe('The transparency log verifiers require (/docs/transparency-log.md).'),
    statusListMaxValidity: z
      .number()
      .int()
      .optional()
      .describe('Seconds a status list may be valid at most.'),
  })
  .describe(
    'Payload of GET /trust-list (JWS compact, typ nbr-trust-list+jws, signed by a root key): /docs/trust-and-keys.md.',
  );
COMPONENTS.add(trustListPayload, { id: 'TrustListPayload' });

export const statusListPayload = z
  .object({
    iss: z
      .string()
      .describe(
        "The trust list's iss; the JWS header's kid must be a status key of the trust list in force.",
      ),
    issuedAt: iso('When the list was signed'),
    nextUpdate: iso('When it is due to be replaced; stale after that'),
    size: z.number().int().describe('Entries in the list.'),
    encoding: z.literal('gzip+base64url'),
    bits: z
      .string()
      .describe('gzip of the bitstring (bit i, most significant first: document i revoked), base64url.'),
  })
  .describe(
    'Payload of GET /status-list (JWS compact, typ nbr-status-list+jws): /docs/integrators.md says what to check.',
  );
COMPONENTS.add(statusListPayload, { id: 'StatusListPayload' });

export const jwk = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string(),
    kid: z.string(),
    alg: z.literal('EdDSA'),
    use: z.literal('sig'),
    key_ops: z.array(z.literal('verify')),
    'nbr:use': z.enum(['documents', 'status']).describe('What the key may sign (each JWKS holds one kind).'),
    'nbr:office': z.string().optional(),
    'nbr:documentTypes': z.array(z.string()).optional(),
    'nbr:signFrom': iso('Start of the signing period'),
    'nbr:signUntil': iso('End of the signing period'),
    'nbr:validUntil': iso('Signatures valid until then (null: no end)').nullable(),
  })
  .describe('A key in force (not revoked), as RFC 7517 with RFC 8037 Ed25519 members.');
COMPONENTS.add(jwk, { id: 'Jwk' });

export const jwks = z.object({ keys: z.array(jwk) }).describe('An RFC 7517 JWK Set.');
COMPONENTS.add(jwks, { id: 'Jwks' });

/** The components as OpenAPI 3.1 schemas (JSON Schema 2020-12), cross-referenced by $ref. */
export function componentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(COMPONENTS, { io: 'input', uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
    out[id] = rest;
  }
  return withDocumentTypes(out);
}

const pascal = (type: string) => type.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/**
 * One schema per document type for `document.fields`, generated from schema/documents/*.json (a new type
 * needs no hand edit here), and DocumentPayload as a union discriminated by `type` (issue 24, item 13): a
 * generated client reads a passport's `surnameLatin` once it has checked `type === 'passport'`, no cast.
 */
function withDocumentTypes(
  out: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const base = out.DocumentPayload!;
  const variants: Record<string, string> = {};
  for (const schema of DOCUMENT_SCHEMAS) {
    const meta = schema['x-nbr'];
    const name = pascal(meta.type);
    const names = Object.keys(meta.qr);
    out[`${name}Fields`] = {
      type: 'object',
      description: `The signed fields of a ${schema.title} (schema/documents/${meta.type}.json; dates YYYY-MM-DD).`,
      properties: Object.fromEntries(
        names.map((f) => {
          const p = schema.properties[f]!;
          return [
            f,
            {
              type: 'string',
              description: p.title,
              ...(p.format === 'date' ? { format: 'date' } : {}),
              ...(p.pattern ? { pattern: p.pattern } : {}),
              ...(p.enum ? { enum: p.enum } : {}),
              ...(p.maxLength ? { maxLength: p.maxLength } : {}),
            },
          ];
        }),
      ),
      required: schema.required.filter((f) => names.includes(f)),
      additionalProperties: false,
    };
    const props = base.properties as Record<string, unknown>;
    out[`${name}Payload`] = {
      ...base,
      description: `A ${schema.title}: ${String(base.description ?? '')}`,
      properties: {
        ...props,
        type: { type: 'string', enum: [meta.type], description: 'Document type id.' },
        fields: { $ref: `#/components/schemas/${name}Fields` },
      },
    };
    variants[meta.type] = `#/components/schemas/${name}Payload`;
  }
  out.DocumentPayload = {
    description: base.description,
    oneOf: Object.values(variants).map(($ref) => ({ $ref })),
    discriminator: { propertyName: 'type', mapping: variants },
  };
  return out;
}
