// Applications: the lists (the approver's queue among them), with the work-list bar documents.ts shares.
// One application, with its decisions, is application.ts.

import {
  api,
  type Application,
  fail,
  holderName,
  main,
  type Page,
  stateName,
  t,
  typeTitle,
  ui,
  when,
} from './state.js';
import { h, labelled } from './dom.js';

/** The work lists a desk needs, as links: each is a route (app.ts), so the browser's Back works. */
export function workFilters(current: string): HTMLElement {
  const links: [string, string][] = [
    ['#/applications', t('filterAll')],
    // Drafts are clerks' work: approvers and admins register none.
    ...(ui.me?.role === 'clerk' ? [['#/applications/mine', t('filterMyDrafts')] as [string, string]] : []),
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
