// The document types, read from the JSON Schemas in schema/documents/. Adding a type is adding a schema
// file and listing it here: the codec, the verifier and the issuing service are all driven by this table.

import passport from '../../schema/documents/passport.json' with { type: 'json' };
import birthCertificate from '../../schema/documents/birth-certificate.json' with { type: 'json' };
import marriageCertificate from '../../schema/documents/marriage-certificate.json' with { type: 'json' };
import nameChangeCertificate from '../../schema/documents/name-change-certificate.json' with { type: 'json' };
import identityAttestation from '../../schema/documents/identity-attestation.json' with { type: 'json' };
import powerOfAttorneyAttestation from '../../schema/documents/power-of-attorney-attestation.json' with {
  type: 'json',
};

export interface FieldSchema {
  type: 'string';
  title: string;
  format?: 'date';
  pattern?: string;
  enum?: string[];
  minLength?: number;
  maxLength?: number;
}

export interface DocumentSchema {
  $id: string;
  title: string;
  required: string[];
  properties: Record<string, FieldSchema>;
  'x-nbr': {
    type: string;
    code: number;
    version: number;
    expiryField?: string;
    /** Fields the registry fills at issuance (number, dates), not the clerk. */
    assigned?: string[];
    /** Validity used to compute expiryField when it is assigned; minors get minorValidityYears if set. */
    validityYears?: number;
    minorValidityYears?: number;
    /**
     * A holder has at most one valid document of this type: issuing a new one revokes the holder's earlier
     * ones with reason "superseded" (a passport left valid beside its replacement could be used by someone else).
     */
    onePerHolder?: boolean;
    /**
     * The document carries the holder's portrait: an application cannot be submitted without one, and the
     * portrait is frozen with the application at submission (what the approver sees is what gets issued).
     */
    portrait?: boolean;
    /** Fields copied from the applicant's record when an application is created (src/core/applicant-prefill.ts). */
    fromApplicant?: string[];
    /** Fields filled from a record field of another name, or from `fullName` (principalName: 'fullName'). */
    fromApplicantAs?: Record<string, string>;
    qr: Record<string, number>;
  };
}

export interface QrField {
  name: string;
  key: number;
  schema: FieldSchema;
  required: boolean;
  pattern?: RegExp;
}

export interface DocumentType {
  /** Stable name used in the API, the trust list and the CLI (e.g. "passport"). */
  name: string;
  /** Integer code carried in the QR payload. */
  code: number;
  version: number;
  title: string;
  expiryField?: string;
  schema: DocumentSchema;
  qrFields: QrField[];
  byKey: Map<number, QrField>;
}

export const DOCUMENT_SCHEMAS: readonly DocumentSchema[] = [
  passport,
  birthCertificate,
  marriageCertificate,
  nameChangeCertificate,
  identityAttestation,
  powerOfAttorneyAttestation,
] as DocumentSchema[];

export function buildDocumentType(schema: DocumentSchema): DocumentType {
  const meta = schema['x-nbr'];
  const qrFields: QrField[] = Object.entries(meta.qr).map(([name, key]) => {
    const fieldSchema = schema.properties[name];
    if (!fieldSchema) throw new Error(`schema ${meta.type}: QR field ${name} is not a property`);
    return {
      name,
      key,
      schema: fieldSchema,
      required: schema.required.includes(name),
      ...(fieldSchema.pattern ? { pattern: new RegExp(fieldSchema.pattern) } : {}),
    };
  });
  return {
    name: meta.type,
    code: meta.code,
    version: meta.version,
    title: schema.title,
    ...(meta.expiryField ? { expiryField: meta.expiryField } : {}),
    schema,
    qrFields,
    byKey: new Map(qrFields.map((f) => [f.key, f])),
  };
}

export class DocumentTypeRegistry {
  readonly #byName = new Map<string, DocumentType>();
  readonly #byCode = new Map<number, DocumentType>();

  constructor(schemas: readonly DocumentSchema[] = DOCUMENT_SCHEMAS) {
    for (const schema of schemas) {
      const t = buildDocumentType(schema);
      if (this.#byName.has(t.name) || this.#byCode.has(t.code))
        throw new Error(`duplicate document type ${t.name}/${t.code}`);
      this.#byName.set(t.name, t);
      this.#byCode.set(t.code, t);
    }
  }

  byName(name: string): DocumentType | undefined {
    return this.#byName.get(name);
  }

  byCode(code: number): DocumentType | undefined {
    return this.#byCode.get(code);
  }

  all(): DocumentType[] {
    return [...this.#byName.values()];
  }
}
