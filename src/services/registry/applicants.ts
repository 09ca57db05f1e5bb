// Applicants (the people documents are issued to), scoped to the registering office.

import { CYRILLIC_NAME, LATIN_NAME, PLAIN_TEXT } from '../../core/text-rules.js';
import { portraitQuality } from '../../imaging/seal-face.js';
import type { PortraitToSeal } from '../../core/payload.js';
import { transliterateBelarusian } from '../../core/transliterate.js';
import { isValidDate } from '../../core/dates.js';
import type { Applicant } from '../../db/schema.js';
import { AppError, type FieldProblem } from '../../errors.js';
import { ownOffice, page, requireRole, requireSameOffice } from '../access.js';
import { namesMatch, nameWords, writeTerms } from './name-terms.js';
import { openRow, sealRow } from '../store/row-codec.js';
import {
  applicantBeacons,
  birthDateBeacon,
  personalNumberBeacon,
  queryTermBeacon,
} from '../store/beacons.js';
import { appendAudit, lockAuditHead } from '../audit.js';
import { isoNow, type Actor, type Deps } from '../deps.js';
import { jpegSize, pngSize } from './photo-size.js';

export interface ApplicantInput {
  surname: string;
  givenNames: string;
  patronymic?: string;
  /** Latin spelling from an earlier passport; the ICAO transliteration is used when absent. */
  surnameLatin?: string;
  givenNamesLatin?: string;
  sex: 'F' | 'M' | 'X';
  birthDate: string;
  birthPlace?: string;
  personalNumber?: string;
}

export interface ApplicantView {
  id: string;
  surname: string;
  givenNames: string;
  patronymic: string | null;
  surnameLatin: string;
  givenNamesLatin: string;
  latinOverride: boolean;
  sex: string;
  birthDate: string;
  birthPlace: string | null;
  personalNumber: string | null;
  hasPhoto: boolean;
  createdAt: string;
}

/** Another record of the same office that may be the same person (on a single record's answers only). */
export interface PossibleDuplicate {
  id: string;
  /** The same personal number; the same Latin names and birth date; or the same birth date with the same
   * surname and first given name once Ё/Е, Ў/У, І/И and apostrophes are folded (issue 24, item 8). */
  match: 'personalNumber' | 'nameAndBirthDate' | 'similarNameAndBirthDate';
  /** How the clerk tells the record apart: its Cyrillic names and birth date (same office only). */
  name: string;
  birthDate: string;
}

/** Surname words and first given name, folded as the search folds them (services/registry/name-terms.ts). */
function nameKey(surname: string, givenNames: string): string {
  return `${nameWords(surname).join(' ')}|${nameWords(givenNames)[0] ?? ''}`;
}

/**
 * Records of the same office with this record's personal number, or with its Latin names and birth date. Not
 * refused (namesakes born the same day exist, and a clerk may need to correct a record by making a new one),
 * but shown to the clerk on creation and to the approver beside the decision: a second record for one person
 * would escape the one-passport-per-holder rule. Only within the office, which is all its staff may see.
 */
async function possibleDuplicates(deps: Deps, a: Applicant): Promise<PossibleDuplicate[]> {
  // Candidates by beacon (same birth date, or same personal number), then compared opened: a beacon is
  // truncated, so it may also find someone else (services/store/beacons.ts).
  const birth = birthDateBeacon(deps.cipher, a.office_id, a.birth_date);
  const pn = a.personal_number
    ? personalNumberBeacon(deps.cipher, a.office_id, a.personal_number)
    : undefined;
  const rows = await deps.db
    .selectFrom('applicants')
    .select([
      'id',
      'personal_number',
      'surname',
      'given_names',
      'surname_latin',
      'given_names_latin',
      'birth_date',
    ])
    .where('office_id', '=', a.office_id)
    .where('id', '!=', a.id)
    .where((eb) =>
      pn
        ? eb.or([eb('personal_number_bx', '=', pn), eb('birth_date_bx', '=', birth)])
        : eb('birth_date_bx', '=', birth),
    )
    .orderBy('id')
    .limit(200)
    .execute();
  const found: PossibleDuplicate[] = [];
  const key = nameKey(a.surname, a.given_names);
  for (const sealed of rows) {
    const r = openRow(deps.cipher, 'applicants', sealed);
    const who = { id: r.id, name: `${r.surname} ${r.given_names}`, birthDate: r.birth_date };
    if (a.personal_number && r.personal_number === a.personal_number)
      found.push({ ...who, match: 'personalNumber' });
    else if (r.birth_date !== a.birth_date) continue;
    else if (r.surname_latin === a.surname_latin && r.given_names_latin === a.given_names_latin)
      found.push({ ...who, match: 'nameAndBirthDate' });
    else if (nameKey(r.surname, r.given_names) === key)
      found.push({ ...who, match: 'similarNameAndBirthDate' });
    if (found.length === 20) break;
  }
  return found;
}

