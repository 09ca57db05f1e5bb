// Field problems carry stable codes whatever checks them (zod at the edge, the services, the JSON Schemas),
// so a client can say in its own language what each field needs (docs/api.md, "Field problems").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD_CODES } from '../../src/errors.js';
import { api, type Api, NAVITSKAYA, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

let r: TestRegistry;
let clerk: Api;
beforeAll(async () => {
  r = await testRegistry();
  clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
});
afterAll(() => r.close());

type Problem = { field: string; code: string; message: string; params?: Record<string, unknown> };
const problems = (res: { json: { error: { fields: Problem[] } } }) =>
  Object.fromEntries(res.json.error.fields.map((f) => [f.field, f]));

describe('field problems', () => {
  it('tells a missing field from a wrong one, with the limits the sentence needs', async () => {
    const res = await clerk('POST', '/api/v1/applicants', {
      surname: 'Н'.repeat(61),
      givenNames: '',
      birthDate: '1990-02-28',
    });
    expect(res.status).toBe(422);
    const p = problems(res);
    expect(p.sex?.code).toBe('REQUIRED'); // absent, not "one of F, M, X"
    expect(p.givenNames?.code).toBe('REQUIRED'); // empty
    expect(p.surname).toMatchObject({ code: 'TOO_LONG', params: { max: 60 } });
    // The input is never echoed back: a problem holds the field, its code, limits and the server's words.
    for (const f of res.json.error.fields) {
      expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['code', 'field', 'message']));
      expect(JSON.stringify(f)).not.toContain('НН');
    }
    const wrong = await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, sex: 'Q' });
    expect(problems(wrong).sex).toMatchObject({ code: 'ONE_OF', params: { values: 'F, M, X' } });
  });

  it("gives the record's own rules their own codes", async () => {
    const res = await clerk('POST', '/api/v1/applicants', {
      ...NAVITSKAYA,
      surname: 'Smith',
      surnameLatin: 'smith',
      birthDate: '2999-01-01',
      personalNumber: 'bad',
    });
    const p = problems(res);
    expect(p.surname?.code).toBe('CYRILLIC_NAME');
    expect(p.surnameLatin?.code).toBe('LATIN_NAME');
    expect(p.birthDate?.code).toBe('DATE_IN_FUTURE');
    expect(p.personalNumber?.code).toBe('PERSONAL_NUMBER');
    // A date in another shape is DATE as well, not a bare pattern failure.
    const shape = await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, birthDate: '15.03.1990' });
    expect(problems(shape).birthDate?.code).toBe('DATE');
    const query = await clerk('GET', '/api/v1/documents?limit=500');
    expect(problems(query).limit).toMatchObject({ code: 'OUT_OF_RANGE' });
  });

  it('are all documented for integrators (docs/api.md, "Field problems")', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### Field problems'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| code')));
    for (const code of FIELD_CODES) expect(table, code).toMatch(new RegExp(`\\b${code}\\b`));
  });

  it('names only codes of the published list', async () => {
    const applicant = (await clerk('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    const answers = await Promise.all([
      clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'visa' }),
      clerk('POST', '/api/v1/applications', {
        applicantId: applicant.id,
        documentType: 'identity-attestation',
        data: { expiredPassportNumber: 'ab-12', surnameLatin: 'x' },
      }),
      clerk('POST', '/api/v1/applicants/search', { q: 'а' }),
    ]);
    const codes = answers.flatMap((a) => a.json.error.fields.map((f: Problem) => `${f.field} ${f.code}`));
    expect(codes).toEqual(
      expect.arrayContaining([
        'documentType UNKNOWN_DOCUMENT_TYPE',
        'expiredPassportNumber DOCUMENT_NUMBER',
        'surnameLatin LATIN_NAME',
        'q TOO_SHORT',
      ]),
    );
    for (const c of codes) expect(FIELD_CODES).toContain(c.split(' ')[1]);
  });
});
