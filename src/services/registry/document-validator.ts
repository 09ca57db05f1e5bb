// Validation of document records against the JSON Schemas in schema/documents/ (ajv, draft 2020-12), with
// one message per field. Two views of each schema: the application view (what the clerk enters, without the
// fields the registry assigns) and the full record checked once more right before signing.

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DocumentSchema, DocumentTypeRegistry } from '../../core/document-types.js';
import { isValidDate } from '../../core/dates.js';
import { textRuleOf } from '../../core/text-rules.js';
import { AppError, type FieldCode, type FieldProblem } from '../../errors.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

/** The schemas' two patterns (schema/documents/*.json), by what they mean to the person filling the form. */
const PATTERNS: Record<string, FieldCode> = {
  '^[A-Z0-9]{1,9}$': 'DOCUMENT_NUMBER',
  "^[A-Z][A-Z '-]{0,59}$": 'LATIN_NAME',
};

/** One problem per field, with a stable code (FIELD_CODES) and ajv's English as the message. */
function problems(errors: ErrorObject[] | null | undefined): FieldProblem[] {
  return (errors ?? []).map((e): FieldProblem => {
    const params = e.params as {
      missingProperty?: string;
      additionalProperty?: string;
      limit?: number;
      pattern?: string;
      format?: string;
      allowedValues?: unknown[];
      type?: string;
    };
    const field = e.instancePath.replace(/^\//, '') || '(record)';
    const message = e.message ?? 'is invalid';
    switch (e.keyword) {
      case 'required':
        return { field: params.missingProperty ?? '', code: 'REQUIRED', message: 'is required' };
      case 'additionalProperties':
        return {
          field: params.additionalProperty ?? '',
          code: 'UNKNOWN_FIELD',
          message: 'is not a field of this document type',
        };
      case 'minLength':
        return params.limit === 1
          ? { field, code: 'REQUIRED', message: 'is required' }
          : { field, code: 'TOO_SHORT', message, params: { min: params.limit ?? 0 } };
      case 'maxLength':
        return { field, code: 'TOO_LONG', message, params: { max: params.limit ?? 0 } };
      case 'enum':
        return {
          field,
          code: 'ONE_OF',
          message,
          params: { values: (params.allowedValues ?? []).join(', ') },
        };
      case 'format':
        return params.format === 'date'
          ? { field, code: 'DATE', message: 'a real date (YYYY-MM-DD)' }
          : { field, code: 'FORMAT', message, params: { format: params.format ?? '' } };
      case 'pattern':
        return {
          field,
          code: PATTERNS[params.pattern ?? ''] ?? 'FORMAT',
          message,
          params: { format: params.pattern ?? '' },
        };
      case 'type':
        return { field, code: 'WRONG_TYPE', message, params: { expected: params.type ?? '' } };
      default:
        return { field, code: 'INVALID', message };
    }
  });
}

export class DocumentValidator {
  readonly #application = new Map<string, ValidateFunction>();
  readonly #record = new Map<string, ValidateFunction>();

  constructor(registry: DocumentTypeRegistry) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    // Strict calendar dates, the same rule as the QR codec (src/core/dates.ts).
    ajv.addFormat('date', { type: 'string', validate: isValidDate });
    ajv.addKeyword('x-nbr');
    for (const t of registry.all()) {
      const assigned = new Set(t.schema['x-nbr'].assigned ?? []);
      const applicationSchema: DocumentSchema = {
        ...t.schema,
        $id: `${t.schema.$id}:application`,
        required: t.schema.required.filter((f) => !assigned.has(f)),
        properties: Object.fromEntries(Object.entries(t.schema.properties).filter(([f]) => !assigned.has(f))),
      };
      this.#application.set(t.name, ajv.compile(applicationSchema));
      this.#record.set(t.name, ajv.compile(t.schema));
    }
  }

  /** @throws {AppError} VALIDATION_FAILED with field problems. */
  checkApplication(type: string, data: unknown): Record<string, string> {
    return this.#check(this.#application, type, data);
  }

  checkRecord(type: string, data: unknown): Record<string, string> {
    return this.#check(this.#record, type, data);
  }

  #check(map: Map<string, ValidateFunction>, type: string, data: unknown): Record<string, string> {
    const validate = map.get(type);
    if (!validate)
      throw new AppError('VALIDATION_FAILED', `unknown document type ${type}`, [
        { field: 'documentType', code: 'UNKNOWN_DOCUMENT_TYPE', message: 'unknown document type' },
      ]);
    const found = validate(data) ? [] : problems(validate.errors);
    // The same name and text rules as applicant records (src/core/text-rules.ts), on every string field the
    // schema's own checks did not already fault.
    if (data && typeof data === 'object')
      for (const [field, value] of Object.entries(data)) {
        if (typeof value !== 'string' || value === '' || found.some((p) => p.field === field)) continue;
        const { rule, code, message } = textRuleOf(field);
        if (!rule.test(value)) found.push({ field, code, message });
      }
    if (found.length) throw new AppError('VALIDATION_FAILED', `the ${type} record is not valid`, found);
    return data as Record<string, string>;
  }
}