/** The row as stored: sealed columns, beacons, and the search key left empty (issue 25). */
function sealedApplicant(deps: Deps, row: Applicant): Applicant {
  return {
    ...sealRow(deps.cipher, 'applicants', row),
    search_key: '',
    ...applicantBeacons(deps.cipher, row),
  };
}

export function applicantView(a: Applicant, hasPhoto: boolean): ApplicantView {
  return {
    id: a.id,
    surname: a.surname,
    givenNames: a.given_names,
    patronymic: a.patronymic,
    surnameLatin: a.surname_latin,
    givenNamesLatin: a.given_names_latin,
    latinOverride: a.latin_override === 1,
    sex: a.sex,
    birthDate: a.birth_date,
    birthPlace: a.birth_place,
    personalNumber: a.personal_number,
    hasPhoto,
    createdAt: a.created_at,
  };
}

function latin(value: string | undefined, cyrillic: string, field: string, problems: FieldProblem[]): string {
  if (value) {
    if (!LATIN_NAME.test(value))
      problems.push({
        field,
        code: 'LATIN_NAME',
        message: 'capital Latin letters, spaces, hyphens and apostrophes only',
      });
    return value;
  }
  try {
    return transliterateBelarusian(cyrillic);
  } catch {
    return '';
  }
}

type ApplicantFields = Omit<Applicant, 'id' | 'office_id' | 'created_by' | 'created_at'>;

/** Checks a record field by field and derives its Latin names (ICAO transliteration unless given) and search key. */
function applicantFields(input: ApplicantInput, today: string): ApplicantFields {
  const problems: FieldProblem[] = [];
  if (!CYRILLIC_NAME.test(input.surname))
    problems.push({
      field: 'surname',
      code: 'CYRILLIC_NAME',
      message: 'Belarusian Cyrillic letters, spaces, hyphens and apostrophes, 1-60 characters',
    });
  if (!CYRILLIC_NAME.test(input.givenNames))
    problems.push({
      field: 'givenNames',
      code: 'CYRILLIC_NAME',
      message: 'Belarusian Cyrillic letters, spaces, hyphens and apostrophes, 1-60 characters',
    });
  if (input.patronymic && !CYRILLIC_NAME.test(input.patronymic))
    problems.push({
      field: 'patronymic',
      code: 'CYRILLIC_NAME',
      message: 'Belarusian Cyrillic letters only',
    });
  if (input.birthPlace && !PLAIN_TEXT.test(input.birthPlace))
    problems.push({
      field: 'birthPlace',
      code: 'PLAIN_TEXT',
      message: 'no markup (< >) or control characters',
    });
  if (!isValidDate(input.birthDate))
    problems.push({ field: 'birthDate', code: 'DATE', message: 'a real date (YYYY-MM-DD)' });
  else if (input.birthDate > today)
    problems.push({ field: 'birthDate', code: 'DATE_IN_FUTURE', message: 'a date not in the future' });
  if (input.personalNumber && !/^[0-9A-Z]{14}$/.test(input.personalNumber))
    problems.push({
      field: 'personalNumber',
      code: 'PERSONAL_NUMBER',
      message: '14 characters, digits and capital Latin letters',
    });
  const surnameLatin = latin(input.surnameLatin, input.surname, 'surnameLatin', problems);
  const givenNamesLatin = latin(input.givenNamesLatin, input.givenNames, 'givenNamesLatin', problems);
  if (problems.length) throw new AppError('VALIDATION_FAILED', 'the applicant record is not valid', problems);
  return {
    surname: input.surname,
    given_names: input.givenNames,
    patronymic: input.patronymic || null,
    surname_latin: surnameLatin,
    given_names_latin: givenNamesLatin,
    latin_override: input.surnameLatin || input.givenNamesLatin ? 1 : 0,
    sex: input.sex,
    birth_date: input.birthDate,
    birth_place: input.birthPlace || null,
    personal_number: input.personalNumber || null,
    search_key: '',
    birth_date_bx: null,
    personal_number_bx: null,
  };
}

