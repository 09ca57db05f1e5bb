// Withdrawing an application: a clerk takes back a draft or one waiting for approval; final, recorded in
// its history and the audit log; nothing decided (approved, rejected, issued) can be withdrawn, and an
// approver cannot withdraw. Re-applying withdraws and registers the successor in one step.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, NAVITSKAYA, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

let r: TestRegistry;
beforeAll(async () => {
  r = await testRegistry();
});
afterAll(() => r?.close());

describe('withdrawing an application', () => {
  it('takes back drafts and submitted applications only, by a clerk, for good', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const person = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, birthDate: '1991-01-01' }))
      .json;
    const open = async () => {
      const created = await clerk('POST', '/api/v1/applications', {
        applicantId: person.id,
        documentType: 'passport',
      });
      expect(created.status, created.text).toBe(201);
      return created.json.id as string;
    };
    const draft = await open();
    expect((await approver('POST', `/api/v1/applications/${draft}/withdraw`)).status).toBe(403);
    const res = await clerk('POST', `/api/v1/applications/${draft}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.json.state).toBe('withdrawn');
    // Final: neither submitted nor withdrawn again.
    expect((await clerk('POST', `/api/v1/applications/${draft}/submit`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    expect((await clerk('POST', `/api/v1/applications/${draft}/withdraw`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    const events = (await clerk('GET', `/api/v1/applications/${draft}/events`)).json.items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['create', 'withdrawn']);
    const audit = await r.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', draft)
      .execute();
    expect(audit.map((a) => a.action)).toContain('application.withdrawn');
  });

  it('re-applies in one step: the old one withdrawn, a draft with the corrected record in its place', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const lt = api(r.app, await tokenFor(r.app, 'lt-clerk'));
    const person = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, birthDate: '1992-02-02' }))
      .json;
    const old = (
      await clerk('POST', '/api/v1/applications', {
        applicantId: person.id,
        documentType: 'birth-certificate',
        data: { recordNumber: '77', recordDate: '1992-02-10', motherName: 'Навіцкая Алена' },
      })
    ).json;
    const { surname, givenNames, sex, birthDate } = person;
    await clerk('PUT', `/api/v1/applicants/${person.id}`, {
      surname,
      givenNames,
      sex,
      birthDate,
      birthPlace: 'Брэст',
    });
    expect((await approver('POST', `/api/v1/applications/${old.id}/reapply`)).status).toBe(403);
    expect((await lt('POST', `/api/v1/applications/${old.id}/reapply`)).status).toBe(404);
    const res = await clerk('POST', `/api/v1/applications/${old.id}/reapply`);
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ state: 'draft', replaces: old.id, documentType: 'birth-certificate' });
    // The person's fields as the record is now; the certificate's own as the old application held them.
    expect(res.json.data).toMatchObject({
      birthPlace: 'Брэст',
      recordNumber: '77',
      motherName: 'Навіцкая Алена',
    });
    expect((await clerk('GET', `/api/v1/applications/${old.id}`)).json.state).toBe('withdrawn');
    // Once only: the old one is final.
    expect((await clerk('POST', `/api/v1/applications/${old.id}/reapply`)).json.error.code).toBe(
      'INVALID_STATE',
    );
    const audit = await r.deps.db
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('target_id', 'in', [old.id, res.json.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => `${a.action} ${a.target_id === old.id ? 'old' : 'new'}`)).toEqual([
      'application.create old',
      'application.create new',
      'application.withdrawn old',
    ]);
  });
});
