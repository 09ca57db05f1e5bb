// The whole path, on SQLite and (when the machine has it) PostgreSQL: applicant -> application -> approval
// -> issued passport -> verified -> revoked -> shown revoked by the public status list and verify endpoint.
import { revokeAsTwo } from '../helpers/revoke.js';
import { parse as parseMrz } from 'mrz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStatusList } from '../../src/core/status-list.js';
import { verify } from '../../src/core/verify.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { issuePassport, issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import {
  api,
  freshPostgres,
  NAVITSKAYA,
  postgresAvailable,
  testRegistry,
  tokenFor,
  type TestRegistry,
} from '../helpers/registry.js';

const pgUp = await postgresAvailable();
if (!pgUp) {
  if (process.env.CI) throw new Error('CI must run the PostgreSQL half: no server at 127.0.0.1:5432');
  console.warn(
    'PostgreSQL not reachable at 127.0.0.1:5432: SKIPPING the PostgreSQL half of the registry tests',
  );
}

const dialects: [string, 'pg' | undefined][] = [
  ['sqlite', undefined],
  ...(pgUp ? [['postgres', 'pg'] as [string, 'pg']] : []),
];

describe.each(dialects)('registry flow on %s', (_name, kind) => {
  let r: TestRegistry;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    let url: string | undefined;
    if (kind === 'pg') ({ url, drop } = await freshPostgres());
    r = await testRegistry(url ? { databaseUrl: url } : {});
  });
  afterAll(async () => {
    await r.close();
    await drop?.();
  });

  it('takes a passport application from registration to revocation', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const anyone = api(r.app);

    const applicant = await clerk('POST', '/api/v1/applicants', NAVITSKAYA);
    expect(applicant.status, applicant.text).toBe(201);
    expect(applicant.json.surnameLatin).toBe('NAVITSKAIA');
    expect(applicant.json.givenNamesLatin).toBe('KATSIARYNA');

    const found = await clerk('POST', '/api/v1/applicants/search', { q: 'навіц' });
    expect(found.json.items.map((a: { id: string }) => a.id)).toEqual([applicant.json.id]);

    const application = await clerk('POST', '/api/v1/applications', {
      applicantId: applicant.json.id,
      documentType: 'passport',
    });
    expect(application.status, application.text).toBe(201);
    expect(application.json.state).toBe('draft');
    expect(application.json.data.surnameLatin).toBe('NAVITSKAIA');

    // A passport carries a portrait: no submission without one.
    const noPortrait = await clerk('POST', `/api/v1/applications/${application.json.id}/submit`);
    expect(noPortrait.status).toBe(422);
    expect(noPortrait.json.error.fields[0].field).toBe('photo');
    await clerk('PUT', `/api/v1/applicants/${applicant.json.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    expect((await clerk('POST', `/api/v1/applications/${application.json.id}/submit`)).json.state).toBe(
      'submitted',
    );
    const queue = await approver('GET', '/api/v1/applications?state=submitted');
    expect(queue.json.items.map((a: { id: string }) => a.id)).toContain(application.json.id);
    expect((await approver('POST', `/api/v1/applications/${application.json.id}/approve`)).json.state).toBe(
      'approved',
    );

    r.clock.t += 60_000;
    const issued = await approver('POST', `/api/v1/applications/${application.json.id}/issue`);
    expect(issued.status, issued.text).toBe(201);
    const doc = issued.json;
    expect(doc.number).toMatch(/^[A-Z]{2}[0-9A-HJ-NP-Z]{7}$/);
    expect(doc.data.issueDate).toBe('2026-12-01');
    expect(doc.data.expiryDate).toBe('2036-11-30');
    expect(doc.mrz).toHaveLength(2);
    const mrz = parseMrz(doc.mrz);
    expect(mrz.details.filter((d) => !d.valid && d.field !== 'issuingState')).toEqual([]);
    expect(mrz.fields.documentNumber).toBe(doc.number);
    expect(doc.mrz[1].slice(28, 42)).toBe(NAVITSKAYA.personalNumber);

    // The QR verifies with the published trust and status lists, by the core as a verifier would.
    const statusText = (await anyone('GET', '/status-list')).text;
    const status = await openStatusList(statusText, r.deps.keyring.trust);
    expect(status.ok).toBe(true);
    const now = Math.floor(r.clock.t / 1000);
    const check = await verify(doc.qrText, {
      log: r.deps.logView!,
      trust: r.deps.keyring.trust,
      status: status.ok ? status.value : undefined,
      now,
      documentTypes: r.deps.documentTypes,
    });
    expect(check.code).toBe('VALID');
    expect((await anyone('POST', '/api/v1/verify', { qr: doc.qrText })).json.code).toBe('VALID');

    const svg = await clerk('GET', `/api/v1/documents/${doc.id}/qr.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(svg.text).toContain('<svg');
    const print = await clerk('GET', `/api/v1/documents/${doc.id}/print`);
    expect(print.text).toContain(doc.mrz[0].replaceAll('<', '&#60;'));
    expect(print.text).toContain('Навіцкая');
    // The passport data page: its real size, every MRZ character in its own cell, the portrait-less notice.
    const td3 = await clerk('GET', `/api/v1/documents/${doc.id}/print?layout=td3`);
    expect(td3.status).toBe(200);
    expect(td3.text).toContain('@page { size: 125mm 88mm; margin: 0; }');
    expect(td3.text).toContain(
      [...doc.mrz[1]].map((ch: string) => `<span>${ch === '<' ? '&#60;' : ch}</span>`).join(''),
    );
    expect(td3.text).toContain(`data:image/png;base64,${testPhoto().toString('base64')}`);
    expect((await clerk('GET', `/api/v1/documents/${doc.id}/print?layout=poster`)).json.error.code).toBe(
      'VALIDATION_FAILED',
    );

    // Revoke: the status list published right after says so, and so does the verify endpoint.
    // Two people: the approver asks, nothing is revoked yet; the approver cannot confirm it alone.
    const asked = await approver('POST', `/api/v1/documents/${doc.id}/revoke`, {
      reason: 'lost',
      note: 'reported at the desk',
    });
    expect(asked.status).toBe(202);
    expect((await anyone('POST', '/api/v1/verify', { qr: doc.qrText })).json.code).toBe('VALID');
    expect((await approver('POST', `/api/v1/revocations/${asked.json.id}/confirm`)).json.error.code).toBe(
      'TWO_PERSON_RULE',
    );
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    expect((await admin('GET', '/api/v1/revocations')).json.items.map((x: { id: string }) => x.id)).toContain(
      asked.json.id,
    );
    const confirmed = await admin('POST', `/api/v1/revocations/${asked.json.id}/confirm`);
    const revoked = { status: confirmed.status, json: confirmed.json.document };
    expect(revoked.status, JSON.stringify(confirmed.json)).toBe(200);
    expect(revoked.json.state).toBe('revoked');
    const status2 = await openStatusList((await anyone('GET', '/status-list')).text, r.deps.keyring.trust);
    expect(status2.ok && status2.value.isRevoked(doc.statusIndex)).toBe(true);
    expect(status.ok && status.value.isRevoked(doc.statusIndex)).toBe(false);
    expect((await anyone('POST', '/api/v1/verify', { qr: doc.qrText })).json.code).toBe('REVOKED');
    expect(
      (await approver('POST', `/api/v1/documents/${doc.id}/revoke`, { reason: 'lost' })).json.error.code,
    ).toBe('INVALID_STATE');

    const events = await clerk('GET', `/api/v1/documents/${doc.id}/events`);
    expect(events.json.items.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submitted',
      'approved',
      'issue',
      'revocation_requested', // the first of the two people, in the document's history (issue 24, item 6)
      'revoke',
    ]);
    expect(events.json.items.at(-1).reason).toBe('lost: reported at the desk');

    const chain = await verifyAuditChain(r.handle.db);
    expect(chain.ok).toBe(true);
  });

  it('points out possible duplicate records of a person within the office, and never across offices', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const ltClerk = api(r.app, await tokenFor(r.app, 'lt-clerk'));
    const person = {
      surname: 'Дубко',
      givenNames: 'Яўген',
      sex: 'M',
      birthDate: '1970-07-07',
      personalNumber: '3070770A001PB5',
    };
    const first = (await clerk('POST', '/api/v1/applicants', person)).json;
    expect(first.possibleDuplicates).toEqual([]);
    const again = (await clerk('POST', '/api/v1/applicants', person)).json;
    const who = { name: 'Дубко Яўген', birthDate: '1970-07-07' };
    expect(again.possibleDuplicates).toEqual([{ id: first.id, match: 'personalNumber', ...who }]);
    const namesake = (await clerk('POST', '/api/v1/applicants', { ...person, personalNumber: undefined }))
      .json;
    expect(namesake.possibleDuplicates).toEqual([
      { id: first.id, match: 'nameAndBirthDate', ...who },
      { id: again.id, match: 'nameAndBirthDate', ...who },
    ]);
    // Issue 24, item 8: checked before saving, and a spelling that folds to the same names is found too
    // (Ё/Е, Ў/У, either apostrophe), however the Latin came out; a second given name does not hide her.
    const her = {
      surname: 'Ўладзімірава-Ёрш',
      givenNames: 'Мар’яна Ўладзіслава',
      sex: 'F',
      birthDate: '1988-07-03',
    };
    const registered = (await clerk('POST', '/api/v1/applicants', her)).json;
    const check = await clerk('POST', '/api/v1/applicants/check', {
      ...her,
      surname: 'Уладзімірава-Ерш',
      givenNames: "Мар'яна",
    });
    expect(check.status, check.text).toBe(200);
    expect(check.json.possibleDuplicates).toEqual([
      {
        id: registered.id,
        match: 'similarNameAndBirthDate',
        name: 'Ўладзімірава-Ёрш Мар’яна Ўладзіслава',
        birthDate: '1988-07-03',
      },
    ]);
    // Nothing was saved by the check; another birth date is another person.
    expect(
      (await clerk('POST', '/api/v1/applicants/check', { ...her, birthDate: '1988-07-04' })).json
        .possibleDuplicates,
    ).toEqual([]);
    expect(
      (await clerk('GET', `/api/v1/applicants/${first.id}`)).json.possibleDuplicates.map(
        (d: { id: string }) => d.id,
      ),
    ).toEqual([again.id, namesake.id]);
    expect(
      (
        await clerk('POST', '/api/v1/applicants', {
          ...person,
          birthDate: '1970-07-08',
          personalNumber: '3080770A001PB5',
        })
      ).json.possibleDuplicates,
    ).toEqual([]);
    // Another embassy registering the same person learns nothing about this one's records.
    expect((await ltClerk('POST', '/api/v1/applicants', person)).json.possibleDuplicates).toEqual([]);
  });

  it('corrects an applicant record, keeps what was issued as signed, and audits which fields changed', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const person = { surname: 'Лукашэвіч', givenNames: 'Ганна', sex: 'F', birthDate: '1985-02-02' };
    const a = (await clerk('POST', '/api/v1/applicants', person)).json;
    const doc = await issuePassportTo(r.app, a.id);

    // A typo in the given name: the Latin spelling follows (no override was given).
    const fixed = await clerk('PUT', `/api/v1/applicants/${a.id}`, {
      ...person,
      givenNames: 'Ганна-Марыя',
      personalNumber: '4020285A001PB3',
    });
    expect(fixed.status, fixed.text).toBe(200);
    expect(fixed.json).toMatchObject({
      givenNames: 'Ганна-Марыя',
      givenNamesLatin: 'HANNA-MARYIA',
      latinOverride: false,
      personalNumber: '4020285A001PB3',
    });
    // An old passport's spelling given: kept as an override.
    expect(
      (
        await clerk('PUT', `/api/v1/applicants/${a.id}`, {
          ...person,
          surnameLatin: 'LUKASHEVICH',
          givenNamesLatin: 'ANNA',
        })
      ).json,
    ).toMatchObject({ surnameLatin: 'LUKASHEVICH', latinOverride: true, personalNumber: null });
    // Bad input changes nothing; other roles and offices cannot.
    const bad = await clerk('PUT', `/api/v1/applicants/${a.id}`, { ...person, birthDate: '2999-01-01' });
    expect(bad.status).toBe(422);
    expect((await clerk('GET', `/api/v1/applicants/${a.id}`)).json.surnameLatin).toBe('LUKASHEVICH');
    expect((await approver('PUT', `/api/v1/applicants/${a.id}`, person)).status).toBe(403);
    expect(
      (await api(r.app, await tokenFor(r.app, 'lt-clerk'))('PUT', `/api/v1/applicants/${a.id}`, person))
        .status,
    ).toBe(404);

    // The issued passport still carries the data it was signed with.
    expect((await clerk('GET', `/api/v1/documents/${doc.id}`)).json.data.givenNamesLatin).toBe('HANNA');
    expect((await api(r.app)('POST', '/api/v1/verify', { qr: doc.qrText })).json.code).toBe('VALID');
    const audit = await r.handle.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', a.id)
      .where('action', '!=', 'applicant.photo') // the portrait the passport helper uploads
      .orderBy('seq')
      .execute();
    expect(audit.map((e) => e.action)).toEqual(['applicant.create', 'applicant.update', 'applicant.update']);
    expect(JSON.parse(audit[1]!.details)).toEqual({
      fields: 'given_names,given_names_latin,personal_number',
    });
    expect(JSON.stringify(audit)).not.toMatch(/Ганна|HANNA|4020285/);
  });

  it('finds applicants by the start of any name, in either script and as a Russian keyboard types it', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const a = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Ўладзімірская-Шчэрба',
        givenNames: 'Алёна Францішка',
        patronymic: 'Сяргееўна',
        sex: 'F',
        birthDate: '1979-09-09',
      })
    ).json;
    expect(a.surnameLatin).toBe('ULADZIMIRSKAIA-SHCHERBA');
    const ids = async (body: Record<string, string>) =>
      ((await clerk('POST', '/api/v1/applicants/search', body)).json.items as { id: string }[]).map(
        (x) => x.id,
      );
    for (const q of [
      'ўладз', // the holder's own spelling
      'уладз', // ў typed as у
      'шчэр', // the second part of a double surname
      'шчерба', // э typed as е
      'франциш', // і typed as и
      'алена', // ё typed as е
      'сярг',
      'shcher', // Latin (ICAO transliteration)
      'ALIONA', // any case
      'ула але', // two words, both must match
    ])
      expect(await ids({ q }), q).toContain(a.id);
    for (const q of ['ладз', 'ула марта', 'zz']) expect(await ids({ q }), q).not.toContain(a.id);
    expect(await ids({ q: 'ула', birthDate: '1979-09-09' })).toEqual([a.id]);
    expect(await ids({ q: 'ула', birthDate: '1979-09-10' })).toEqual([]);
    // A corrected record is found by its new name, no longer by the old one.
    await clerk('PUT', `/api/v1/applicants/${a.id}`, {
      surname: 'Быкава',
      givenNames: 'Алёна',
      sex: 'F',
      birthDate: '1979-09-09',
    });
    expect(await ids({ q: 'быкав' })).toEqual([a.id]);
    expect(await ids({ q: 'ўладз' })).not.toContain(a.id);
  });

  it('shows the Cabinet valid passports of one personal number issued by two offices', async () => {
    const person = {
      surname: 'Двайная',
      givenNames: 'Марта',
      sex: 'F',
      birthDate: '1988-08-08',
      personalNumber: '4080888A002PB7',
    };
    const cabinet = api(r.app, await tokenFor(r.app, 'cabinet'));
    const report = async () =>
      (await cabinet('GET', '/api/v1/reports/cross-office-passports')).json.items as {
        documents: { documentId: string; office: string }[];
      }[];
    const ours = async () => (await report()).find((g) => g.documents.some((d) => d.documentId === pl.id));
    const pl = await issuePassport(r, person, 'pl');
    expect(await ours()).toBeUndefined(); // one office only: nothing to report
    const lt = await issuePassport(r, person, 'lt');
    const group = await ours();
    expect(group!.documents.map((d) => [d.documentId, d.office])).toEqual([
      [pl.id, 'PL-WAW'],
      [lt.id, 'LT-VNO'],
    ]);
    expect(JSON.stringify(group)).not.toMatch(/4080888A002PB7|Двайная/); // ids and offices, not personal data
    // A clerk clears (or changes) the personal number in the applicant record after issuance: the report
    // reads what the passports were issued with, so the second passport stays listed (issue 10).
    const ltClerk = api(r.app, await tokenFor(r.app, 'lt-clerk'));
    const ltApplicant = (await ltClerk('GET', `/api/v1/documents/${lt.id}`)).json.applicantId;
    const { personalNumber: _removed, ...withoutNumber } = person;
    expect((await ltClerk('PUT', `/api/v1/applicants/${ltApplicant}`, withoutNumber)).status).toBe(200);
    expect((await ours())?.documents).toHaveLength(2);
    expect(
      (
        await api(r.app, await tokenFor(r.app, 'pl-office_admin'))(
          'GET',
          '/api/v1/reports/cross-office-passports',
        )
      ).status,
    ).toBe(403);
    // Once one office revokes its passport, the report clears.
    await revokeAsTwo(r.app, lt.id, { reason: 'cancelled' }, 'lt');
    expect(await ours()).toBeUndefined();
  });

  it('prints the portrait the passport was issued with, even after the record gets a new photo', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const a = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Каліноўская',
        givenNames: 'Вера',
        sex: 'F',
        birthDate: '1960-01-22',
      })
    ).json;
    const before = testPhoto(300, 400);
    const after = testPhoto(330, 440);
    expect(
      (
        await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(before), {
          'content-type': 'image/png',
        })
      ).status,
    ).toBe(204);
    const doc = await issuePassportTo(r.app, a.id);
    expect(
      (
        await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(after), {
          'content-type': 'image/png',
        })
      ).status,
    ).toBe(204);
    const page = (await clerk('GET', `/api/v1/documents/${doc.id}/print?layout=td3`)).text;
    expect(page).toContain(`data:image/png;base64,${before.toString('base64')}`);
    expect(page).not.toContain(after.toString('base64'));
  });

  it('issues the portrait the approver approved, not one uploaded after submission (photo swap)', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const a = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Ніна' })).json;
    const photoA = testPhoto(300, 400);
    const photoB = testPhoto(360, 480);
    const upload = (png: Buffer) =>
      clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(png), { 'content-type': 'image/png' });
    expect((await upload(photoA)).status).toBe(204);
    const app = (await clerk('POST', '/api/v1/applications', { applicantId: a.id, documentType: 'passport' }))
      .json;
    await clerk('POST', `/api/v1/applications/${app.id}/submit`);
    // The approver is shown the frozen portrait, and it is A.
    const shown = await r.app.request(`/api/v1/applications/${app.id}/photo`, {
      headers: { authorization: `Bearer ${await tokenFor(r.app, 'pl-approver')}` },
    });
    expect(Buffer.from(await shown.arrayBuffer()).equals(photoA)).toBe(true);
    expect((await approver('POST', `/api/v1/applications/${app.id}/approve`)).status).toBe(200);
    expect((await upload(photoB)).status).toBe(204); // the record may change; the application does not
    const doc = await clerk('POST', `/api/v1/applications/${app.id}/issue`);
    expect(doc.status).toBe(201);
    const page = (await clerk('GET', `/api/v1/documents/${doc.json.id}/print?layout=td3`)).text;
    expect(page).toContain(`data:image/png;base64,${photoA.toString('base64')}`);
    expect(page).not.toContain(photoB.toString('base64'));
  });

  it("supersedes the holder's earlier passport when a new one is issued, in the same transaction", async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const anyone = api(r.app);
    const applicant = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Марыя' }))
      .json;
    const issue = () => issuePassportTo(r.app, applicant.id);
    const first = await issue();
    expect(first.superseded).toEqual([]);
    const second = await issue();
    expect(second.superseded).toEqual([first.number]);

    // The desk finds a document by the number the holder shows, however it is typed; another office cannot.
    const found = await clerk('POST', '/api/v1/documents/lookup', {
      number: ` ${first.number.toLowerCase().slice(0, 4)} ${first.number.slice(4)}<<`,
    });
    expect(found.status, found.text).toBe(200);
    expect(found.json.id).toBe(first.id);
    const elsewhere = await api(r.app, await tokenFor(r.app, 'lt-clerk'))(
      'POST',
      '/api/v1/documents/lookup',
      { number: first.number },
    );
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json.error.code).toBe('NOT_FOUND');
    expect((await clerk('POST', '/api/v1/documents/lookup', { number: 'ZZ9999999' })).json).toEqual(
      elsewhere.json,
    );
    expect((await clerk('POST', '/api/v1/documents/lookup', { number: "'; drop table x" })).status).toBe(404);
    expect(
      (
        await api(r.app, await tokenFor(r.app, 'cabinet'))('POST', '/api/v1/documents/lookup', {
          number: first.number,
        })
      ).status,
    ).toBe(403);

    const old = (await clerk('GET', `/api/v1/documents/${first.id}`)).json;
    expect(old).toMatchObject({ state: 'revoked', revocationReason: 'superseded', supersededBy: second.id });
    expect((await anyone('POST', '/api/v1/verify', { qr: first.qrText })).json.code).toBe('REVOKED');
    expect((await anyone('POST', '/api/v1/verify', { qr: second.qrText })).json.code).toBe('VALID');
    const events = (await clerk('GET', `/api/v1/documents/${first.id}/events`)).json.items;
    expect(events.at(-1)).toMatchObject({ action: 'revoke', reason: `superseded: by ${second.number}` });

    // Each new passport supersedes the one before: the holder never has two valid ones.
    const third = await issue();
    expect(third.superseded).toEqual([second.number]);
    expect(
      (
        await r.handle.db
          .selectFrom('documents')
          .select('id')
          .where('applicant_id', '=', applicant.id)
          .where('state', '=', 'issued')
          .execute()
      ).map((d) => d.id),
    ).toEqual([third.id]);
    expect((await verifyAuditChain(r.handle.db)).ok).toBe(true);
  });

  it('issues every certificate type from its schema', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const applicant = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Шчаглоў',
        givenNames: 'Уладзіслаў',
        sex: 'M',
        birthDate: '2010-06-01',
      })
    ).json;
    const data: Record<string, Record<string, string>> = {
      'birth-certificate': {
        surname: 'Шчаглоў',
        givenNames: 'Уладзіслаў',
        birthDate: '2010-06-01',
        birthPlace: 'Варшава',
        sex: 'M',
        recordNumber: '12/2010',
        recordDate: '2010-06-05',
      },
      'marriage-certificate': {
        spouse1NameBefore: 'А Б',
        spouse1NameAfter: 'А Б',
        spouse1BirthDate: '1990-01-01',
        spouse2NameBefore: 'В Г',
        spouse2NameAfter: 'В Б',
        spouse2BirthDate: '1991-01-01',
        marriageDate: '2026-10-10',
        marriagePlace: 'Вільня',
        recordNumber: '7/2026',
      },
      'name-change-certificate': {
        nameBefore: 'Шчаглоў Уладзіслаў',
        nameAfter: 'Шчаглоў Уладзімір',
        changeDate: '2026-11-01',
        recordNumber: '9/2026',
      },
      'identity-attestation': { expiredPassportNumber: 'MP1234567', expiredPassportExpiry: '2024-05-01' },
      'power-of-attorney-attestation': {
        principalName: 'Шчаглоў Уладзіслаў',
        principalBirthDate: '2010-06-01',
        agentName: 'Шчаглова Марыя',
        powers: 'Representation at school',
        expiryDate: '2027-12-01',
      },
    };
    for (const [documentType, fields] of Object.entries(data)) {
      const app = await clerk('POST', '/api/v1/applications', {
        applicantId: applicant.id,
        documentType,
        data: fields,
      });
      expect(app.status, `${documentType}: ${app.text}`).toBe(201);
      await clerk('POST', `/api/v1/applications/${app.json.id}/submit`);
      await approver('POST', `/api/v1/applications/${app.json.id}/approve`);
      const doc = await clerk('POST', `/api/v1/applications/${app.json.id}/issue`);
      expect(doc.status, doc.text).toBe(201);
      expect((await api(r.app)('POST', '/api/v1/verify', { qr: doc.json.qrText })).json.code).toBe('VALID');
      const td3 = await clerk('GET', `/api/v1/documents/${doc.json.id}/print?layout=td3`);
      expect(td3.status).toBe(422); // the passport page layout is for passports only
      expect(td3.json.error.fields).toEqual([
        { field: 'layout', code: 'PASSPORT_ONLY', message: 'only for passports' },
      ]);
    }
  });

  it('gives a minor a 5-year passport', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const child = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Рудзь',
        givenNames: 'Ёсіф',
        sex: 'M',
        birthDate: '2015-02-01',
      })
    ).json;
    const doc = await issuePassportTo(r.app, child.id);
    expect(doc.data.expiryDate).toBe('2031-11-30');
  });
  // Last in this file: it moves the clock on.
  it('lists documents by issue date, the range read along time-ordered ids', async () => {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const first = await issuePassport(r, {
      surname: 'Дацкая',
      givenNames: 'Ала',
      sex: 'F',
      birthDate: '1970-01-01',
    });
    const firstDay = day(r.clock.t);
    r.clock.t += 3 * 86_400_000;
    const later = await issuePassport(r, {
      surname: 'Позняя',
      givenNames: 'Ала',
      sex: 'F',
      birthDate: '1970-01-02',
    });
    const laterDay = day(r.clock.t);
    const listed = async (qs: string) => {
      const ids: string[] = [];
      let cursor = '';
      for (;;) {
        const page = (await clerk('GET', `/api/v1/documents?limit=100${qs}${cursor}`)).json;
        ids.push(...page.items.map((d: { id: string }) => d.id));
        if (!page.nextCursor) return ids;
        cursor = `&cursor=${page.nextCursor}`;
      }
    };
    const onFirst = await listed(`&from=${firstDay}&to=${firstDay}`);
    expect(onFirst).toContain(first.id);
    expect(onFirst).not.toContain(later.id);
    const onLater = await listed(`&from=${laterDay}`);
    expect(onLater).toEqual([later.id]);
    expect(await listed(`&to=${day(Date.parse(laterDay) - 86_400_000)}`)).not.toContain(later.id);
    expect(await listed(`&from=${firstDay}&to=${laterDay}`)).toEqual(
      expect.arrayContaining([first.id, later.id]),
    );
  });

  it('lists oldest first on request, paging forward without repeating or losing a row', async () => {
    for (const givenNames of ['Ала', 'Алена', 'Алеся', 'Аліна', 'Ангеліна'])
      await issuePassport(r, { surname: 'Чарговая', givenNames, sex: 'F', birthDate: '1981-01-01' }, 'lt');
    const clerk = api(r.app, await tokenFor(r.app, 'lt-clerk'));
    const all = async (path: string, qs: string) => {
      const ids: string[] = [];
      for (let cursor = ''; ; ) {
        const page = (await clerk('GET', `${path}?limit=3${qs}${cursor}`)).json;
        ids.push(...page.items.map((x: { id: string }) => x.id));
        if (!page.nextCursor) return ids;
        cursor = `&cursor=${page.nextCursor}`;
      }
    };
    for (const path of ['/api/v1/documents', '/api/v1/applications']) {
      const newest = await all(path, '');
      const oldest = await all(path, '&order=oldest');
      expect(newest.length).toBeGreaterThanOrEqual(5); // two pages of three at least
      expect(oldest).toEqual([...newest].reverse());
    }
    const waiting = await all('/api/v1/applications', '&state=issued&order=oldest');
    expect(waiting).toEqual([...waiting].sort());
    expect((await clerk('GET', '/api/v1/applications?order=sideways')).status).toBe(422);
  });
});
