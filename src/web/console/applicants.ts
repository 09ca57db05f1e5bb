// Applicants: search, registration and correction, the person page with its applications.

import { photoForUpload } from './photo-upload.js';
import {
  api,
  type Applicant,
  type Application,
  day,
  type Doc,
  type DocType,
  errorText,
  fail,
  fieldTexts,
  fieldValue,
  flash,
  requiredNote,
  label,
  main,
  type Page,
  stateName,
  t,
  typeTitle,
  ui,
} from './state.js';
import { field, filePicker, h, labelled, put, showErrors } from './dom.js';
import { transliterateBelarusian } from '../../core/transliterate.js';
import { type PersonRecord, prefillFromApplicant, prefillSources } from '../../core/applicant-prefill.js';
import type { ApiError } from './api.js';
import { dateInput, setValue, apiValue } from './dates.js';

/** A refused photo: what was wrong and what a photo needs ("at least 300 × 400 pixels"), in UI words. */
function photoError(e: ApiError): string {
  const needs = fieldTexts(e)
    .map((f) => f.message.replace(/\.$/, ''))
    .join('; ');
  const aside = needs ? ` (${needs.charAt(0).toLowerCase()}${needs.slice(1)})` : '';
  return `${t('photo')}: ${errorText(e)}${aside}`;
}

