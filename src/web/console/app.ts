// The staff console: a single page on the registry API. Hash routes carry only record ids, never names;
// searches go in request bodies. Forms keep what was typed when a request fails, including a session expiry
// (a login dialog opens over the page and the action can be retried).

import { transliterateBelarusian } from '../../core/transliterate.js';
import { FIELDS } from '../verifier/i18n.js';
import { ApiClient, type ApiError } from './api.js';
import { add, field, h, put, showErrors } from './dom.js';
import { STRINGS, type ConsoleKey, type ConsoleLang } from './i18n.js';

interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  officeId: string | null;
  officeCode: string | null;
}
interface Applicant {
  id: string;
  latinOverride?: boolean;
  surname: string;
  givenNames: string;
  patronymic: string | null;
  surnameLatin: string;
  givenNamesLatin: string;
  sex: string;
  birthDate: string;
  birthPlace: string | null;
  personalNumber: string | null;
  hasPhoto: boolean;
  possibleDuplicates?: { id: string; match: 'personalNumber' | 'nameAndBirthDate' }[];
}
interface Application {
  id: string;
  applicantId: string;
  documentType: string;
  data: Record<string, string>;
  state: string;
  createdBy: string;
  decisionReason: string | null;
  createdAt: string;
}
interface Doc {
  id: string;
  documentType: string;
  number: string;
  state: string;
  data: Record<string, string>;
  qrText: string;
  mrz: string[] | null;
  issuedAt: string;
  revocationReason: string | null;
  applicantId: string;
}
interface FieldSchema {
  type: string;
  title: string;
  format?: string;
  enum?: string[];
  maxLength?: number;
  pattern?: string;
}
interface DocType {
  name: string;
  title: string;
  schema: {
    required: string[];
    properties: Record<string, FieldSchema>;
    'x-nbr': { assigned?: string[]; fromApplicant?: string[] };
  };
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const api = new ApiClient();
const main = () => document.getElementById('main')!;
let me: Me | undefined;
let types: DocType[] = [];
let lang: ConsoleLang =
  (localStorage.getItem('nbr.console.lang') as ConsoleLang | null) ??
  (/^(be|ru)/i.test(navigator.language) ? 'be' : 'en');
const t = (k: ConsoleKey) => STRINGS[lang][k];
const label = (name: string) =>
  FIELDS[name]?.[lang === 'be' ? 'be' : 'en'] ?? (STRINGS[lang] as Record<string, string>)[name] ?? name;
const typeTitle = (name: string) => types.find((x) => x.name === name)?.title ?? name;

/** A message for the page the next navigation opens (navigation clears the flash line). */
let nextFlash: { text: string; kind: 'ok' | 'error' } = { text: '', kind: 'ok' };

function flash(text: string, kind: 'ok' | 'error' = 'ok'): void {
  const el = document.getElementById('flash')!;
  el.textContent = text;
  el.className = kind;
}

function fail(form: HTMLElement | null, e: ApiError): void {
  if (form) showErrors(form, e.fields, e.message);
  flash(`${t('error')}: ${e.message}`, 'error');
}

// ------------------------------------------------------------------ session

function loginForm(onDone: () => void): HTMLFormElement {
  const user = h('input', { autocomplete: 'username', required: true });
  const pass = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const form = h(
    'form',
    { class: 'login' },
    field('username', t('username'), user),
    field('password', t('password'), pass),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('login')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await api.call<{ staff: Me; csrfToken: string }>('POST', '/session', {
      username: user.value,
      password: pass.value,
    });
    if (!res.ok) return showErrors(form, res.error.fields, res.error.message);
    api.csrf = res.data.csrfToken;
    me = res.data.staff;
    pass.value = '';
    onDone();
  });
  return form;
}

/** Session ended mid-work: a dialog over the page, so that the form underneath keeps its content. */
function reauthenticate(): void {
  if (document.getElementById('relogin')) return;
  const dialog = h('dialog', { id: 'relogin' }, h('p', {}, t('sessionExpired')));
  dialog.append(
    loginForm(() => {
      dialog.close();
      dialog.remove();
      renderHeader();
    }),
  );
  document.body.append(dialog);
  dialog.showModal();
}
api.onUnauthenticated = () => (me ? reauthenticate() : undefined);

function renderHeader(): void {
  const header = document.getElementById('header')!;
  header.replaceChildren();
  const langSelect = h(
    'select',
    {
      'aria-label': t('language'),
      onchange: (e: Event) => {
        lang = (e.target as HTMLSelectElement).value as ConsoleLang;
        localStorage.setItem('nbr.console.lang', lang);
        renderHeader();
        void route();
      },
    },
    h('option', { value: 'en', selected: lang === 'en' }, 'English'),
    h('option', { value: 'be', selected: lang === 'be' }, 'Беларуская'),
  );
  header.append(h('h1', {}, t('title')), langSelect);
  if (!me) return;
  const links: [string, ConsoleKey, string[]][] = [
    ['#/applicants', 'applicants', ['clerk', 'approver', 'office_admin']],
    ['#/queue', 'queue', ['approver']],
    ['#/applications', 'applications', ['clerk', 'approver', 'office_admin']],
    ['#/documents', 'documents', ['clerk', 'approver', 'office_admin']],
    ['#/staff', 'staff', ['office_admin', 'cabinet_admin']],
    ['#/keys', 'keys', ['office_admin', 'cabinet_admin']],
    ['#/audit', 'audit', ['office_admin', 'cabinet_admin']],
    ['#/cross-office', 'crossOffice', ['cabinet_admin']],
    ['#/revocations', 'revocations', ['approver', 'office_admin']],
  ];
  header.append(
    h(
      'nav',
      {},
      ...links
        .filter(([, , roles]) => roles.includes(me!.role))
        .map(([href, key]) => h('a', { href }, t(key))),
    ),
    h(
      'p',
      { class: 'who', id: 'who' },
      `${t('loggedInAs')} ${me.displayName} (${me.username}) · ${t('role')}: ${me.role} · ${t('office')}: ${me.officeCode ?? 'Cabinet'} `,
      h('a', { href: '#/password', id: 'password-link' }, t('changePassword')),
      ' ',
      h(
        'button',
        {
          type: 'button',
          id: 'logout',
          onclick: async () => {
            await api.call('DELETE', '/session');
            me = undefined;
            api.csrf = null;
            location.hash = '';
            await start();
          },
        },
        t('logout'),
      ),
    ),
  );
}

