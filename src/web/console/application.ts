// One application: the person's record beside what the document will hold, the portrait frozen at
// submission, the steps the caller's role may take now (each consequential one asked first), the draft's
// editor and the history. The lists of applications are in applications.ts.

import {
  api,
  type Applicant,
  type Application,
  type Doc,
  fail,
  fieldValue,
  flash,
  type HistoryEntry,
  historyLine,
  label,
  main,
  requiredNote,
  stateName,
  t,
  typeTitle,
  ui,
} from './state.js';
import type { ConsoleKey } from './i18n.js';
import { add, field, h, put } from './dom.js';
import { duplicatesNotice, personBlock, schemaForm, sealPreview } from './applicants.js';

/** The message each step leaves (issue 24, item 9). */
const STEP_SAID: Record<string, ConsoleKey> = {
  submit: 'stepSubmitted',
  approve: 'stepApproved',
  reject: 'stepRejected',
  withdraw: 'stepWithdrawn',
};

type Shown = Application & { willSupersede?: { id: string; number: string }[]; mrzNameTruncated?: string };

/** Said to the clerk and the approver before issuing: the MRZ has room for 39 characters of the name. */
function mrzNotice(app: Shown): HTMLElement | null {
  if (!app.mrzNameTruncated) return null;
  return h(
    'p',
    { class: 'notice warning', id: 'mrz-truncated' },
    `${t('mrzTruncated')} `,
    h('code', { class: 'mrz' }, app.mrzNameTruncated),
  );
}
/** Takes a step (submit, withdraw, approve, reject, issue) and shows where it led. */
type Act = (path: string, body?: unknown) => Promise<void>;

/** Said before anyone approves or issues: the holder's current passport stops being valid. */
function supersedeNotice(app: Shown): HTMLElement | null {
  if (!app.willSupersede?.length) return null;
  return h(
    'p',
    { class: 'notice warning', id: 'will-supersede' },
    `${t('willSupersede')} `,
    ...app.willSupersede.flatMap((d, i) => [i ? ', ' : '', h('a', { href: `#/document/${d.id}` }, d.number)]),
  );
}

/** What the approver sees is what gets issued: the portrait frozen at submission, not the record's photo. */
function frozenPortrait(app: Shown): HTMLElement | null {
  if (app.documentType !== 'passport' || app.state === 'draft') return null;
  return h(
    'figure',
    { id: 'frozen-portrait' },
    h('img', { class: 'photo', src: `/api/v1/applications/${app.id}/photo`, alt: t('photo') }),
    h('figcaption', { class: 'notice' }, t('frozenPortrait')),
    sealPreview(`/api/v1/applications/${app.id}/seal`, t('sealApproved')),
  );
}

const button = (
  id: string,
  text: string,
  onclick: () => void,
  opts: { primary?: boolean; disabled?: boolean } = {},
) =>
  h(
    'button',
    { type: 'button', id, onclick, disabled: opts.disabled, ...(opts.primary ? { class: 'primary' } : {}) },
    text,
  );

/** The clerk's steps on an undecided application: submit a draft (a passport needs a portrait), withdraw. */
function clerkSteps(app: Shown, person: Applicant | undefined, act: Act): Node[] {
  const steps: Node[] = [];
  if (app.state === 'draft') {
    // Without a portrait on record a passport cannot be submitted: the page says so and the button waits.
    const needsPortrait =
      person !== undefined &&
      !person.hasPhoto &&
      ui.types.find((x) => x.name === app.documentType)?.schema['x-nbr'].portrait === true;
    steps.push(
      button('submit-app', t('submit'), () => void act('submit'), { primary: true, disabled: needsPortrait }),
    );
    if (needsPortrait)
      steps.push(
        h(
          'p',
          { class: 'notice', id: 'needs-portrait' },
          `${t('needsPortrait')} `,
          h('a', { href: `#/applicant/${app.applicantId}` }, t('toApplicant')),
        ),
      );
  }
  // Taking an application back is final, so it is asked first.
  if (app.state === 'draft' || app.state === 'submitted')
    steps.push(
      button('withdraw-app', t('withdrawApplication'), () => {
        if (confirm(t('withdrawConfirm'))) void act('withdraw');
      }),
    );
  return steps;
}

/** The approver's decision: approve (never one's own: the two-person rule) or reject with a reason. */
function approverSteps(app: Shown, act: Act): Node[] {
  const own = app.createdBy === ui.me?.id;
  const reason = h('input', { maxlength: 500 });
  return [
    button('approve', t('approve'), () => void act('approve'), { primary: true, disabled: own }),
    own ? h('p', { class: 'notice', id: 'own-notice' }, t('ownApplication')) : null,
    field('reason', t('reason'), reason),
    button('reject', t('reject'), () => void act('reject', { reason: reason.value })),
  ].filter((n): n is HTMLElement => n !== null);
}