export async function applicantsView(): Promise<void> {
  const q = h('input', { type: 'search', autocomplete: 'off' });
  const birth = dateInput();
  const results = h('div', { id: 'results' });
  const form = h(
    'form',
    { class: 'inline' },
    labelled(t('searchName'), q),
    labelled(t('birthDate'), birth),
    h('button', { type: 'submit' }, t('search')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  let cursor: string | null = null;
  const load = async (append: boolean) => {
    const res = await api.call<Page<Applicant>>('POST', '/applicants/search', {
      ...(q.value ? { q: q.value } : {}),
      ...(birth.value ? { birthDate: apiValue(birth) } : {}),
      ...(append && cursor ? { cursor } : {}),
      limit: 20,
    });
    if (!res.ok) return fail(form, res.error);
    showErrors(form, [], '');
    if (!append) results.replaceChildren();
    if (!append && res.data.items.length === 0) results.append(h('p', {}, t('nothing')));
    for (const a of res.data.items)
      results.append(
        h(
          'p',
          {},
          h(
            'a',
            { href: `#/applicant/${a.id}` },
            `${a.surname} ${a.givenNames} · ${a.surnameLatin} ${a.givenNamesLatin} · ${day(a.birthDate)}`,
          ),
        ),
      );
    cursor = res.data.nextCursor;
    results.querySelector('.more')?.remove();
    if (cursor)
      results.append(
        h('button', { type: 'button', class: 'more', onclick: () => void load(true) }, t('more')),
      );
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(false);
  });
  put(
    main(),
    h('h2', {}, t('applicants')),
    form,
    ui.me?.role === 'clerk'
      ? h(
          'p',
          {},
          h('a', { href: '#/applicants/new', class: 'button', id: 'new-applicant' }, t('newApplicant')),
        )
      : null,
    results,
  );
  q.focus();
}

export async function editApplicantView(id: string): Promise<void> {
  const res = await api.call<Applicant>('GET', `/applicants/${id}`);
  if (!res.ok) return fail(null, res.error);
  newApplicantView(res.data);
}

/** Registration, or with `existing` the correction of a record (the same form, sent whole with PUT). */
export function newApplicantView(existing?: Applicant): void {
  const inputs = {
    surname: h('input', { required: true, maxlength: 60, lang: 'be' }),
    givenNames: h('input', { required: true, maxlength: 60, lang: 'be' }),
    patronymic: h('input', { maxlength: 60, lang: 'be' }),
    surnameLatin: h('input', { maxlength: 60 }),
    givenNamesLatin: h('input', { maxlength: 60 }),
    sex: h(
      'select',
      { required: true },
      h('option', { value: '' }, '—'),
      ...['F', 'M', 'X'].map((v) => h('option', { value: v }, fieldValue('sex', v))),
    ),
    birthDate: dateInput({ required: true }),
    birthPlace: h('input', { maxlength: 80 }),
    personalNumber: h('input', { maxlength: 14, pattern: '[0-9A-Z]{14}' }),
  };
  if (existing) {
    for (const [name, input] of Object.entries(inputs))
      setValue(input, String((existing as unknown as Record<string, unknown>)[name] ?? ''));
  }
  const photo = h('input', { type: 'file', accept: 'image/*' });
  const preview = h('img', { alt: '', class: 'photo', hidden: true });
  photo.addEventListener('change', () => {
    const file = photo.files?.[0];
    if (file) {
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    }
  });
  // Live transliteration: the Latin fields follow the Cyrillic ones until the clerk edits them (override).
  // A corrected record keeps an earlier override (an old passport's spelling) unless the clerk clears it.
  const overridden = {
    surnameLatin: existing?.latinOverride === true,
    givenNamesLatin: existing?.latinOverride === true,
  };
  const follow = (from: 'surname' | 'givenNames', to: 'surnameLatin' | 'givenNamesLatin') => {
    inputs[from].addEventListener('input', () => {
      if (overridden[to]) return;
      try {
        inputs[to].value = transliterateBelarusian(inputs[from].value);
      } catch {
        inputs[to].value = '';
      }
    });
    inputs[to].addEventListener('input', () => {
      overridden[to] = inputs[to].value !== '';
    });
  };
  follow('surname', 'surnameLatin');
  follow('givenNames', 'givenNamesLatin');
  const form = h(
    'form',
    { id: 'applicant-form', novalidate: true },
    requiredNote(),
    ...(Object.entries(inputs) as [keyof typeof inputs, HTMLInputElement | HTMLSelectElement][]).map(
      ([name, input]) => field(name, t(name), input, name === 'surnameLatin' ? t('latinHint') : undefined),
    ),
    field('photo', t('photo'), photo, undefined, (i) =>
      filePicker(i as HTMLInputElement, t('chooseFile'), t('noFileChosen')),
    ),
    preview,
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('save')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    for (const [name, input] of Object.entries(inputs)) if (input.value) body[name] = apiValue(input);
    if (!overridden.surnameLatin) delete body.surnameLatin;
    if (!overridden.givenNamesLatin) delete body.givenNamesLatin;
    // A new record: the office's records that may be the same person, before it is saved (issue 24, item 8).
    // The clerk opens the existing one, or registers anyway with the same button, now saying so.
    if (!existing && form.dataset.checked !== JSON.stringify(body)) {
      const check = await api.call<{ possibleDuplicates: Duplicate[] }>('POST', '/applicants/check', body);
      if (!check.ok) return fail(form, check.error);
      form.querySelector('#duplicates')?.remove();
      if (check.data.possibleDuplicates.length) {
        form.dataset.checked = JSON.stringify(body);
        const notice = duplicatesNotice({ possibleDuplicates: check.data.possibleDuplicates } as Applicant)!;
        notice.append(' ', t('registerAnywayHint'));
        form.querySelector('button[type=submit]')!.before(notice);
        form.querySelector('button[type=submit]')!.textContent = t('registerAnyway');
        return;
      }
    }
    const res = existing
      ? await api.call<Applicant>('PUT', `/applicants/${existing.id}`, body)
      : await api.call<Applicant>('POST', '/applicants', body);
    if (!res.ok) return fail(form, res.error);
    const file = photo.files?.[0];
    if (file) {
      const up = await api.call(
        'PUT',
        `/applicants/${res.data.id}/photo`,
        undefined,
        await photoForUpload(file),
      );
      // Say what the photo needs ("at least 300 x 400 pixels"), not only what it was.
      if (!up.ok)
        ui.nextFlash = {
          text: photoError(up.error),
          kind: 'error',
        };
    }
    // Said on the page the navigation opens (navigating clears the flash line), unless a photo error is.
    if (!ui.nextFlash.text) ui.nextFlash = { text: t('saved'), kind: 'ok' };
    location.hash = `#/applicant/${res.data.id}`;
  });
  main().replaceChildren(
    h(
      'h2',
      {},
      existing ? `${t('editApplicant')}: ${existing.surname} ${existing.givenNames}` : t('newApplicant'),
    ),
    form,
  );
  inputs.surname.focus();
}

export function personBlock(a: Applicant): HTMLElement {
  const dl = h('dl', {});
  for (const k of [
    'surname',
    'givenNames',
    'patronymic',
    'surnameLatin',
    'givenNamesLatin',
    'sex',
    'birthDate',
    'birthPlace',
    'personalNumber',
  ] as const) {
    if (a[k]) dl.append(h('dt', {}, t(k)), h('dd', { 'data-field': k }, fieldValue(k, a[k]!)));
  }
  return h(
    'div',
    { class: 'person' },
    a.hasPhoto
      ? h('img', { class: 'photo', src: `/api/v1/applicants/${a.id}/photo`, alt: t('photo') })
      : h('p', { class: 'photo none' }, t('noPhoto')),
    a.hasPhoto ? sealPreview(`/api/v1/applicants/${a.id}/photo/seal`, t('sealPreview')) : null,
    dl,
  );
}

