// Applications: the lists (the approver's queue among them) and one application with its decisions.

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
  holderName,
  label,
  main,
  type Page,
  requiredNote,
  stateName,
  t,
  typeTitle,
  ui,
  when,
} from './state.js';
import { add, field, h, labelled, put } from './dom.js';
import { duplicatesNotice, personBlock, schemaForm } from './applicants.js';

/** The work lists a desk needs, as links: each is a route (app.ts), so the browser's Back works. */
export function workFilters(current: string): HTMLElement {
  const links: [string, string][] = [
    ['#/applications', t('filterAll')],
    ['#/applications/mine', t('filterMyDrafts')],
    ['#/queue', t('filterWaiting')],
    ['#/applications/approved', t('filterApproved')],
    ['#/documents/today', t('filterIssuedToday')],
  ];
  return h(
    'nav',
    { class: 'filters', id: 'work-filters', 'aria-label': t('applications') },
    ...links.map(([href, text]) =>
      h('a', { href, ...(href === current ? { 'aria-current': 'page' } : {}) }, text),
    ),
  );
}

/** state: one state only; mine: only the caller's own (drafts). */
export async function applicationsView(state?: string, mine = false): Promise<void> {
  const list = h('div', { id: 'applications' });
  // What waits for a decision or for issuing is worked in the order it arrived; the rest newest first.
  const order = h(
    'select',
    { id: 'order' },
    h('option', { value: 'newest' }, t('newestFirst')),
    h('option', { value: 'oldest' }, t('oldestFirst')),
  );
  order.value = state === 'submitted' || state === 'approved' ? 'oldest' : 'newest';
  order.addEventListener('change', () => {
    cursor = null;
    list.replaceChildren();
    void load();
  });
  let cursor: string | null = null;
  const load = async () => {
    const qs = new URLSearchParams({
      limit: '20',
      order: order.value,
      ...(state ? { state } : {}),
      ...(mine ? { mine: 'true' } : {}),
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
          { class: 'application' },
          h(
            'a',
            { href: `#/application/${a.id}` },
            [
              holderName(a.data) || t('holder'),
              typeTitle(a.documentType),
              stateName(a.state),
              when(a.createdAt),
              a.createdByName ? `${t('submittedBy')} ${a.createdByName}` : '',
              a.decidedByName ? `${t('decidedBy')} ${a.decidedByName}` : '',
            ]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      );
    cursor = res.data.nextCursor;
    if (cursor)
      list.append(h('button', { type: 'button', class: 'more', onclick: () => void load() }, t('more')));
  };
  const current = mine
    ? '#/applications/mine'
    : state === 'submitted'
      ? '#/queue'
      : state === 'approved'
        ? '#/applications/approved'
        : '#/applications';
  const title = {
    '#/applications/mine': 'filterMyDrafts',
    '#/queue': 'queue',
    '#/applications/approved': 'filterApproved',
  } as const;
  main().replaceChildren(
    h('h2', {}, t(title[current as keyof typeof title] ?? 'applications')),
    workFilters(current),
    h('p', { class: 'inline' }, labelled(t('order'), order)),
    list,
  );
  await load();
}

export async function applicationView(id: string): Promise<void> {
  const res = await api.call<Application & { willSupersede?: { id: string; number: string }[] }>(
    'GET',
    `/applications/${id}`,
  );
  if (!res.ok) return fail(null, res.error);
  const app = res.data;
  // Said before anyone approves or issues: the holder's current passport stops being valid.
  const supersedes = app.willSupersede?.length
    ? h(
        'p',
        { class: 'notice warning', id: 'will-supersede' },
        `${t('willSupersede')} `,
        ...app.willSupersede.flatMap((d, i) => [
          i ? ', ' : '',
          h('a', { href: `#/document/${d.id}` }, d.number),
        ]),
      )
    : null;
  const person = await api.call<Applicant>('GET', `/applicants/${app.applicantId}`);
  const data = h('dl', { class: 'data' });
  for (const [k, v] of Object.entries(app.data))
    data.append(h('dt', {}, label(k)), h('dd', { 'data-field': k }, fieldValue(k, v)));
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
      ui.nextFlash = superseded.length
        ? { text: `${t('supersededNotice')} ${superseded.join(', ')}`, kind: 'ok' }
        : { text: t('saved'), kind: 'ok' };
      location.hash = `#/document/${(r.data as Doc).id}`;
    } else void applicationView(id);
  };
  // A passport carries the portrait frozen at submission: without one on record it cannot be submitted, so the
  // page says so (with the way to the person's page) and the button waits.
  const needsPortrait =
    app.state === 'draft' &&
    person.ok &&
    !person.data.hasPhoto &&
    ui.types.find((x) => x.name === app.documentType)?.schema['x-nbr'].portrait === true;
  if (app.state === 'draft' && ui.me?.role === 'clerk')
    add(
      actions,
      h(
        'button',
        {
          type: 'button',
          id: 'submit-app',
          class: 'primary',
          disabled: needsPortrait,
          onclick: () => void act('submit'),
        },
        t('submit'),
      ),
      needsPortrait
        ? h(
            'p',
            { class: 'notice', id: 'needs-portrait' },
            `${t('needsPortrait')} `,
            h('a', { href: `#/applicant/${app.applicantId}` }, t('toApplicant')),
          )
        : null,
    );
  // Taking an application back is final, so it is asked first.
  if ((app.state === 'draft' || app.state === 'submitted') && ui.me?.role === 'clerk')
    actions.append(
      h(
        'button',
        {
          type: 'button',
          id: 'withdraw-app',
          onclick: () => {
            if (confirm(t('withdrawConfirm'))) void act('withdraw');
          },
        },
        t('withdrawApplication'),
      ),
    );
  if (app.state === 'submitted' && ui.me?.role === 'approver') {
    const own = app.createdBy === ui.me.id;
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
  if (app.state === 'approved' && (ui.me?.role === 'clerk' || ui.me?.role === 'approver'))
    actions.append(
      h(
        'button',
        {
          type: 'button',
          id: 'issue',
          class: 'primary',
          // Said again right before it happens: issuing revokes the holder's current passport for good.
          onclick: () => {
            const numbers = (app.willSupersede ?? []).map((d) => d.number).join(', ');
            if (!numbers || confirm(t('issueSupersedesConfirm', { numbers }))) void act('issue');
          },
        },
        t('issue'),
      ),
    );
  // A draft is the clerk's to correct before submitting it: the type's fields, prefilled with what it holds.
  const type = ui.types.find((x) => x.name === app.documentType);
  let draftForm: HTMLElement | null = null;
  if (app.state === 'draft' && ui.me?.role === 'clerk' && type) {
    const edit = schemaForm(type, app.data);
    draftForm = h(
      'form',
      { id: 'draft-form', novalidate: true },
      h('h3', {}, t('editDraft')),
      requiredNote(),
      edit.fields,
      h('span', { class: 'error', 'data-error-for': '_form' }),
      h('button', { type: 'submit' }, t('saveDraft')),
    );
    draftForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const saved = await api.call<Application>('PATCH', `/applications/${id}`, { data: edit.values() });
      if (!saved.ok) return fail(draftForm, saved.error);
      flash(t('saved'));
      void applicationView(id);
    });
  }
  const history = await api.call<{
    items: HistoryEntry[];
  }>('GET', `/applications/${id}/events`);
  put(
    main(),
    h(
      'h2',
      {},
      `${typeTitle(app.documentType)} · ${t('state')}: `,
      h('span', { id: 'app-state' }, stateName(app.state)),
    ),
    app.decisionReason ? h('p', {}, `${t('reason')}: ${app.decisionReason}`) : null,
    person.ok ? duplicatesNotice(person.data) : null,
    supersedes,
    h(
      'div',
      { class: 'side-by-side' },
      h('section', {}, h('h3', {}, t('personRecord')), person.ok ? personBlock(person.data) : null),
      h('section', {}, h('h3', {}, t('applicationData')), data),
    ),
    portrait,
    draftForm,
    form,
    h('h3', {}, t('history')),
    h('ol', {}, ...(history.ok ? history.data.items : []).map((e) => h('li', {}, historyLine(e)))),
  );
}