/**
 * The possible duplicates of a record before it is saved (issue 24, item 8: they were shown only after), so
 * that the clerk opens the existing record instead of making a second one. Nothing is written.
 */
export async function checkApplicant(
  deps: Deps,
  actor: Actor,
  input: ApplicantInput,
): Promise<{ possibleDuplicates: PossibleDuplicate[] }> {
  requireRole(actor, 'clerk');
  const row: Applicant = {
    id: '',
    office_id: ownOffice(actor),
    ...applicantFields(input, isoNow(deps.clock).slice(0, 10)),
    created_by: actor.staffId,
    created_at: isoNow(deps.clock),
  };
  return { possibleDuplicates: await possibleDuplicates(deps, row) };
}

export async function createApplicant(
  deps: Deps,
  actor: Actor,
  input: ApplicantInput,
): Promise<ApplicantView & { possibleDuplicates: PossibleDuplicate[] }> {
  requireRole(actor, 'clerk');
  const officeId = ownOffice(actor);
  const row: Applicant = {
    id: deps.ids(),
    office_id: officeId,
    ...applicantFields(input, isoNow(deps.clock).slice(0, 10)),
    created_by: actor.staffId,
    created_at: isoNow(deps.clock),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('applicants').values(sealedApplicant(deps, row)).execute();
    await writeTerms(trx, deps.cipher, row);
    await appendAudit(trx, deps, actor, {
      action: 'applicant.create',
      targetType: 'applicant',
      targetId: row.id,
    });
  });
  return { ...applicantView(row, false), possibleDuplicates: await possibleDuplicates(deps, row) };
}

/**
 * Corrects an applicant's record (a typo, a new personal number): the whole record is sent again, as on
 * creation. Documents already issued keep the data they were signed with, and applications keep theirs; the
 * audit entry names the changed fields, not their values.
 */
export async function updateApplicant(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ApplicantInput,
): Promise<ApplicantView & { possibleDuplicates: PossibleDuplicate[] }> {
  requireRole(actor, 'clerk');
  const fields = applicantFields(input, isoNow(deps.clock).slice(0, 10));
  const updated = await deps.db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
    requireSameOffice(actor, stored?.office_id, 'applicant');
    const before = openRow(deps.cipher, 'applicants', stored!);
    const changed = (Object.keys(fields) as (keyof ApplicantFields)[]).filter(
      (k) => !['search_key', 'birth_date_bx', 'personal_number_bx'].includes(k) && fields[k] !== before[k],
    );
    if (changed.length === 0) return before;
    const {
      id: _id,
      office_id: _office,
      created_by: _by,
      created_at: _at,
      ...set
    } = sealedApplicant(deps, {
      ...before,
      ...fields,
    });
    await trx.updateTable('applicants').set(set).where('id', '=', id).execute();
    await writeTerms(trx, deps.cipher, { ...before, ...fields });
    await appendAudit(trx, deps, actor, {
      action: 'applicant.update',
      targetType: 'applicant',
      targetId: id,
      details: { fields: changed.join(',') },
    });
    return { ...before, ...fields };
  });
  const photo = await deps.db
    .selectFrom('photos')
    .select('applicant_id')
    .where('applicant_id', '=', id)
    .executeTakeFirst();
  return {
    ...applicantView(updated, photo !== undefined),
    possibleDuplicates: await possibleDuplicates(deps, updated),
  };
}

