// Every answer the suite receives through api() (test/helpers/registry.ts) is checked against /openapi.json
// (issue 24, item 13): the operation's status, its media type and, for JSON, its schema, by ajv against the
// published document (not our zod). A route the description does not have (console pages, log tiles) and
// HEAD or OPTIONS are not checked; test/http/public.test.ts holds that every app route is described.

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '../../src/http/openapi.js';

type Json = Record<string, any>;

const doc = openApiDocument() as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'https://registry.test/openapi.json', components: doc.components });
const compiled = new Map<string, ValidateFunction>();

/** The described operations, literal paths before templated ones (/documents/lookup before /documents/{id}). */
const ROUTES = Object.entries(doc.paths as Record<string, Record<string, Json>>)
  .flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      op,
      re: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
      templated: path.includes('{'),
    })),
  )
  .sort((a, b) => Number(a.templated) - Number(b.templated));

function resolve(response: Json): Json {
  const ref = response.$ref as string | undefined;
  return ref ? doc.components.responses[ref.split('/').pop()!] : response;
}

function validatorFor(schema: Json): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile({
      ...schema,
      ...(schema.$ref ? { $ref: `https://registry.test/openapi.json${String(schema.$ref)}` } : { $defs: {} }),
    });
    compiled.set(key, v);
  }
  return v;
}

/** What is wrong with this answer for the description, or undefined when it is as described. */
export function contractProblem(
  method: string,
  url: string,
  status: number,
  contentType: string | null,
  text: string,
): string | undefined {
  const path = new URL(url, 'http://registry.test').pathname;
  const route = ROUTES.find((r) => r.method === method.toUpperCase() && r.re.test(path));
  // A 304 has no body by definition (RFC 9110 section 15.4.5).
  if (!route || status === 304) return undefined;
  const where = `${method} ${route.path} ${status}`;
  const described = route.op.responses[status] ?? route.op.responses.default;
  if (!described) return `${where}: status not described`;
  const response = resolve(described);
  const content = response.content as Json | undefined;
  if (!content || Object.keys(content).length === 0) {
    if (status === 204 && text !== '') return `${where}: a body where none is described`;
    return undefined;
  }
  const type = (contentType ?? '').split(';')[0]!.trim();
  const media = content[type];
  if (!media) return `${where}: ${type || 'no content type'}, described: ${Object.keys(content).join(', ')}`;
  if (type !== 'application/json' || !media.schema) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${where}: not JSON`;
  }
  const check = validatorFor(media.schema);
  if (check(body)) return undefined;
  return `${where}: ${ajv.errorsText(check.errors, { separator: '; ' })}`;
}
