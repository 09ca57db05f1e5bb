// The clerk's and approver's steps over real HTTP (fetch), for tests against a service process.
import { PASSWORD } from './registry.js';
import { testPhoto } from './photo.js';

export interface Answer {
  status: number;
  json: any;
  headers: Headers;
}

export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const isBytes = body instanceof Uint8Array;
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !isBytes ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: isBytes ? (body as BodyInit) : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

export async function login(url: string, username: string): Promise<string> {
  const res = await call(url, 'POST', '/api/v1/tokens', {
    username,
    password: PASSWORD,
    label: 'fault test',
  });
  if (res.status !== 201) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.token as string;
}

const PHOTO = new Uint8Array(testPhoto());
const LETTERS = 'АБВГДЕЖЗІКЛМНОПРСТУФХЦЧШ';

/** A new applicant and a passport issued to them; throws on the first step that does not succeed. */
export async function issueOverHttp(url: string, clerk: string, approver: string, n: number): Promise<any> {
  const step = async (what: string, res: Promise<Answer>, ok: number) => {
    const r = await res;
    if (r.status !== ok) throw Object.assign(new Error(`${what}: ${r.status}`), { answer: r });
    return r.json;
  };
  const name = [...String(n)].map((d) => LETTERS[Number(d)]).join('');
  const applicant = await step(
    'applicant',
    call(
      url,
      'POST',
      '/api/v1/applicants',
      {
        surname: `Тэст${name.toLowerCase()}`,
        givenNames: 'Ала',
        sex: 'F',
        birthDate: '1985-04-01',
      },
      clerk,
    ),
    201,
  );
  await step(
    'photo',
    call(url, 'PUT', `/api/v1/applicants/${applicant.id}/photo`, PHOTO, clerk, {
      'content-type': 'image/png',
    }),
    204,
  );
  const app = await step(
    'application',
    call(url, 'POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' }, clerk),
    201,
  );
  await step('submit', call(url, 'POST', `/api/v1/applications/${app.id}/submit`, undefined, clerk), 200);
  await step(
    'approve',
    call(url, 'POST', `/api/v1/applications/${app.id}/approve`, undefined, approver),
    200,
  );
  return step('issue', call(url, 'POST', `/api/v1/applications/${app.id}/issue`, undefined, clerk), 201);
}