/**
 * The face a passport will carry in its code (issue 23), enlarged as the verifier shows it: the clerk sees the
 * crop before submitting, the approver what they approve. A photo whose crop misses the face is retaken now.
 */
export function sealPreview(src: string, caption: string): HTMLElement {
  return h(
    'figure',
    { class: 'seal-preview' },
    h('img', { class: 'seal', src, alt: t('sealAlt') }),
    h('figcaption', { class: 'notice' }, caption),
  );
}

/** A form generated from a document type's JSON Schema: fields the registry assigns are left out. */
export function schemaForm(
  type: DocType,
  prefill: Record<string, string>,
): { fields: HTMLElement; values: () => Record<string, string> } {
  const assigned = new Set(type.schema['x-nbr'].assigned ?? []);
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  const wrap = h('div', { class: 'schema-form' });
  for (const [name, f] of Object.entries(type.schema.properties)) {
    if (assigned.has(name)) continue;
    const input = f.enum
      ? h(
          'select',
          {},
          h('option', { value: '' }, '—'),
          ...f.enum.map((v) => h('option', { value: v }, fieldValue(name, v))),
        )
      : f.format === 'date'
        ? dateInput()
        : h('input', { type: 'text', ...(f.maxLength ? { maxlength: f.maxLength } : {}) });
    if (type.schema.required.includes(name)) input.setAttribute('required', '');
    if (prefill[name]) setValue(input, prefill[name]!);
    inputs[name] = input;
    wrap.append(field(name, label(name) === name ? f.title : label(name), input));
  }
  return {
    fields: wrap,
    values: () =>
      Object.fromEntries(
        Object.entries(inputs)
          .filter(([, i]) => i.value !== '')
          .map(([n, i]) => [n, apiValue(i)]),
      ),
  };
}

/** Other records of the office that may be the same person: one person, two records, two valid passports. */
type Duplicate = NonNullable<Applicant['possibleDuplicates']>[number];

export function duplicatesNotice(a: Applicant): HTMLElement | null {
  const dups = a.possibleDuplicates ?? [];
  if (!dups.length) return null;
  return h(
    'div',
    { class: 'notice', id: 'duplicates', role: 'alert' },
    t('possibleDuplicates'),
    ' ',
    ...dups.flatMap((d, i) => [
      i ? ', ' : '',
      // The record by the name and birth date it holds, not a raw id (issue 24, item 8).
      h(
        'a',
        { href: `#/applicant/${d.id}`, target: '_blank', rel: 'noopener' },
        `${d.name}, ${day(d.birthDate)}`,
      ),
      ` (${t(d.match === 'personalNumber' ? 'samePersonalNumber' : d.match === 'nameAndBirthDate' ? 'sameNameAndBirth' : 'similarNameAndBirth')})`,
    ]),
  );
}

/**
 * Applications not yet decided whose copy of the holder's data (the fields the type takes from the record)
 * differs from the record as it is now: a correction did not reach them.
 */
function staleApplications(a: Applicant, apps: Application[]): Application[] {
  const record = a as unknown as PersonRecord;
  return apps.filter((x) => {
    if (x.state !== 'draft' && x.state !== 'submitted') return false;
    const type = ui.types.find((y) => y.name === x.documentType);
    if (!type) return false;
    const now = prefillFromApplicant(type.schema, record, true);
    return prefillSources(type.schema, true).some(([k]) => (x.data[k] ?? '') !== (now[k] ?? ''));
  });
}

/**
 * What a clerk can do about an application a correction did not reach: withdraw it, or withdraw it and
 * register it again in one step (the person's data as the record is now). Both ask first.
 */
function staleActions(x: Application, reload: () => void): HTMLElement {
  const act = (cls: string, label: string, question: string, run: () => Promise<void>) =>
    h(
      'button',
      {
        type: 'button',
        class: cls,
        onclick: () => {
          if (confirm(question)) void run();
        },
      },
      label,
    );
  return h(
    'span',
    { class: 'actions' },
    act('withdraw', t('withdrawApplication'), t('withdrawConfirm'), async () => {
      const r = await api.call('POST', `/applications/${x.id}/withdraw`);
      if (!r.ok) return fail(null, r.error);
      flash(t('saved'));
      reload();
    }),
    act('reapply primary', t('reapply'), t('reapplyConfirm'), async () => {
      const r = await api.call<Application>('POST', `/applications/${x.id}/reapply`);
      if (!r.ok) return fail(null, r.error);
      ui.nextFlash = { text: t('reapplied'), kind: 'ok' };
      location.hash = `#/application/${r.data.id}`;
    }),
  );
}