// ------------------------------------------------------------------ applicants

async function applicantsView(): Promise<void> {
  const q = h('input', { placeholder: t('searchHint'), 'aria-label': t('searchHint') });
  const birth = h('input', { type: 'date', 'aria-label': t('birthDate') });
  const results = h('div', { id: 'results' });
  const form = h(
    'form',
    { class: 'inline' },
    q,
    birth,
    h('button', { type: 'submit' }, t('search')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  let cursor: string | null = null;
  const load = async (append: boolean) => {
    const res = await api.call<Page<Applicant>>('POST', '/applicants/search', {
      ...(q.value ? { q: q.value } : {}),
      ...(birth.value ? { birthDate: birth.value } : {}),
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
            `${a.surname} ${a.givenNames} · ${a.surnameLatin} ${a.givenNamesLatin} · ${a.birthDate}`,
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
    me?.role === 'clerk'
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

async function editApplicantView(id: string): Promise<void> {
  const res = await api.call<Applicant>('GET', `/applicants/${id}`);
  if (!res.ok) return fail(null, res.error);
  newApplicantView(res.data);
}

/** Registration, or with `existing` the correction of a record (the same form, sent whole with PUT). */
function newApplicantView(existing?: Applicant): void {
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
      h('option', { value: 'F' }, 'F'),
      h('option', { value: 'M' }, 'M'),
      h('option', { value: 'X' }, 'X'),
    ),
    birthDate: h('input', { type: 'date', required: true }),
    birthPlace: h('input', { maxlength: 80 }),
    personalNumber: h('input', { maxlength: 14, pattern: '[0-9A-Z]{14}' }),
  };
  if (existing) {
    for (const [name, input] of Object.entries(inputs))
      input.value = String((existing as unknown as Record<string, unknown>)[name] ?? '');
  }
  const photo = h('input', { type: 'file', accept: 'image/jpeg,image/png' });
  const preview = h('img', { alt: '', class: 'photo', hidden: true });
  photo.addEventListener('change', () => {
    const file = photo.files?.[0];
    if (file) {
      preview.src = URL.createObjectURL(file);
      preview.hidden = false;
    }
  });
  // Live transliteration: the Latin fields follow the Cyrillic ones until the clerk edits them (override).
  // A corrected record keeps an earlier override (a spelling from an old passport) unless the clerk clears it.
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
    ...(Object.entries(inputs) as [keyof typeof inputs, HTMLInputElement | HTMLSelectElement][]).map(
      ([name, input]) => field(name, t(name), input, name === 'surnameLatin' ? t('latinHint') : undefined),
    ),
    field('photo', t('photo'), photo),
    preview,
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('save')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    for (const [name, input] of Object.entries(inputs)) if (input.value) body[name] = input.value;
    if (!overridden.surnameLatin) delete body.surnameLatin;
    if (!overridden.givenNamesLatin) delete body.givenNamesLatin;
    const res = existing
      ? await api.call<Applicant>('PUT', `/applicants/${existing.id}`, body)
      : await api.call<Applicant>('POST', '/applicants', body);
    if (!res.ok) return fail(form, res.error);
    const file = photo.files?.[0];
    if (file) {
      const up = await api.call('PUT', `/applicants/${res.data.id}/photo`, undefined, {
        type: file.type,
        data: file,
      });
      // Say what the photo needs ("at least 300 x 400 pixels"), not only what it was.
      if (!up.ok)
        nextFlash = {
          text: `${t('photo')}: ${up.error.message}${up.error.fields[0] ? ` (${up.error.fields[0].message})` : ''}`,
          kind: 'error',
        };
    }
    flash(t('saved'));
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

function personBlock(a: Applicant): HTMLElement {
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
    if (a[k]) dl.append(h('dt', {}, t(k)), h('dd', { 'data-field': k }, a[k]!));
  }
  return h(
    'div',
    { class: 'person' },
    a.hasPhoto
      ? h('img', { class: 'photo', src: `/api/v1/applicants/${a.id}/photo`, alt: t('photo') })
      : h('p', { class: 'photo none' }, t('noPhoto')),
    dl,
  );
}

/** A form generated from a document type's JSON Schema: fields the registry assigns are left out. */
function schemaForm(
  type: DocType,
  prefill: Record<string, string>,
): { fields: HTMLElement; values: () => Record<string, string> } {
  const assigned = new Set(type.schema['x-nbr'].assigned ?? []);
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {};
  const wrap = h('div', { class: 'schema-form' });
  for (const [name, f] of Object.entries(type.schema.properties)) {
    if (assigned.has(name)) continue;
    const input = f.enum
      ? h('select', {}, h('option', { value: '' }, '—'), ...f.enum.map((v) => h('option', { value: v }, v)))
      : h('input', {
          type: f.format === 'date' ? 'date' : 'text',
          ...(f.maxLength ? { maxlength: f.maxLength } : {}),
        });
    if (type.schema.required.includes(name)) input.setAttribute('required', '');
    if (prefill[name]) input.value = prefill[name]!;
    inputs[name] = input;
    wrap.append(field(name, label(name) === name ? f.title : label(name), input));
  }
  return {
    fields: wrap,
    values: () =>
      Object.fromEntries(
        Object.entries(inputs)
          .filter(([, i]) => i.value !== '')
          .map(([n, i]) => [n, i.value]),
      ),
  };
}

/** Other records of the office that may be the same person: one person, two records, two valid passports. */
function duplicatesNotice(a: Applicant): HTMLElement | null {
  const dups = a.possibleDuplicates ?? [];
  if (!dups.length) return null;
  return h(
    'div',
    { class: 'notice', id: 'duplicates', role: 'alert' },
    t('possibleDuplicates'),
    ' ',
    ...dups.flatMap((d, i) => [
      i ? ', ' : '',
      h(
        'a',
        { href: `#/applicant/${d.id}` },
        `${t(d.match === 'personalNumber' ? 'samePersonalNumber' : 'sameNameAndBirth')} (${d.id.slice(-6)})`,
      ),
    ]),
  );
}

async function applicantView(id: string): Promise<void> {
  const res = await api.call<Applicant>('GET', `/applicants/${id}`);
  if (!res.ok) return fail(null, res.error);
  const a = res.data;
  const content: Node[] = [h('h2', {}, `${a.surname} ${a.givenNames}`)];
  const dups = duplicatesNotice(a);
  if (dups) content.push(dups);
  content.push(personBlock(a));
  if (me?.role === 'clerk') {
    content.push(
      h(
        'p',
        {},
        h('a', { href: `#/applicant/${id}/edit`, id: 'edit-applicant', class: 'button' }, t('editApplicant')),
      ),
    );
    const photo = h('input', {
      type: 'file',
      accept: 'image/jpeg,image/png',
      'aria-label': t('uploadPhoto'),
    });
    photo.addEventListener('change', async () => {
      const file = photo.files?.[0];
      if (!file) return;
      const up = await api.call('PUT', `/applicants/${id}/photo`, undefined, { type: file.type, data: file });
      if (!up.ok)
        return flash(
          `${t('photo')}: ${up.error.message}${up.error.fields[0] ? ` (${up.error.fields[0].message})` : ''}`,
          'error',
        );
      flash(t('saved'));
      void applicantView(id);
    });
    const select = h(
      'select',
      { 'aria-label': t('documentType') },
      ...types.map((x) => h('option', { value: x.name }, x.title)),
    );
    const slot = h('div', {});
    let current = schemaForm(types[0]!, {});
    const prefillFor = (x: DocType) =>
      Object.fromEntries(
        (x.schema['x-nbr'].fromApplicant ?? [])
          .map((k) => [k, String((a as unknown as Record<string, unknown>)[k] ?? '')])
          .filter(([, v]) => v !== ''),
      );
    const renderForm = () => {
      const x = types.find((y) => y.name === select.value)!;
      current = schemaForm(x, prefillFor(x));
      slot.replaceChildren(current.fields);
    };
    select.addEventListener('change', renderForm);
    renderForm();
    const form = h(
      'form',
      { id: 'application-form', novalidate: true },
      field('documentType', t('documentType'), select),
      slot,
      h('span', { class: 'error', 'data-error-for': '_form' }),
      h('button', { type: 'submit', class: 'primary' }, t('create')),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const created = await api.call<Application>('POST', '/applications', {
        applicantId: id,
        documentType: select.value,
        data: current.values(),
      });
      if (!created.ok) return fail(form, created.error);
      location.hash = `#/application/${created.data.id}`;
    });
    content.push(field('photo-upload', t('uploadPhoto'), photo), h('h3', {}, t('startApplication')), form);
  }
  main().replaceChildren(...content);
}

// ------------------------------------------------------------------ applications

async function applicationsView(state?: string): Promise<void> {
  const list = h('div', { id: 'applications' });
  let cursor: string | null = null;
  const load = async () => {
    const qs = new URLSearchParams({
      limit: '20',
      ...(state ? { state } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const res = await api.call<Page<Application>>('GET', `/applications?${qs}`);
    if (!res.ok) return fail(null, res.error);
    list.querySelector('.more')?.remove();
    if (res.data.items.length === 0 && !cursor) list.append(h('p', {}, t('nothing')));
    for (const a of res.data.items)
      list.append(
        h(
          'p',
          {},
          h(
            'a',
            { href: `#/application/${a.id}` },
            `${typeTitle(a.documentType)} · ${a.state} · ${a.createdAt.slice(0, 16).replace('T', ' ')}`,
          ),
        ),
      );
    cursor = res.data.nextCursor;
    if (cursor)
      list.append(h('button', { type: 'button', class: 'more', onclick: () => void load() }, t('more')));
  };
  main().replaceChildren(h('h2', {}, state === 'submitted' ? t('queue') : t('applications')), list);
  await load();
}

async function applicationView(id: string): Promise<void> {
  const res = await api.call<Application>('GET', `/applications/${id}`);
  if (!res.ok) return fail(null, res.error);
  const app = res.data;
  const person = await api.call<Applicant>('GET', `/applicants/${app.applicantId}`);
  const data = h('dl', { class: 'data' });
  for (const [k, v] of Object.entries(app.data))
    data.append(h('dt', {}, label(k)), h('dd', { 'data-field': k }, v));
  // What the approver sees is what gets issued: the portrait frozen at submission, not the record's photo.
  const portrait =
    app.documentType === 'passport' && app.state !== 'draft'
      ? h(
          'figure',
          { id: 'frozen-portrait' },
          h('img', { class: 'photo', src: `/api/v1/applications/${app.id}/photo`, alt: t('photo') }),
          h('figcaption', { class: 'notice' }, t('frozenPortrait')),
        )
      : null;
  const actions = h('div', { class: 'actions' });
  const form = h(
    'form',
    { id: 'decision' },
    actions,
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  const act = async (path: string, body?: unknown) => {
    const r = await api.call<Application | Doc>('POST', `/applications/${id}/${path}`, body);
    if (!r.ok) return fail(form, r.error);
    flash(t('saved'));
    if (path === 'issue') {
      // Said on the document page it opens: the holder's earlier passport is no longer valid.
      const superseded = (r.data as Doc & { superseded?: string[] }).superseded ?? [];
      if (superseded.length)
        nextFlash = { text: `${t('supersededNotice')} ${superseded.join(', ')}`, kind: 'ok' };
      location.hash = `#/document/${(r.data as Doc).id}`;
    } else void applicationView(id);
  };
  if (app.state === 'draft' && me?.role === 'clerk')
    actions.append(
      h(
        'button',
        { type: 'button', id: 'submit-app', class: 'primary', onclick: () => void act('submit') },
        t('submit'),
      ),
    );
  if (app.state === 'submitted' && me?.role === 'approver') {
    const own = app.createdBy === me.id;
    const reason = h('input', { maxlength: 500 });
    add(
      actions,
      h(
        'button',
        {
          type: 'button',
          id: 'approve',
          class: 'primary',
          disabled: own,
          onclick: () => void act('approve'),
        },
        t('approve'),
      ),
      own ? h('p', { class: 'notice', id: 'own-notice' }, t('ownApplication')) : null,
      field('reason', t('reason'), reason),
      h(
        'button',
        { type: 'button', id: 'reject', onclick: () => void act('reject', { reason: reason.value }) },
        t('reject'),
      ),
    );
  }
  if (app.state === 'approved' && (me?.role === 'clerk' || me?.role === 'approver'))
    actions.append(
      h(
        'button',
        { type: 'button', id: 'issue', class: 'primary', onclick: () => void act('issue') },
        t('issue'),
      ),
    );
  const history = await api.call<{
    items: { action: string; actor_role: string; reason: string | null; at: string }[];
  }>('GET', `/applications/${id}/events`);
  put(
    main(),
    h(
      'h2',
      {},
      `${typeTitle(app.documentType)} · ${t('state')}: `,
      h('span', { id: 'app-state' }, app.state),
    ),
    app.decisionReason ? h('p', {}, `${t('reason')}: ${app.decisionReason}`) : null,
    person.ok ? duplicatesNotice(person.data) : null,
    h('div', { class: 'side-by-side' }, person.ok ? personBlock(person.data) : h('p', {}), data),
    portrait,
    form,
    h('h3', {}, t('history')),
    h(
      'ol',
      {},
      ...(history.ok ? history.data.items : []).map((e) =>
        h(
          'li',
          {},
          `${e.at.slice(0, 16).replace('T', ' ')} · ${e.action} · ${e.actor_role}${e.reason ? ` · ${e.reason}` : ''}`,
        ),
      ),
    ),
  );
}

// ------------------------------------------------------------------ documents

async function documentsView(): Promise<void> {
  const type = h(
    'select',
    { 'aria-label': t('type') },
    h('option', { value: '' }, t('all')),
    ...types.map((x) => h('option', { value: x.name }, x.title)),
  );
  const state = h(
    'select',
    { 'aria-label': t('state') },
    h('option', { value: '' }, t('all')),
    h('option', { value: 'issued' }, 'issued'),
    h('option', { value: 'revoked' }, 'revoked'),
  );
  const from = h('input', { type: 'date', 'aria-label': t('from') });
  const to = h('input', { type: 'date', 'aria-label': t('to') });
  const table = h('table', { id: 'documents' });
  let cursor: string | null = null;
  const load = async (append: boolean) => {
    const qs = new URLSearchParams({ limit: '20' });
    for (const [k, el] of [
      ['type', type],
      ['state', state],
      ['from', from],
      ['to', to],
    ] as const)
      if (el.value) qs.set(k, el.value);
    if (append && cursor) qs.set('cursor', cursor);
    const res = await api.call<Page<Doc>>('GET', `/documents?${qs}`);
    if (!res.ok) return fail(form, res.error);
    if (!append)
      table.replaceChildren(
        h(
          'tr',
          {},
          h('th', {}, t('number')),
          h('th', {}, t('type')),
          h('th', {}, t('state')),
          h('th', {}, t('issuedAt')),
        ),
      );
    for (const d of res.data.items)
      table.append(
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/document/${d.id}` }, d.number)),
          h('td', {}, typeTitle(d.documentType)),
          h('td', {}, d.state),
          h('td', {}, d.issuedAt.slice(0, 10)),
        ),
      );
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
  };
  const more = h('button', { type: 'button', hidden: true, onclick: () => void load(true) }, t('more'));
  const form = h(
    'form',
    { class: 'inline' },
    type,
    state,
    from,
    to,
    h('button', { type: 'submit' }, t('filter')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load(false);
  });
  // The holder at the desk shows a document: straight to it by its number.
  const number = h('input', {
    'aria-label': t('documentNumber'),
    placeholder: t('documentNumber'),
    maxlength: 20,
    autocomplete: 'off',
  });
  const lookup = h(
    'form',
    { class: 'inline', id: 'lookup' },
    number,
    h('button', { type: 'submit' }, t('open')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  lookup.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await api.call<Doc>('POST', '/documents/lookup', { number: number.value });
    if (!res.ok) return fail(lookup, res.error);
    location.hash = `#/document/${res.data.id}`;
  });
  main().replaceChildren(h('h2', {}, t('documents')), lookup, form, table, more);
  await load(false);
}

async function documentView(id: string): Promise<void> {
  const res = await api.call<Doc>('GET', `/documents/${id}`);
  if (!res.ok) return fail(null, res.error);
  const d = res.data;
  const data = h('dl', { class: 'data' });
  for (const [k, v] of Object.entries(d.data))
    data.append(h('dt', {}, label(k)), h('dd', { 'data-field': k }, v));
  const history = await api.call<{
    items: { action: string; actor: string; actor_role: string; reason: string | null; at: string }[];
  }>('GET', `/documents/${id}/events`);
  const parts: (Node | null)[] = [
    h(
      'h2',
      {},
      `${typeTitle(d.documentType)} ${d.number} · `,
      h('span', { id: 'doc-state' }, d.state),
      d.revocationReason ? ` (${d.revocationReason})` : '',
    ),
    h(
      'div',
      { class: 'side-by-side' },
      h('img', { class: 'qr', src: `/api/v1/documents/${id}/qr.svg`, alt: 'QR' }),
      data,
    ),
    d.mrz ? h('pre', { class: 'mrz', id: 'mrz' }, d.mrz.join('\n')) : null,
    h(
      'p',
      { class: 'actions' },
      h(
        'a',
        {
          href: `/api/v1/documents/${id}/print`,
          target: '_blank',
          rel: 'noopener',
          id: 'print',
          class: 'button',
        },
        t('print'),
      ),
      d.mrz
        ? h(
            'a',
            {
              href: `/api/v1/documents/${id}/print?layout=td3`,
              target: '_blank',
              rel: 'noopener',
              id: 'print-td3',
              class: 'button',
            },
            t('printTd3'),
          )
        : '',
      h(
        'a',
        { href: `/api/v1/documents/${id}/qr.svg`, download: `${d.number}.svg`, class: 'button' },
        t('downloadSvg'),
      ),
      h(
        'a',
        { href: `/api/v1/documents/${id}/qr.png`, download: `${d.number}.png`, class: 'button' },
        t('downloadPng'),
      ),
    ),
    h('textarea', { readonly: true, id: 'qr-text', 'aria-label': 'QR text', rows: 3 }, d.qrText),
  ];
  if (d.state === 'issued' && (me?.role === 'approver' || me?.role === 'office_admin')) {
    const reason = h(
      'select',
      { required: true },
      ...['lost', 'stolen', 'cancelled'].map((r) => h('option', { value: r }, r)),
    );
    const note = h('input', { maxlength: 500 });
    const form = h(
      'form',
      { id: 'revoke-form' },
      field('reason', t('revokeReason'), reason),
      field('note', t('note'), note),
      h('span', { class: 'error', 'data-error-for': '_form' }),
      h('button', { type: 'submit', class: 'danger' }, t('revoke')),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      // Irreversible once confirmed: say what it does before asking.
      if (!confirm(`${t('revokeConfirm')} ${d.number}`)) return;
      const r = await api.call('POST', `/documents/${id}/revoke`, {
        reason: reason.value,
        ...(note.value ? { note: note.value } : {}),
      });
      if (!r.ok) return fail(form, r.error);
      nextFlash = { text: t('revocationRequested'), kind: 'ok' };
      void route();
    });
    parts.push(h('h3', {}, t('revoke')), form);
  }
  parts.push(
    h('h3', {}, t('history')),
    h(
      'ol',
      { id: 'history' },
      ...(history.ok ? history.data.items : []).map((e) =>
        h(
          'li',
          {},
          `${e.at.slice(0, 16).replace('T', ' ')} · ${e.action} · ${e.actor} (${e.actor_role})${e.reason ? ` · ${e.reason}` : ''}`,
        ),
      ),
    ),
  );
  main().replaceChildren(...parts.filter((p): p is Node => p !== null));
}

// ------------------------------------------------------------------ office administration

async function staffView(): Promise<void> {
  const res = await api.call<{
    items: {
      id: string;
      username: string;
      display_name: string;
      role: string;
      disabled: number;
      office_id: string | null;
      locked_until: string | null;
    }[];
  }>('GET', '/staff');
  if (!res.ok) return fail(null, res.error);
  const roles =
    me?.role === 'cabinet_admin'
      ? ['clerk', 'approver', 'office_admin', 'cabinet_admin']
      : ['clerk', 'approver', 'office_admin'];
  const table = h(
    'table',
    { id: 'staff' },
    h(
      'tr',
      {},
      h('th', {}, t('username')),
      h('th', {}, t('displayName')),
      h('th', {}, t('role')),
      h('th', {}, t('disabled')),
      h('th', {}, t('signIn')),
      h('th', {}, t('password')),
    ),
  );
  for (const s of res.data.items) {
    const role = h(
      'select',
      { 'aria-label': `${t('role')} ${s.username}`, disabled: s.id === me?.id },
      ...roles.map((r) => h('option', { value: r, selected: r === s.role }, r)),
    );
    role.addEventListener('change', async () => {
      const r = await api.call('PATCH', `/staff/${s.id}`, { role: role.value });
      r.ok ? flash(t('saved')) : fail(null, r.error);
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        disabled: s.id === me?.id,
        onclick: async () => {
          const r = await api.call('PATCH', `/staff/${s.id}`, { disabled: !s.disabled });
          if (r.ok) void staffView();
          else fail(null, r.error);
        },
      },
      s.disabled ? t('enable') : t('disable'),
    );
    // A lock left by repeated wrong passwords (src/services/auth.ts) ends by itself; an admin who has checked
    // with the colleague can lift it sooner.
    const locked = s.locked_until !== null; // the server sends it only while the lock lasts
    const signIn = locked
      ? h(
          'td',
          { class: 'locked' },
          `${t('lockedUntil')} ${s.locked_until!.slice(0, 16).replace('T', ' ')} UTC `,
          h(
            'button',
            {
              type: 'button',
              onclick: async () => {
                const r = await api.call('PATCH', `/staff/${s.id}`, { unlock: true });
                if (r.ok) void staffView();
                else fail(null, r.error);
              },
            },
            t('unlock'),
          ),
        )
      : h('td', {}, t('allowed'));
    const reset =
      s.id === me?.id
        ? h('td', {})
        : h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'reset-password',
                onclick: () => resetPasswordDialog(s.id, s.username),
              },
              t('setPassword'),
            ),
          );
    table.append(
      h(
        'tr',
        { 'data-username': s.username },
        h('td', {}, s.username),
        h('td', {}, s.display_name),
        h('td', {}, role),
        h('td', {}, toggle),
        signIn,
        reset,
      ),
    );
  }
  const inputs = {
    username: h('input', { required: true }),
    displayName: h('input', { required: true }),
    password: h('input', { type: 'password', required: true, autocomplete: 'new-password' }),
    role: h(
      'select',
      {},
      ...roles.filter((r) => r !== 'cabinet_admin').map((r) => h('option', { value: r }, r)),
    ),
  };
  const form = h(
    'form',
    { id: 'staff-form', novalidate: true },
    ...Object.entries(inputs).map(([n, i]) => field(n, t(n as ConsoleKey), i)),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('addStaff')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api.call('POST', '/staff', {
      username: inputs.username.value,
      displayName: inputs.displayName.value,
      password: inputs.password.value,
      role: inputs.role.value,
      officeId: me?.officeId ?? null,
    });
    if (!r.ok) return fail(form, r.error);
    flash(t('saved'));
    void staffView();
  });
  main().replaceChildren(h('h2', {}, t('staff')), table, h('h3', {}, t('addStaff')), form);
}

// ------------------------------------------------------------------ audit trail

interface AuditEntryView {
  seq: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  office: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

async function auditView(): Promise<void> {
  const table = h(
    'table',
    { id: 'audit' },
    h(
      'tr',
      {},
      h('th', {}, '#'),
      h('th', {}, t('when')),
      h('th', {}, t('who')),
      h('th', {}, t('office')),
      h('th', {}, t('what')),
      h('th', {}, t('details')),
    ),
  );
  let cursor: string | null = null;
  const more = h('button', { type: 'button', hidden: true, onclick: () => void load() }, t('more'));
  const load = async () => {
    const res = await api.call<Page<AuditEntryView>>(
      'GET',
      `/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    );
    if (!res.ok) return fail(null, res.error);
    for (const e of res.data.items) {
      const target = e.targetType ? `${e.targetType} ${e.targetId?.slice(-8) ?? ''}` : '';
      const details = Object.entries(e.details)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(', ');
      table.append(
        h(
          'tr',
          {},
          h('td', {}, String(e.seq)),
          h('td', {}, e.at.slice(0, 19).replace('T', ' ')),
          h('td', {}, e.actor ? `${e.actor} (${e.actorRole})` : t('system')),
          h('td', {}, e.office ?? '—'),
          h('td', {}, `${e.action} ${target}`),
          h('td', {}, details),
        ),
      );
    }
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
  };
  const parts: Node[] = [h('h2', {}, t('audit')), h('p', {}, t('auditHint'))];
  if (me?.role === 'cabinet_admin') {
    const result = h('span', { id: 'chain' });
    parts.push(
      h(
        'p',
        {},
        h(
          'button',
          {
            type: 'button',
            id: 'verify-chain',
            onclick: async () => {
              const r = await api.call<{ ok: boolean; entries: number; brokenAt?: number; reason?: string }>(
                'GET',
                '/audit/verify',
              );
              if (!r.ok) return fail(null, r.error);
              result.textContent = r.data.ok
                ? ` ${t('chainIntact')}: ${r.data.entries}`
                : ` ${t('chainBroken')} #${r.data.brokenAt}: ${r.data.reason}`;
              result.className = r.data.ok ? 'ok' : 'error';
            },
          },
          t('verifyChain'),
        ),
        result,
      ),
    );
  }
  parts.push(table, more);
  main().replaceChildren(...parts);
  await load();
}