const READERS = ['clerk', 'approver', 'office_admin'] as const;

export async function getApplicant(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<ApplicantView & { possibleDuplicates: PossibleDuplicate[] }> {
  requireRole(actor, ...READERS);
  const stored = await deps.db.selectFrom('applicants').selectAll().where('id', '=', id).executeTakeFirst();
  requireSameOffice(actor, stored?.office_id, 'applicant');
  const row = openRow(deps.cipher, 'applicants', stored!);
  const photo = await deps.db
    .selectFrom('photos')
    .select('applicant_id')
    .where('applicant_id', '=', id)
    .executeTakeFirst();
  return {
    ...applicantView(row, photo !== undefined),
    possibleDuplicates: await possibleDuplicates(deps, row),
  };
}

/** Past this many people whose names start with every typed word, the word is "common" (searchRows). */
const SELECTIVE = 1_000;

/**
 * The candidates of a search, newest first, planned by how selective the typed words are (a database planner
 * has no statistics on beacons): every word's beacon (services/store/beacons.ts) must be among the
 * person's. The rows come back sealed; searchApplicants opens them and drops those a beacon matched by
 * chance or by a shorter prefix.
 * - With a birth date: the (office, birth-date beacon) index drives, a few dozen people at most; the words are
 *   checked per person on (office, beacon, applicant).
 * - Else, when some word's beacon has fewer than SELECTIVE people: it drives, the other words are checked per
 *   person, and the few matches are sorted.
 * - Else every word is common: the office's applicants are read newest first along (office, id), each checked,
 *   until the page is full; with words that common, that is soon.
 */
async function searchRows(
  deps: Deps,
  officeId: string,
  words: string[],
  query: { birthDate?: string; cursor?: string },
  take: number,
): Promise<Applicant[]> {
  const db = deps.db;
  const beacons = [...new Set(words.map((w) => queryTermBeacon(deps.cipher, officeId, w)))];
  const hasBeacon = (b: string) => (eb: any) =>
    eb.exists(
      eb
        .selectFrom('applicant_terms as t')
        .select('t.term')
        .where('t.office_id', '=', officeId)
        .where('t.term', '=', b)
        .whereRef('t.applicant_id', '=', 'applicants.id'),
    );
  const filtered = (others: string[]) => {
    let sel = db.selectFrom('applicants').selectAll().where('applicants.office_id', '=', officeId);
    for (const b of others) sel = sel.where(hasBeacon(b));
    if (query.cursor) sel = sel.where('applicants.id', '<', query.cursor);
    return sel;
  };
  if (query.birthDate)
    return filtered(beacons)
      .where('applicants.birth_date_bx', '=', birthDateBeacon(deps.cipher, officeId, query.birthDate))
      .orderBy('applicants.id', 'desc')
      .limit(take)
      .execute();
  const counts = await Promise.all(
    beacons.map(async (b) => {
      // Counted up to SELECTIVE only: one row back, however common the word.
      const row = await db
        .selectFrom((eb) =>
          eb
            .selectFrom('applicant_terms')
            .select('applicant_id')
            .where('office_id', '=', officeId)
            .where('term', '=', b)
            .limit(SELECTIVE)
            .as('m'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { b, n: Number(row.n) };
    }),
  );
  const rarest = counts.sort((x, y) => x.n - y.n)[0];
  if (rarest && rarest.n < SELECTIVE)
    return filtered(beacons.filter((b) => b !== rarest.b))
      .where(
        'applicants.id',
        'in',
        db
          .selectFrom('applicant_terms')
          .select('applicant_id')
          .where('office_id', '=', officeId)
          .where('term', '=', rarest.b),
      )
      .orderBy('applicants.id', 'desc')
      .limit(take)
      .execute();
  return filtered(beacons).orderBy('applicants.id', 'desc').limit(take).execute();
}

/** Search within the actor's office only; at least 2 characters so that it cannot list everybody at once. */
export async function searchApplicants(
  deps: Deps,
  actor: Actor,
  query: { q?: string; birthDate?: string; cursor?: string; limit?: unknown },
): Promise<{ items: ApplicantView[]; nextCursor: string | null }> {
  requireRole(actor, ...READERS);
  const officeId = ownOffice(actor);
  const limit = page(query.limit);
  const words = nameWords(query.q ?? '');
  if (words.join('').length < 2 && !query.birthDate)
    throw new AppError('BAD_REQUEST', 'give at least 2 characters of a name, or a birth date', [
      { field: 'q', code: 'TOO_SHORT', message: 'at least 2 characters', params: { min: 2 } },
    ]);
  // Candidates come by beacon and are confirmed once opened; those a beacon matched by a shorter prefix (or by
  // chance) drop out, so more are read until the page is full, at most a few rounds (each an index range).
  const items: Applicant[] = [];
  let cursor = query.cursor;
  let more = false;
  for (let round = 0; round < 5 && items.length < limit; round++) {
    const rows = await searchRows(deps, officeId, words, { ...query, cursor }, limit + 1);
    let consumed = 0;
    for (const r of rows.slice(0, limit)) {
      const opened = openRow(deps.cipher, 'applicants', r);
      if (namesMatch(opened, words) && (!query.birthDate || opened.birth_date === query.birthDate))
        items.push(opened);
      cursor = r.id;
      consumed++;
      if (items.length === limit) break;
    }
    more = rows.length > limit || consumed < rows.length;
    if (rows.length <= limit) break;
  }
  const withPhoto = new Set(
    items.length
      ? (
          await deps.db
            .selectFrom('photos')
            .select('applicant_id')
            .where(
              'applicant_id',
              'in',
              items.map((r) => r.id),
            )
            .execute()
        ).map((p) => p.applicant_id)
      : [],
  );
  return {
    items: items.map((r) => applicantView(r, withPhoto.has(r.id))),
    nextCursor: more ? (cursor ?? null) : null,
  };
}

const PHOTO_TYPES: Record<string, number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47],
};
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
/** 300 x 400 pixels: 30 x 40 mm printed at about 250 dpi. */
export const MIN_PHOTO = { width: 300, height: 400 };

/** The face region's least mean brightness and contrast (0-255) for a seal in which someone can be recognised. */
export const MIN_FACE = { luminance: 45, contrast: 14 };

/**
 * The face sealed into a passport is 36 x 48 grey pixels (src/imaging/seal-face.ts): a portrait too dark or too
 * flat there would seal nobody recognisable, so it is refused at upload, when the person is still at the desk.
 */
async function requireSealableFace(data: Uint8Array): Promise<void> {
  let q;
  try {
    q = await portraitQuality(data);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'the photo file is damaged', [
      { field: 'photo', code: 'PHOTO_UNREADABLE', message: 'the image cannot be decoded' },
    ]);
  }
  if (q.meanLuminance < MIN_FACE.luminance)
    throw new AppError('VALIDATION_FAILED', 'the face is too dark to recognise in the seal', [
      {
        field: 'photo',
        code: 'PHOTO_TOO_DARK',
        message: 'too dark: light the face evenly',
        params: { min: MIN_FACE.luminance },
      },
    ]);
  if (q.contrast < MIN_FACE.contrast)
    throw new AppError('VALIDATION_FAILED', 'no face can be made out in the photo', [
      {
        field: 'photo',
        code: 'PHOTO_FLAT',
        message: 'no face can be made out: blank, blurred or washed out',
        params: { min: MIN_FACE.contrast },
      },
    ]);
}

