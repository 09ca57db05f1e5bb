// A stolen database reveals no one (issue 25): people registered and documents issued with names made up at
// run time (so they appear nowhere in the repository), then the raw SQLite file with its WAL, and a pg_dump,
// are searched for every name (Cyrillic, Latin, folded lower case), birth date (YYYY-MM-DD and YYYYMMDD),
// place of birth, personal number, revocation note, and any 32-byte run of a portrait or a sealed face.
// Search by name prefix, birth date and document number still works; a copy without its key file does not
// start.

import { execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldName } from '../../src/services/registry/name-terms.js';
import { issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import { api, freshPostgres, postgresForTests, testRegistry, tokenFor } from '../helpers/registry.js';
import { startService } from '../helpers/service-process.js';

const SYLLABLES = [
  'ба',
  'ву',
  'гі',
  'да',
  'жо',
  'зя',
  'кі',
  'лу',
  'мя',
  'но',
  'пе',
  'ры',
  'сё',
  'ту',
  'фе',
  'хі',
  'цэ',
  'чу',
  'шы',
];
const word = (n: number) =>
  Array.from({ length: n }, () => SYLLABLES[randomInt(SYLLABLES.length)])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());
const digitsAndCaps = (n: number) =>
  Array.from({ length: n }, () => '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'[randomInt(33)]).join('');
const date = () =>
  `19${randomInt(40, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(10, 29)).padStart(2, '0')}`;

function person() {
  return {
    surname: `${word(4)}-${word(3)}`,
    givenNames: word(3),
    patronymic: `${word(3)}аўна`,
    sex: 'F',
    birthDate: date(),
    birthPlace: `${word(3)} ${word(2)}`,
    personalNumber: digitsAndCaps(14),
  };
}

/** Every 16-byte window of a secret (skipping runs of a few byte values, which any file has). */
function windows(secret: Uint8Array): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 16 <= secret.length; i++) {
    const w = secret.subarray(i, i + 16);
    if (new Set(w).size >= 6) out.add(Buffer.from(w).toString('hex'));
  }
  return out;
}

/** Does the dump hold any 32-byte run of the secret? Each such run covers a 16-aligned 16-byte window. */
function holdsRun(dump: Buffer, secret: Set<string>): boolean {
  for (let i = 0; i + 16 <= dump.length; i += 16)
    if (secret.has(dump.subarray(i, i + 16).toString('hex'))) return true;
  return false;
}

async function fill(r: Awaited<ReturnType<typeof testRegistry>>) {
  const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
  const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
  const holder = person();
  const parent = person();
  const a = (await clerk('POST', '/api/v1/applicants', holder)).json;
  const photo = testPhoto(300, 400, randomInt(1, 60));
  expect(
    (
      await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(photo), {
        'content-type': 'image/png',
      })
    ).status,
  ).toBe(204);
  const passport = await issuePassportTo(r.app, a.id);
  const seal = (await r.deps.sealFace(photo))!.image;
  const b = (await clerk('POST', '/api/v1/applicants', parent)).json;
  const child = {
    surname: word(4),
    givenNames: word(3),
    birthPlace: `${word(3)}`,
    recordNumber: `${randomInt(1, 999)}/2020`,
  };
  const cert = (
    await clerk('POST', '/api/v1/applications', {
      applicantId: b.id,
      documentType: 'birth-certificate',
      data: {
        ...child,
        birthDate: '2020-06-01',
        sex: 'M',
        recordDate: '2020-06-05',
        motherName: `${parent.surname} ${parent.givenNames}`,
        fatherName: `${word(4)} ${word(3)}`,
      },
    })
  ).json;
  expect(cert.id).toBeTruthy();
  await clerk('POST', `/api/v1/applications/${cert.id}/submit`);
  await approver('POST', `/api/v1/applications/${cert.id}/approve`);
  const certDoc = (await clerk('POST', `/api/v1/applications/${cert.id}/issue`)).json;
  const note = `${word(4)} ${word(4)}`;
  const asked = await approver('POST', `/api/v1/documents/${passport.id}/revoke`, { reason: 'lost', note });
  expect(asked.status, asked.text).toBeLessThan(300);
  // Search still works over the sealed data: a name prefix, a name word longer than the indexed prefix,
  // a birth date, a document number.
  const ids = async (body: object) =>
    (await clerk('POST', '/api/v1/applicants/search', body)).json.items.map((x: { id: string }) => x.id);
  expect(await ids({ q: holder.surname.slice(0, 3) })).toContain(a.id);
  expect(await ids({ q: holder.surname.split('-')[0]! })).toEqual([a.id]);
  expect(
    await ids({ q: `${holder.givenNames.slice(0, 2)} ${passport.data.surnameLatin!.slice(0, 7)}` }),
  ).toEqual([a.id]);
  expect(await ids({ birthDate: holder.birthDate })).toContain(a.id);
  expect((await clerk('POST', '/api/v1/documents/lookup', { number: certDoc.number })).json.id).toBe(
    certDoc.id,
  );
  const texts = [
    ...[holder, parent].flatMap((p) => [
      p.surname,
      p.givenNames,
      p.patronymic,
      p.birthPlace,
      p.personalNumber,
    ]),
    ...[holder, parent].flatMap((p) => [p.birthDate, p.birthDate.replaceAll('-', '')]),
    ...Object.values(child),
    passport.data.surnameLatin!,
    passport.data.givenNamesLatin!,
    note,
  ];
  const folded = texts.flatMap((t) => foldName(t).split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 6);
  return {
    texts: [...new Set([...texts, ...folded])],
    portraits: new Set([...windows(photo), ...windows(seal)]),
  };
}