// ------------------------------------------------------------------ cabinet: one person at several offices

async function crossOfficeView(): Promise<void> {
  const res = await api.call<{
    items: { documents: { documentId: string; office: string; number: string; issuedAt: string }[] }[];
  }>('GET', '/reports/cross-office-passports');
  if (!res.ok) return fail(null, res.error);
  const list = h(
    'ol',
    { id: 'cross-office' },
    ...res.data.items.map((g) =>
      h('li', {}, g.documents.map((d) => `${d.office} ${d.number} (${d.issuedAt.slice(0, 10)})`).join(' · ')),
    ),
  );
  main().replaceChildren(
    h('h2', {}, t('crossOffice')),
    h('p', {}, t('crossOfficeHint')),
    res.data.items.length ? list : h('p', { id: 'cross-office-none' }, t('nothing')),
  );
}

// ------------------------------------------------------------------ revocations (two people)

async function revocationsView(): Promise<void> {
  type Req = {
    id: string;
    documentId: string;
    documentNumber: string;
    reason: string;
    note: string | null;
    requestedBy: string;
    requestedByName: string;
    requestedAt: string;
  };
  const res = await api.call<{ items: Req[] }>('GET', '/revocations');
  if (!res.ok) return fail(null, res.error);
  const decide = async (r: Req, decision: 'confirm' | 'refuse', form: HTMLElement) => {
    if (decision === 'confirm' && !confirm(`${t('revokeConfirm')} ${r.documentNumber}`)) return;
    const out = await api.call('POST', `/revocations/${r.id}/${decision}`);
    if (!out.ok) return fail(form, out.error);
    nextFlash = {
      text: decision === 'confirm' ? t('revocationConfirmed') : t('revocationRefused'),
      kind: 'ok',
    };
    void route();
  };
  const list = h(
    'ul',
    { id: 'revocations' },
    ...res.data.items.map((r) => {
      const own = r.requestedBy === me?.id;
      const li = h(
        'li',
        { 'data-request': r.id },
        h('a', { href: `#/document/${r.documentId}` }, r.documentNumber),
        ` · ${r.reason}${r.note ? ` (${r.note})` : ''} · ${r.requestedByName} · ${r.requestedAt.slice(0, 16).replace('T', ' ')} `,
        own
          ? h('span', { class: 'notice' }, t('ownRevocation'))
          : h(
              'button',
              { type: 'button', class: 'danger confirm', onclick: () => void decide(r, 'confirm', li) },
              t('confirmRevocation'),
            ),
        own
          ? null
          : h(
              'button',
              { type: 'button', class: 'refuse', onclick: () => void decide(r, 'refuse', li) },
              t('refuse'),
            ),
        h('span', { class: 'error', 'data-error-for': '_form' }),
      );
      return li;
    }),
  );
  main().replaceChildren(
    h('h2', {}, t('revocations')),
    h('p', {}, t('revocationsHint')),
    res.data.items.length ? list : h('p', { id: 'revocations-none' }, t('nothing')),
  );
}

