// Validation of document records against the JSON Schemas in schema/documents/ (ajv, draft 2020-12), with
// one message per field. Two views of each schema: the application view (what the clerk enters, without the
// fields the registry assigns) and the full record checked once more right before signing.

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { DocumentSchema, DocumentTypeRegistry } from '../core/document-types.js';
import { isValidDate } from '../core/dates.js';
import { AppError, type FieldProblem } from '../errors.js';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ??
  addFormatsModule) as unknown as AddFormats;

function problems(errors: ErrorObject[] | null | undefined): FieldProblem[] {
  return (errors ?? []).map((e) => {
    const params = e.params as { missingProperty?: string; additionalProperty?: string };
    if (e.keyword === 'required') return { field: params.missingProperty ?? '', message: 'is required' };
    if (e.keyword === 'additionalProperties')
      return { field: params.additionalProperty ?? '', message: 'is not a field of this document type' };
    return { field: e.instancePath.replace(/^\//, '') || '(record)', message: e.message ?? 'is invalid' };
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
        { field: 'documentType', message: 'unknown document type' },
      ]);
    if (!validate(data))
      throw new AppError('VALIDATION_FAILED', `the ${type} record is not valid`, problems(validate.errors));
    return data as Record<string, string>;
  }
}