/** What the seal would carry of the applicant's current photo: the crop the clerk checks before submitting. */
export async function photoSeal(deps: Deps, actor: Actor, applicantId: string): Promise<PortraitToSeal> {
  const photo = await getPhoto(deps, actor, applicantId);
  const seal = await deps.sealFace(photo.data);
  if (!seal) throw new AppError('NOT_FOUND', 'no face is sealed');
  return seal;
}

export async function setPhoto(
  deps: Deps,
  actor: Actor,
  applicantId: string,
  mime: string,
  data: Uint8Array,
): Promise<void> {
  requireRole(actor, 'clerk');
  // Own keys only: a Content-Type of "__proto__" must not find Object.prototype (issue 10).
  const magic = Object.hasOwn(PHOTO_TYPES, mime) ? PHOTO_TYPES[mime] : undefined;
  if (!magic || !magic.every((b, i) => data[i] === b))
    throw new AppError('VALIDATION_FAILED', 'the photo must be a JPEG or PNG image', [
      { field: 'photo', code: 'PHOTO_FORMAT', message: 'JPEG or PNG' },
    ]);
  if (data.length > MAX_PHOTO_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', 'the photo is larger than 2 MiB');
  // The portrait is printed on the passport page (30 x 40 mm): a thumbnail or a landscape shot would not do.
  const size = mime === 'image/png' ? pngSize(data) : jpegSize(data);
  if (!size)
    throw new AppError('VALIDATION_FAILED', 'the photo file is damaged', [
      { field: 'photo', code: 'PHOTO_UNREADABLE', message: 'cannot read the image size' },
    ]);
  if (size.width < MIN_PHOTO.width || size.height < MIN_PHOTO.height)
    throw new AppError('VALIDATION_FAILED', `the photo is ${size.width} x ${size.height} pixels`, [
      {
        field: 'photo',
        code: 'PHOTO_TOO_SMALL',
        message: `at least ${MIN_PHOTO.width} x ${MIN_PHOTO.height} pixels`,
        params: { ...MIN_PHOTO },
      },
    ]);
  if (size.height <= size.width)
    throw new AppError('VALIDATION_FAILED', `the photo is ${size.width} x ${size.height} pixels`, [
      { field: 'photo', code: 'PHOTO_NOT_PORTRAIT', message: 'a portrait: taller than wide' },
    ]);
  await requireSealableFace(data);
  await deps.db.transaction().execute(async (trx) => {
    // Lock order: audit head first (services/audit.ts); two uploads for one person then run one after the
    // other, and the upsert replaces the photo either way (two concurrent delete-then-insert collided).
    await lockAuditHead(trx);
    const applicant = await trx
      .selectFrom('applicants')
      .select('office_id')
      .where('id', '=', applicantId)
      .executeTakeFirst();
    requireSameOffice(actor, applicant?.office_id, 'applicant');
    const created_at = isoNow(deps.clock);
    const sealed = sealRow(deps.cipher, 'photos', { applicant_id: applicantId, data }).data;
    await trx
      .insertInto('photos')
      .values({ applicant_id: applicantId, mime, data: sealed, created_at })
      .onConflict((oc) => oc.column('applicant_id').doUpdateSet({ mime, data: sealed, created_at }))
      .execute();
    await appendAudit(trx, deps, actor, {
      action: 'applicant.photo',
      targetType: 'applicant',
      targetId: applicantId,
    });
  });
}

export async function getPhoto(
  deps: Deps,
  actor: Actor,
  applicantId: string,
): Promise<{ mime: string; data: Uint8Array }> {
  requireRole(actor, ...READERS);
  const applicant = await deps.db
    .selectFrom('applicants')
    .select('office_id')
    .where('id', '=', applicantId)
    .executeTakeFirst();
  requireSameOffice(actor, applicant?.office_id, 'applicant');
  const photo = await deps.db
    .selectFrom('photos')
    .select(['mime', 'data'])
    .where('applicant_id', '=', applicantId)
    .executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND', 'no photo');
  return openRow(deps.cipher, 'photos', photo, applicantId);
}