// ------------------------------------------------------------------ own password

async function passwordView(): Promise<void> {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const form = h(
    'form',
    { id: 'password-form', novalidate: true },
    field('currentPassword', t('currentPassword'), current),
    field('newPassword', t('newPassword'), next, t('passwordHint')),
    field('repeatPassword', t('repeatPassword'), again),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('changePassword')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    // A typo in a password nobody can see is caught here, before the old password stops working.
    if (next.value !== again.value)
      return showErrors(
        form,
        [{ field: 'repeatPassword', message: t('passwordsDiffer') }],
        t('passwordsDiffer'),
      );
    const r = await api.call('PUT', '/session/password', {
      currentPassword: current.value,
      newPassword: next.value,
    });
    if (!r.ok) return fail(form, r.error);
    for (const input of [current, next, again]) input.value = '';
    showErrors(form, [], '');
    flash(t('passwordChanged'));
  });
  // Where else this account is logged in, and its API tokens: a forgotten or leaked one can be ended here.
  const sessions = h('table', { id: 'sessions' });
  const loadSessions = async () => {
    const res = await api.call<{
      items: {
        id: string;
        kind: string;
        label: string | null;
        createdAt: string;
        lastSeenAt: string;
        expiresAt: string;
        current: boolean;
      }[];
    }>('GET', '/session/tokens');
    if (!res.ok) return fail(null, res.error);
    sessions.replaceChildren(
      h(
        'tr',
        {},
        h('th', {}, t('type')),
        h('th', {}, t('label')),
        h('th', {}, t('lastUsed')),
        h('th', {}, t('expires')),
        h('th', {}, ''),
      ),
    );
    for (const s of res.data.items) {
      const end = s.current
        ? h('em', {}, t('thisSession'))
        : h(
            'button',
            {
              type: 'button',
              'data-session': s.id,
              onclick: async () => {
                const r = await api.call('DELETE', `/session/tokens/${s.id}`);
                if (r.ok) void loadSessions();
                else fail(null, r.error);
              },
            },
            t('endSession'),
          );
      sessions.append(
        h(
          'tr',
          {},
          h('td', {}, s.kind === 'api' ? t('apiToken') : t('browserSession')),
          h('td', {}, s.label ?? ''),
          h('td', {}, s.lastSeenAt.slice(0, 16).replace('T', ' ')),
          h('td', {}, s.expiresAt.slice(0, 10)),
          h('td', {}, end),
        ),
      );
    }
  };
  main().replaceChildren(
    h('h2', {}, t('changePassword')),
    form,
    h('h3', {}, t('sessionsAndTokens')),
    sessions,
  );
  await loadSessions();
}

