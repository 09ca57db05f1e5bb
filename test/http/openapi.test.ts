// /openapi.json as integrators use it: a client generated with openapi-typescript (TypeScript 5, in the
// tools/openapi-client workspace) has non-optional document and issuer on VALID results and names every
// operation; real answers of the public endpoints match the published component schemas (checked by ajv
// against /openapi.json itself, not our zod); every error answer is described with its headers.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { contractProblem } from '../helpers/contract.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, testRegistry, type TestRegistry } from '../helpers/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const GENERATOR = join(
  ROOT,
  'tools',
  'openapi-client',
  'node_modules',
  'openapi-typescript',
  'bin',
  'cli.js',
);
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let r: TestRegistry;
let doc: Record<string, any>;
beforeAll(async () => {
  r = await testRegistry();
  doc = (await api(r.app)('GET', '/openapi.json')).json;
});
afterAll(() => r?.close());

/** A validator for one component, resolving $refs against the published document. */
function validator(component: string) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'https://registry.test/openapi.json', components: doc.components });
  return ajv.compile({ $ref: `https://registry.test/openapi.json#/components/schemas/${component}` });
}

function payloadOf(jws: string): unknown {
  return JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('OpenAPI for integrators', () => {
  it('generates a client whose VALID results always carry document and issuer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbr-client-'));
    const spec = join(dir, 'openapi.json');
    writeFileSync(spec, JSON.stringify(doc));
    execFileSync(process.execPath, [GENERATOR, spec, '-o', join(dir, 'api.d.ts')], { stdio: 'pipe' });
    writeFileSync(
      join(dir, 'check.ts'),
      `import type { components, operations } from './api.js';
type Result = components['schemas']['VerifyResult'];
type Optional<T, K extends keyof T> = {} extends Pick<T, K> ? true : false;
// On VALID, document and issuer are required; on a refusal, document is optional.
type Valid = components['schemas']['VerifyValid'];
const required: [Optional<Valid, 'document'>, Optional<Valid, 'issuer'>] = [false, false];
const optional: Optional<components['schemas']['VerifyInvalid'], 'document'> = true;
export function office(r: Result): string {
  // Narrowing on valid gives the document without a check for undefined.
  if (r.valid) return r.document.office + r.issuer.office;
  return r.code;
}
// Narrowing on the type gives that type's fields: a passport's Latin surname, no cast (issue 24, item 13).
export function latinSurname(r: Result): string | undefined {
  if (r.valid && r.document.type === 'passport') return r.document.fields.surnameLatin;
  return undefined;
}
export type Verify = operations['verifyDocument']['responses'][200]['content']['application/json'];
// The staff API's answers are typed too (issue 24, item 13): no cast to read an applicant or a new document.
type Json<O extends keyof operations, S extends keyof operations[O]['responses']> =
  operations[O]['responses'][S] extends { content: { 'application/json': infer B } } ? B : never;
export const applicantLatin = (a: Json<'getApplicantsById', 200>): string => a.surnameLatin;
export const issuedNumber = (d: Json<'postApplicationsByIdIssue', 201>): string => d.number + d.superseded.length;
export const pending = (d: Json<'getDocumentsById', 200>): string | undefined => d.pendingRevocation?.reason;
// (never would have every property: each of the three is a real body.)
type Real<T> = [T] extends [never] ? false : true;
export const real: [
  Real<Json<'getApplicantsById', 200>>,
  Real<Json<'postApplicationsByIdIssue', 201>>,
  Real<Json<'getDocumentsById', 200>>,
] = [true, true, true];
export type Limited = operations['verifyDocument']['responses'][429];
export const checks = [required, optional];
`,
    );
    /** The compiler's complaints ('' when it accepts the file). */
    const compile = (file: string): string => {
      try {
        execFileSync(
          process.execPath,
          [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--skipLibCheck', file],
          {
            cwd: dir,
            stdio: 'pipe',
          },
        );
        return '';
      } catch (e) {
        return String((e as { stdout?: Buffer }).stdout ?? e);
      }
    };
    expect(compile('check.ts')).toBe('');
    // And the compiler does refuse what the schema forbids: a refusal's document may be absent.
    writeFileSync(
      join(dir, 'wrong.ts'),
      `import type { components } from './api.js';
export const f = (r: components['schemas']['VerifyInvalid']): string => r.document.office;
`,
    );
    expect(compile('wrong.ts')).toMatch(/possibly 'undefined'/);
  }, 60_000);

  it('names every operation once and describes the rate-limit and unavailability answers with their headers', async () => {
    const ids: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>))
      for (const [method, op] of Object.entries(methods)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        ids.push(op.operationId);
        expect(op.responses[429].$ref, `${method} ${path}`).toBe('#/components/responses/RateLimited');
      }
    expect(new Set(ids).size).toBe(ids.length);
    const verify = doc.paths['/api/v1/verify'].post;
    expect(verify.operationId).toBe('verifyDocument');
    expect(Object.keys(verify.responses)).toEqual([
      '200',
      '400',
      '401',
      '405',
      '413',
      '415',
      '422',
      '429',
      '503',
      'default',
    ]);
    expect(Object.keys(doc.components.responses.RateLimited.headers)).toEqual([
      'Retry-After',
      'RateLimit-Limit',
      'RateLimit-Remaining',
    ]);
    expect(doc.components.responses.Unavailable.headers['Retry-After']).toBeDefined();
    expect(doc.components.schemas.PassportPayload.properties.expiresAt.description).toMatch(
      /day after the printed/,
    );
    // One fields schema per document type, generated from schema/documents (issue 24, item 13).
    expect(doc.components.schemas.DocumentPayload.discriminator.propertyName).toBe('type');
    expect(doc.components.schemas.PassportFields.properties.surnameLatin.pattern).toBe(
      "^[A-Z][A-Z '-]{0,59}$",
    );
    expect(doc.components.schemas.MarriageCertificateFields.required).toContain('spouse1NameBefore');
    // Every document the description links to is served (issue 24, item 13: one was a 404), nothing else.
    const links = [...new Set(JSON.stringify(doc).match(/\/docs\/[a-z0-9-]+\.md/g) ?? [])];
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect((await r.app.request(link)).status, link).toBe(200);
    expect((await r.app.request('/docs/..%2Fpackage.json')).status).toBe(404);
    expect((await r.app.request('/docs/secret.key.json')).status).toBe(404);
    // The verification's examples are answers the schema accepts.
    const examples = doc.paths['/api/v1/verify'].post.responses[200].content['application/json'].examples;
    const check = validator('VerifyResult');
    for (const [name, ex] of Object.entries(examples as Record<string, { value: unknown }>))
      expect(check(ex.value), `${name}: ${JSON.stringify(check.errors)}`).toBe(true);
    // Every reason code with its meaning.
    const codes = doc.components.schemas.VerifyInvalid.properties.code;
    expect(codes['x-enum-descriptions']).toHaveLength(codes.enum.length);
    expect(codes.description).toMatch(/- REVOKED: /);
    expect(doc.components.schemas.VerifyResult.oneOf).toHaveLength(2);
  });

  it("describes every operation's success answer, with an example its schema accepts (issue 24, item 13)", () => {
    let examples = 0;
    for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>))
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        const success = Object.keys(op.responses).filter((k) => /^2\d\d$/.test(k));
        expect(success.length, where).toBeGreaterThan(0);
        for (const status of success) {
          const answer = op.responses[status];
          if (status === '204') {
            expect(answer.content, where).toBeUndefined();
            continue;
          }
          const types = Object.keys(answer.content ?? {});
          expect(types.length, where).toBeGreaterThan(0);
          const json = answer.content['application/json'];
          if (!json || types[0] !== 'application/json') continue;
          expect(json.schema.$ref, where).toMatch(/^#\/components\/schemas\/[A-Z]\w+$/);
          const check = validator(json.schema.$ref.split('/').pop());
          const values = json.examples
            ? Object.values(json.examples as Record<string, { value: unknown }>).map((e) => e.value)
            : [json.example];
          expect(values[0], `${where}: no example`).toBeDefined();
          for (const value of values) {
            expect(check(value), `${where}: ${JSON.stringify(check.errors)}`).toBe(true);
            examples++;
          }
        }
      }
    expect(examples).toBeGreaterThan(50);
    // The operation's own second answers: a staff change asked for, a service not ready.
    expect(doc.paths['/api/v1/staff/{id}'].patch.responses[202].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/StaffRequest',
    );
    expect(doc.paths['/healthz'].get.responses[503].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/HealthFailing',
    );
    expect(doc.paths['/api/v1/applications/{id}/issue'].post.responses[201]).toBeDefined();
  });

  it('is checked against every answer the suite receives, and that check refuses what differs', () => {
    const id = '019ad2c0-2a00-7000-8000-0000000000a1';
    const json = 'application/json';
    expect(contractProblem('GET', '/api/v1/session/work', 200, json, '{"queue":3}')).toBeUndefined();
    expect(contractProblem('GET', '/api/v1/session/work', 200, json, '{"queue":"three"}')).toMatch(
      /queue must be integer/,
    );
    expect(contractProblem('GET', `/api/v1/applicants/${id}`, 200, json, '{"id":"x"}')).toMatch(
      /required property 'surname'/,
    );
    expect(contractProblem('PUT', `/api/v1/applicants/${id}/photo`, 204, null, '{}')).toMatch(/a body/);
    expect(contractProblem('GET', `/api/v1/applicants/${id}/photo`, 200, 'text/html', '<p>')).toMatch(
      /described: image\/jpeg, image\/png/,
    );
    expect(contractProblem('POST', '/api/v1/documents/lookup', 404, json, '{"oops":1}')).toMatch(
      /required property 'error'/,
    );
    // Routes the description does not hold are left to their own tests.
    expect(contractProblem('GET', '/console/', 200, 'text/html', '<p>')).toBeUndefined();
  });

  it('answers as the published schemas say: verify, batch, JWKS and the signed lists', async () => {
    const passport = await issuePassport(r);
    await integrateLog(r.deps);
    const call = api(r.app);
    const result = validator('VerifyResult');
    const valid = (await call('POST', '/api/v1/verify', { qr: passport.qrText })).json;
    expect(valid.valid).toBe(true);
    expect(result(valid), JSON.stringify(result.errors)).toBe(true);
    const refused = (await call('POST', '/api/v1/verify', { qr: `${passport.qrText.slice(0, -3)}AAA` })).json;
    expect(refused.valid).toBe(false);
    expect(result(refused), JSON.stringify(result.errors)).toBe(true);
    // A VALID answer without its document would not pass.
    expect(result({ ...valid, document: undefined })).toBe(false);
    const batch = validator('VerifyBatchResult');
    expect(batch((await call('POST', '/api/v1/verify/batch', { codes: [passport.qrText, 'x'] })).json)).toBe(
      true,
    );
    const jwks = validator('Jwks');
    for (const path of ['/.well-known/jwks.json', '/.well-known/status-jwks.json'])
      expect(jwks((await call('GET', path)).json), `${path} ${JSON.stringify(jwks.errors)}`).toBe(true);
    const trust = validator('TrustListPayload');
    expect(trust(payloadOf((await call('GET', '/trust-list')).text)), JSON.stringify(trust.errors)).toBe(
      true,
    );
    const status = validator('StatusListPayload');
    expect(status(payloadOf((await call('GET', '/status-list')).text)), JSON.stringify(status.errors)).toBe(
      true,
    );
    const error = validator('Error');
    expect(error((await call('POST', '/api/v1/verify', { nope: 1 })).json)).toBe(true);
  });
});