function expectNoneIn(dump: Buffer, what: string, secrets: { texts: string[]; portraits: Set<string> }) {
  const found = secrets.texts.filter((t) => dump.includes(Buffer.from(t, 'utf8')));
  expect(found, `${what} holds`).toEqual([]);
  expect(holdsRun(dump, secrets.portraits), `${what} holds a run of a portrait`).toBe(false);
}

describe("people's data at rest", () => {
  it('leaves nothing readable in the SQLite file or its WAL; a copy without its key file does not start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nbr-at-rest-'));
    const file = join(dir, 'registry.db');
    const r = await testRegistry({ databaseUrl: `sqlite:${file}` });
    let secrets;
    try {
      secrets = await fill(r);
      // While the service runs: the WAL holds the latest pages.
      expect(existsSync(`${file}-wal`)).toBe(true);
      expectNoneIn(readFileSync(`${file}-wal`), 'the WAL', secrets);
      expectNoneIn(readFileSync(file), 'the database file', secrets);
      copyFileSync(file, join(dir, 'copy.db'));
      if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, join(dir, 'copy.db-wal'));
    } finally {
      await r.close();
    }
    expectNoneIn(readFileSync(file), 'the database file after close', secrets);
    // A copied database without its key file: refused, naming the missing file.
    await expect(
      startService(`sqlite:${join(dir, 'copy.db')}`, { NBR_DATA_KEY_FILE: join(dir, 'no-such.key.json') }),
    ).rejects.toThrow(/the data key file .*no-such\.key\.json is missing/);
  });

  it.runIf(process.env.CI || existsSync('/usr/bin/pg_dump'))(
    'leaves nothing readable in a pg_dump',
    async () => {
      if (!(await postgresForTests('the at-rest test'))) return;
      const fresh = await freshPostgres();
      const r = await testRegistry({ databaseUrl: fresh.url });
      try {
        const secrets = await fill(r);
        const dump = execFileSync('pg_dump', ['--data-only', fresh.url], { maxBuffer: 1 << 28 });
        expectNoneIn(dump, 'pg_dump', secrets);
        // bytea columns come out as hex: decode every \x run and search the bytes too.
        const bytes = Buffer.concat(
          [...dump.toString('latin1').matchAll(/\\\\x([0-9a-f]+)/g)].map((m) => Buffer.from(m[1]!, 'hex')),
        );
        expect(bytes.length).toBeGreaterThan(1000);
        expectNoneIn(bytes, 'pg_dump bytea', secrets);
      } finally {
        await r.close();
        await fresh.drop();
      }
    },
  );
});