/**
 * A colleague forgot their password: the admin sets a new one (said to them in person, not by mail), which
 * ends their sessions and tokens and lifts a lock. One's own password is changed on one's own page instead.
 */
function resetPasswordDialog(staffId: string, username: string): void {
  const input = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const form = h(
    'form',
    { method: 'dialog', id: 'reset-form', novalidate: true },
    h('p', {}, `${t('setPasswordFor')} ${username}`),
    field('password', t('newPassword'), input, t('resetHint')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('setPassword')),
    ' ',
    h('button', { type: 'button', onclick: () => dialog.close() }, t('cancel')),
  );
  const dialog = h('dialog', { id: 'reset-dialog' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api.call('PATCH', `/staff/${staffId}`, { password: input.value });
    if (!r.ok) return fail(form, r.error);
    dialog.close();
    flash(`${t('passwordSet')} ${username}`);
  });
  document.body.append(dialog);
  dialog.showModal();
}

async function keysView(): Promise<void> {
  type Key = { kid: string; inUse: boolean; signUntil: string; rotateBy: string; revokedAt: string | null };
  const res = await api.call<{
    items: (Key & { office: string; validUntil: string | null })[];
    statusKeys?: Key[];
    warnings: { scope: string; message: string }[];
  }>('GET', '/keys');
  if (!res.ok) return fail(null, res.error);
  const line = (k: Key, label: string, validUntil?: string | null) =>
    h(
      'li',
      {},
      `${label} · ${k.kid}${k.inUse ? ` · ${t('inUse')}` : ''} · ${t('signUntil')} ${k.signUntil.slice(0, 10)} · ${t('rotateBy')} ${k.rotateBy.slice(0, 10)}${validUntil !== undefined ? ` · ${t('validUntil')} ${validUntil?.slice(0, 10) ?? '∞'}` : ''}${k.revokedAt ? ` · revoked ${k.revokedAt.slice(0, 10)}` : ''}`,
    );
  // Rotation warnings come first: an unnoticed end of a signing period stops issuance or verification.
  const warnings = res.data.warnings.length
    ? h(
        'ul',
        { id: 'key-warnings', class: 'warning', role: 'alert' },
        ...res.data.warnings.map((w) =>
          h('li', {}, `${w.scope === 'status' ? t('statusKey') : w.scope}: ${w.message}`),
        ),
      )
    : null;
  const parts: Node[] = [h('h2', {}, t('keys'))];
  if (warnings) parts.push(warnings);
  parts.push(h('ul', { id: 'keys' }, ...res.data.items.map((k) => line(k, k.office, k.validUntil))));
  if (res.data.statusKeys)
    parts.push(
      h('h3', {}, t('statusKey')),
      h('ul', { id: 'status-keys' }, ...res.data.statusKeys.map((k) => line(k, t('statusKey')))),
    );
  main().replaceChildren(...parts);
}

