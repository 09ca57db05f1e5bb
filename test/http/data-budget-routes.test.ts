// Issue 21, finding 3: with its personal-data budget spent, an account gets no person's data from any staff
// route. The routes are read from the app itself (Hono's app.routes), so a route added later is walked too;
// every path parameter is filled with a real record of the account's office, every body is a plausible one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { carriesPersonalData } from '../../src/http/middleware/personal-data.js';
import { issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import { api, NAVITSKAYA, type TestRegistry, testRegistry, tokenFor } from '../helpers/registry.js';

const BUDGET = 5;
/** A person found nowhere else in the repository: any of these strings in an answer is a leak. */
const PERSON = {
  ...NAVITSKAYA,
  surname: 'Зьмітровіч-Кавалёўская',
  givenNames: 'Агата',
  birthDate: '1977-11-23',
  birthPlace: 'Пружаны',
  personalNumber: '3231177B042PB7',
};
const LEAKS = [
  PERSON.surname,
  'ZMITROVICH',
  PERSON.givenNames,
  'AHATA',
  PERSON.birthDate,
  '771123',
  PERSON.birthPlace,
  PERSON.personalNumber,
  'NB2:',
];

describe('the personal-data budget covers every staff route', () => {
  let r: TestRegistry;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    r = await testRegistry();
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const person = (await clerk('POST', '/api/v1/applicants', PERSON)).json;
    await clerk('PUT', `/api/v1/applicants/${person.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const doc = await issuePassportTo(r.app, person.id);
    const draft = (
      await clerk('POST', '/api/v1/applications', { applicantId: person.id, documentType: 'passport' })
    ).json;
    ids.applicants = person.id;
    ids.applications = draft.id;
    ids.documents = doc.id;
    r.clock.t += 60_000; // the set-up's reads are in an earlier window
    (r.deps.config as { personalDataBudget: number }).personalDataBudget = BUDGET;
  });
  afterAll(() => r.close());

  /** The staff routes of the app, as [method, path pattern]. */
  function staffRoutes(app: ReturnType<typeof createApp>): [string, string][] {
    const seen = new Set<string>();
    return app.routes
      .filter((rt) => rt.method !== 'ALL' && rt.path.startsWith('/api/v1/') && !rt.path.includes('*'))
      .filter((rt) => !['/api/v1/session', '/api/v1/tokens'].includes(rt.path) || rt.method !== 'POST')
      .filter((rt) => !rt.path.startsWith('/api/v1/verify'))
      .map((rt): [string, string] => [rt.method, rt.path])
      .filter(([m, p]) => !seen.has(`${m} ${p}`) && seen.add(`${m} ${p}`) !== undefined);
  }

  it.each(['pl-clerk', 'pl-approver', 'pl-office_admin'])('%s, over budget, reads nobody', async (user) => {
    const me = api(r.app, await tokenFor(r.app, user));
    for (let i = 0; i <= BUDGET; i++) await me('GET', `/api/v1/documents/${ids.documents}`);
    expect((await me('GET', `/api/v1/documents/${ids.documents}`)).status).toBe(429);
    const routes = staffRoutes(r.app);
    expect(routes.length).toBeGreaterThan(40);
    const answered: string[] = [];
    for (const [method, pattern] of routes) {
      if (pattern === '/api/v1/session' && method === 'DELETE') continue; // would end this test's session
      const resource = pattern.split('/')[3]!;
      const path = pattern.replace(/:id\b/, ids[resource] ?? '0190a000-0000-7000-8000-000000000000');
      const body = method === 'GET' || method === 'DELETE' ? undefined : { q: 'Зьмітровіч', number: 'X' };
      const res = await me(method, path, body);
      const type = res.headers.get('content-type') ?? '';
      const label = `${user} ${method} ${path} -> ${res.status} ${res.text.slice(0, 120)}`;
      for (const leak of LEAKS) expect(res.text, label).not.toContain(leak);
      // A QR image or a photo is the person's data without a readable string in it.
      if (/^image\//.test(type)) expect(res.status, label).not.toBe(200);
      if (carriesPersonalData(path)) expect(res.status, label).toBe(429);
      else answered.push(`${method} ${pattern}`);
    }
    // Routes outside the budget are only those that never carry a person's data.
    expect(
      answered.every((a) => /session|offices|staff|audit|keys|document-types|reports|events/.test(a)),
    ).toBe(true);
  });

  it('refuses a search over budget whether or not it would match (no registration oracle)', async () => {
    const me = api(r.app, await tokenFor(r.app, 'lt-clerk'));
    for (let i = 0; i <= BUDGET; i++) await me('POST', '/api/v1/applicants/search', { q: 'нікога' });
    const miss = await me('POST', '/api/v1/applicants/search', { q: 'нікога няма' });
    const hit = await me('POST', '/api/v1/applicants/search', { q: 'Зьмітровіч' });
    expect([miss.status, hit.status]).toEqual([429, 429]);
  });
});
