// The signed payload: a CWT claims set (RFC 8392) with one private claim holding the document.
//
//   { 1: iss (office code, text), 4: exp (NumericDate, only for types with an expiry field),
//     6: iat (NumericDate, signing time),
//     -65537: [type code, schema version, status index, { field key: value }, log index, ? portrait] }
//
// portrait (issue 23, optional sixth element): [format code (1 JPEG, 2 JPEG 2000, 3 AVIF, 4 WebP, as MOSIP
// Claim 169), image bytes (bstr)]: the holder's face, sealed with the data (src/core/portrait.ts).
//
// The log index is the document's position in the registry's transparency log, assigned in the issuance
// transaction and signed in, so that a verifier compares one stored value (docs/transparency-log.md).
//
// -65537 is the first value of the CWT claims registry's private-use range (RFC 8392 section 9.1:
// integers below -65536). docs/qr-format.md is the normative description.

import { CborError, decodeCbor, encodeCbor, type CborKey, type CborValue } from './cbor.js';
import { dateToInt, expirySeconds, intToDate, isValidDate } from './dates.js';
import type { DocumentType, DocumentTypeRegistry, QrField } from './document-types.js';
import { type PortraitFormatCode, portraitProblem, type SealedPortrait, sealedPortrait } from './portrait.js';

export const CLAIM_ISS = 1;
export const CLAIM_EXP = 4;
export const CLAIM_IAT = 6;
export const CLAIM_DOCUMENT = -65537;

export interface DocumentPayload {
  type: string;
  version: number;
  /** Office code of the issuing People's Embassy (CWT iss). */
  office: string;
  /** Signing time, seconds since the epoch (CWT iat). */
  issuedAt: number;
  /** Seconds since the epoch at which the document stops being valid (CWT exp); absent for documents that do not expire. */
  expiresAt?: number;
  statusIndex: number;
  /** Position of the document's entry in the transparency log. */
  logIndex: number;
  fields: Record<string, string>;
  /** The holder's face, sealed with the data (documents issued since issue 23; types with a portrait). */
  portrait?: SealedPortrait;
}

/** A face to seal: its format code and image bytes (the signer's side of SealedPortrait). */
export interface PortraitToSeal {
  format: PortraitFormatCode;
  image: Uint8Array;
}

/** Thrown when a payload is structurally valid CBOR but not a document of ours. */
export class PayloadError extends Error {
  override name = 'PayloadError';
  constructor(
    message: string,
    readonly code: 'MALFORMED' | 'UNSUPPORTED_DOCUMENT_TYPE' = 'MALFORMED',
  ) {
    super(message);
  }
}

export const OFFICE_CODE = /^[A-Z]{2}(-[A-Z0-9]{2,8})?$/;

function checkField(field: QrField, value: string): string | undefined {
  const s = field.schema;
  if (s.format === 'date') return isValidDate(value) ? undefined : `${field.name} is not a valid date`;
  if (s.enum && !s.enum.includes(value)) return `${field.name} must be one of ${s.enum.join(', ')}`;
  if (s.minLength !== undefined && value.length < s.minLength) return `${field.name} is too short`;
  if (s.maxLength !== undefined && value.length > s.maxLength)
    return `${field.name} is longer than ${s.maxLength}`;
  if (field.pattern && !field.pattern.test(value)) return `${field.name} has an invalid format`;
  return undefined;
}

/**
 * Builds the CBOR payload for a document. The record's fields outside the type's QR mapping are ignored
 * (they stay in the registry). @throws {RangeError} when a QR field is missing or invalid.
 */
export function encodePayload(
  docType: DocumentType,
  doc: Omit<DocumentPayload, 'type' | 'version' | 'expiresAt' | 'portrait'> & { portrait?: PortraitToSeal },
): Uint8Array {
  const fields = new Map<CborKey, CborValue>();
  for (const field of docType.qrFields) {
    const value = doc.fields[field.name];
    if (value === undefined || value === '') {
      if (field.required) throw new RangeError(`${docType.name}: missing field ${field.name}`);
      continue;
    }
    const problem = checkField(field, value);
    if (problem) throw new RangeError(`${docType.name}: ${problem}`);
    fields.set(field.key, field.schema.format === 'date' ? dateToInt(value) : value);
  }
  if (!OFFICE_CODE.test(doc.office)) throw new RangeError(`invalid office code ${doc.office}`);
  if (!Number.isSafeInteger(doc.statusIndex) || doc.statusIndex < 0)
    throw new RangeError('invalid status index');
  if (!Number.isSafeInteger(doc.logIndex) || doc.logIndex < 0) throw new RangeError('invalid log index');
  const document: CborValue[] = [docType.code, docType.version, doc.statusIndex, fields, doc.logIndex];
  if (doc.portrait) {
    const problem = portraitProblem(doc.portrait.format, doc.portrait.image);
    if (problem) throw new RangeError(`${docType.name}: ${problem}`);
    document.push([doc.portrait.format, doc.portrait.image]);
  }
  const claims = new Map<CborKey, CborValue>([
    [CLAIM_ISS, doc.office],
    [CLAIM_IAT, doc.issuedAt],
    [CLAIM_DOCUMENT, document],
  ]);
  if (docType.expiryField) claims.set(CLAIM_EXP, expirySeconds(doc.fields[docType.expiryField]!));
  return encodeCbor(claims);
}