// ------------------------------------------------------------------ routing

async function route(): Promise<void> {
  if (!me) return;
  flash(nextFlash.text, nextFlash.kind);
  nextFlash = { text: '', kind: 'ok' };
  const [, view, id, sub] = location.hash.split('/');
  if (view === 'applicant' && id && sub === 'edit') return editApplicantView(id);
  if (view === 'applicants' && id === 'new') return newApplicantView();
  if (view === 'applicant' && id) return applicantView(id);
  if (view === 'queue') return applicationsView('submitted');
  if (view === 'applications') return applicationsView();
  if (view === 'application' && id) return applicationView(id);
  if (view === 'documents') return documentsView();
  if (view === 'document' && id) return documentView(id);
  if (view === 'staff') return staffView();
  if (view === 'keys') return keysView();
  if (view === 'password') return passwordView();
  if (view === 'audit') return auditView();
  if (view === 'cross-office') return crossOfficeView();
  if (view === 'revocations') return revocationsView();
  if (me.role === 'cabinet_admin') return staffView();
  if (me.role === 'office_admin') return documentsView();
  return me.role === 'approver' ? applicationsView('submitted') : applicantsView();
}

async function start(): Promise<void> {
  const session = await api.call<{ staff: Me; csrfToken: string }>('GET', '/session');
  if (session.ok) {
    me = session.data.staff;
    api.csrf = session.data.csrfToken;
  }
  renderHeader();
  if (!me) {
    main().replaceChildren(loginForm(() => void start()));
    (main().querySelector('input') as HTMLInputElement).focus();
    return;
  }
  const dt = await api.call<{ items: DocType[] }>('GET', '/document-types');
  types = dt.ok ? dt.data.items : [];
  await route();
  document.body.dataset.ready = 'true';
}

window.addEventListener('hashchange', () => void route());
void start();