/** Issuing, asked again right before it happens when it revokes the holder's current passport for good. */
function issueStep(app: Shown, act: Act): Node {
  return button(
    'issue',
    t('issue'),
    () => {
      const numbers = (app.willSupersede ?? []).map((d) => d.number).join(', ');
      if (!numbers || confirm(t('issueSupersedesConfirm', { numbers }))) void act('issue');
    },
    { primary: true },
  );
}

/** A draft is the clerk's to correct before submitting: the type's fields, prefilled with what it holds. */
function draftEditor(app: Shown, reload: () => void): HTMLElement | null {
  const type = ui.types.find((x) => x.name === app.documentType);
  if (app.state !== 'draft' || ui.me?.role !== 'clerk' || !type) return null;
  const edit = schemaForm(type, app.data);
  const form = h(
    'form',
    { id: 'draft-form', novalidate: true },
    h('h3', {}, t('editDraft')),
    requiredNote(),
    edit.fields,
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit' }, t('saveDraft')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const saved = await api.call<Application>('PATCH', `/applications/${app.id}`, { data: edit.values() });
    if (!saved.ok) return fail(form, saved.error);
    flash(t('saved'));
    reload();
  });
  return form;
}

export async function applicationView(id: string): Promise<void> {
  const res = await api.call<Shown>('GET', `/applications/${id}`);
  if (!res.ok) return fail(null, res.error);
  const app = res.data;
  const [person, history] = await Promise.all([
    api.call<Applicant>('GET', `/applicants/${app.applicantId}`),
    api.call<{ items: HistoryEntry[] }>('GET', `/applications/${id}/events`),
  ]);
  const data = h('dl', { class: 'data' });
  for (const [k, v] of Object.entries(app.data))
    data.append(h('dt', {}, label(k)), h('dd', { 'data-field': k }, fieldValue(k, v)));
  const actions = h('div', { class: 'actions' });
  const form = h(
    'form',
    { id: 'decision' },
    actions,
    h('span', { class: 'error', 'data-error-for': '_form' }),
  );
  const act: Act = async (path, body) => {
    const r = await api.call<Application | Doc>('POST', `/applications/${id}/${path}`, body);
    if (!r.ok) return fail(form, r.error);
    // What the step did and what comes next, not just "Saved" (issue 24, item 9).
    const step = STEP_SAID[path.split('?')[0]!];
    if (path !== 'issue') {
      ui.nextFlash = { text: step ? t(step) : t('saved'), kind: 'ok' };
      return void ui.route();
    }
    // Said on the document page it opens: its number, and the holder's earlier passport no longer valid.
    const doc = r.data as Doc & { superseded?: string[] };
    const superseded = doc.superseded ?? [];
    ui.nextFlash = {
      text: superseded.length
        ? `${t('supersededNotice')} ${superseded.join(', ')}`
        : t('stepIssued', { number: doc.number }),
      kind: 'ok',
    };
    location.hash = `#/document/${doc.id}`;
  };
  const role = ui.me?.role;
  if (role === 'clerk') add(actions, ...clerkSteps(app, person.ok ? person.data : undefined, act));
  if (role === 'approver' && app.state === 'submitted') add(actions, ...approverSteps(app, act));
  if ((role === 'clerk' || role === 'approver') && app.state === 'approved')
    add(actions, issueStep(app, act));
  put(
    main(),
    h(
      'h2',
      {},
      `${typeTitle(app.documentType)} · ${t('state')}: `,
      h('span', { id: 'app-state' }, stateName(app.state)),
    ),
    // Back to the person, to start their next application (issue 24: it took the browser's Back button).
    h(
      'p',
      {},
      h(
        'a',
        { id: 'to-applicant', href: `#/applicant/${app.applicantId}` },
        person.ok
          ? `${t('toApplicant')}: ${person.data.surname} ${person.data.givenNames}`
          : t('toApplicant'),
      ),
    ),
    app.decisionReason ? h('p', {}, `${t('reason')}: ${app.decisionReason}`) : null,
    person.ok ? duplicatesNotice(person.data) : null,
    supersedeNotice(app),
    mrzNotice(app),
    h(
      'div',
      { class: 'side-by-side' },
      h('section', {}, h('h3', {}, t('personRecord')), person.ok ? personBlock(person.data) : null),
      h('section', {}, h('h3', {}, t('applicationData')), data),
    ),
    frozenPortrait(app),
    draftEditor(app, () => void applicationView(id)),
    form,
    h('h3', {}, t('history')),
    h('ol', {}, ...(history.ok ? history.data.items : []).map((e) => h('li', {}, historyLine(e)))),
  );
}