/** The applications a correction did not reach, each with what the clerk can do about it. */
function staleNotice(stale: Application[], reload: () => void): HTMLElement {
  return h(
    'div',
    { class: 'notice warning', id: 'stale-applications' },
    h('p', {}, t('staleApplications')),
    h(
      'ul',
      {},
      ...stale.map((x) =>
        h(
          'li',
          { 'data-application': x.id },
          h('a', { href: `#/application/${x.id}` }, `${typeTitle(x.documentType)} · ${stateName(x.state)}`),
          ui.me?.role === 'clerk' ? staleActions(x, reload) : null,
        ),
      ),
    ),
  );
}

/** A list of the holder's records, or "nothing" (ids for tests: holder-documents, holder-documents-none). */
function holderList(id: string, items: HTMLElement[]): HTMLElement {
  return items.length ? h('ul', { id }, ...items) : h('p', { id: `${id}-none` }, t('nothing'));
}

/** A clerk's tools on the person's page: correct the record, upload a portrait, start an application. */
function clerkTools(a: Applicant, reload: () => void): Node[] {
  const photo = h('input', { type: 'file', accept: 'image/*', 'aria-label': t('uploadPhoto') });
  photo.addEventListener('change', async () => {
    const file = photo.files?.[0];
    if (!file) return;
    const up = await api.call('PUT', `/applicants/${a.id}/photo`, undefined, await photoForUpload(file));
    if (!up.ok) return flash(photoError(up.error), 'error');
    flash(t('saved'));
    reload();
  });
  const select = h(
    'select',
    { 'aria-label': t('documentType') },
    ...ui.types.map((x) => h('option', { value: x.name }, typeTitle(x.name))),
  );
  // The type's fields; those it takes from the person start from their record.
  const slot = h('div', {});
  let current = schemaForm(ui.types[0]!, {});
  const prefillFor = (x: DocType) => prefillFromApplicant(x.schema, a as unknown as PersonRecord);
  const renderForm = () => {
    const x = ui.types.find((y) => y.name === select.value)!;
    current = schemaForm(x, prefillFor(x));
    slot.replaceChildren(current.fields);
  };
  select.addEventListener('change', renderForm);
  renderForm();
  const form = h(
    'form',
    { id: 'application-form', novalidate: true },
    requiredNote(),
    field('documentType', t('documentType'), select),
    slot,
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('create')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const created = await api.call<Application>('POST', '/applications', {
      applicantId: a.id,
      documentType: select.value,
      data: current.values(),
    });
    if (!created.ok) return fail(form, created.error);
    location.hash = `#/application/${created.data.id}`;
  });
  return [
    h(
      'p',
      {},
      h('a', { href: `#/applicant/${a.id}/edit`, id: 'edit-applicant', class: 'button' }, t('editApplicant')),
    ),
    field('photo-upload', t('uploadPhoto'), photo, undefined, (i) =>
      filePicker(i as HTMLInputElement, t('chooseFile'), t('noFileChosen')),
    ),
    h('h3', {}, t('startApplication')),
    form,
  ];
}

/** A person's page: their record, everything the office holds for them (newest first), a clerk's tools. */
export async function applicantView(id: string): Promise<void> {
  const res = await api.call<Applicant>('GET', `/applicants/${id}`);
  if (!res.ok) return fail(null, res.error);
  const a = res.data;
  const reload = () => void applicantView(id);
  const [apps, docs] = await Promise.all([
    api.call<Page<Application>>('GET', `/applications?applicantId=${id}&limit=100`),
    api.call<Page<Doc>>('GET', `/documents?applicantId=${id}&limit=100`),
  ]);
  const stale = apps.ok ? staleApplications(a, apps.data.items) : [];
  const documentItems = (docs.ok ? docs.data.items : []).map((d) =>
    h(
      'li',
      {},
      h('a', { href: `#/document/${d.id}` }, d.number),
      ` · ${typeTitle(d.documentType)} · ${stateName(d.state)} · ${day(d.issuedAt)}`,
    ),
  );
  const applicationItems = (apps.ok ? apps.data.items : []).map((x) =>
    h(
      'li',
      {},
      h('a', { href: `#/application/${x.id}` }, typeTitle(x.documentType)),
      ` · ${stateName(x.state)} · ${day(x.createdAt)}`,
    ),
  );
  put(
    main(),
    h('h2', {}, `${a.surname} ${a.givenNames}`),
    duplicatesNotice(a),
    personBlock(a),
    stale.length ? staleNotice(stale, reload) : null,
    h('h3', {}, t('documents')),
    holderList('holder-documents', documentItems),
    h('h3', {}, t('applications')),
    holderList('holder-applications', applicationItems),
    ...(ui.me?.role === 'clerk' ? clerkTools(a, reload) : []),
  );
}