function asUint(value: CborValue | undefined, what: string): number {
  if (typeof value !== 'number' || value < 0) throw new PayloadError(`${what} must be an unsigned integer`);
  return value;
}

/** Parses and checks a payload against the document type registry. @throws {PayloadError|CborError} */
export function decodePayload(bytes: Uint8Array, registry: DocumentTypeRegistry): DocumentPayload {
  const claims = decodeCbor(bytes);
  if (!(claims instanceof Map)) throw new PayloadError('payload is not a CWT claims map');
  for (const key of claims.keys()) {
    if (key !== CLAIM_ISS && key !== CLAIM_EXP && key !== CLAIM_IAT && key !== CLAIM_DOCUMENT) {
      throw new PayloadError(`unexpected claim ${String(key)}`);
    }
  }
  const office = claims.get(CLAIM_ISS);
  if (typeof office !== 'string' || !OFFICE_CODE.test(office))
    throw new PayloadError('iss must be an office code');
  const issuedAt = asUint(claims.get(CLAIM_IAT), 'iat');
  const doc = claims.get(CLAIM_DOCUMENT);
  if (!Array.isArray(doc) || (doc.length !== 5 && doc.length !== 6))
    throw new PayloadError('document claim must be an array of 5 (or 6, with a portrait)');
  const [code, version, statusIndex, rawFields, logIndex, rawPortrait] = doc;
  const docType = registry.byCode(asUint(code, 'document type'));
  if (!docType) throw new PayloadError(`unknown document type ${String(code)}`, 'UNSUPPORTED_DOCUMENT_TYPE');
  if (asUint(version, 'schema version') !== docType.version) {
    throw new PayloadError(
      `${docType.name} schema version ${String(version)} is not supported`,
      'UNSUPPORTED_DOCUMENT_TYPE',
    );
  }
  if (!(rawFields instanceof Map)) throw new PayloadError('document fields must be a map');
  const fields: Record<string, string> = {};
  for (const [key, value] of rawFields) {
    const field = typeof key === 'number' ? docType.byKey.get(key) : undefined;
    if (!field) throw new PayloadError(`unknown field key ${String(key)} for ${docType.name}`);
    let text: string | undefined;
    const isDate = field.schema.format === 'date';
    if (isDate) text = typeof value === 'number' ? intToDate(value) : undefined;
    else text = typeof value === 'string' ? value : undefined;
    if (text === undefined) throw new PayloadError(`field ${field.name} has the wrong type`);
    // intToDate already proved the date real; other fields go through the schema's constraints.
    const problem = isDate ? undefined : checkField(field, text);
    if (problem) throw new PayloadError(problem);
    fields[field.name] = text;
  }
  for (const field of docType.qrFields) {
    if (field.required && fields[field.name] === undefined)
      throw new PayloadError(`missing field ${field.name}`);
  }
  let portrait: SealedPortrait | undefined;
  if (doc.length === 6) {
    if (!Array.isArray(rawPortrait) || rawPortrait.length !== 2)
      throw new PayloadError('portrait must be [format, image]');
    const [format, image] = rawPortrait;
    if (typeof format !== 'number' || !(image instanceof Uint8Array))
      throw new PayloadError('portrait must be [format code, image bytes]');
    const problem = portraitProblem(format, image);
    if (problem) throw new PayloadError(problem);
    portrait = sealedPortrait(format as PortraitFormatCode, image);
  }
  const exp = claims.get(CLAIM_EXP);
  const payload: DocumentPayload = {
    type: docType.name,
    version: docType.version,
    office,
    issuedAt,
    statusIndex: asUint(statusIndex, 'status index'),
    logIndex: asUint(logIndex, 'log index'),
    fields,
    ...(portrait ? { portrait } : {}),
  };
  if (docType.expiryField) {
    // exp is redundant with the expiry field on purpose (standard CWT libraries read exp); they must agree.
    if (asUint(exp, 'exp') !== expirySeconds(fields[docType.expiryField]!))
      throw new PayloadError('exp does not match the expiry date');
    payload.expiresAt = exp as number;
  } else if (exp !== undefined) {
    throw new PayloadError(`${docType.name} documents carry no exp`);
  }
  return payload;
}

export { CborError };
