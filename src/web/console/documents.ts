// Issued documents: the list, one document with its QR code, print views and the revocation request.

import {
  api,
  day,
  type Doc,
  fail,
  fieldValue,
  type HistoryEntry,
  historyLine,
  holderName,
  label,
  main,
  named,
  type Page,
  stateName,
  t,
  typeTitle,
  ui,
  when,
} from './state.js';
import { workFilters } from './applications.js';
import { dateInput, setValue, apiValue } from './dates.js';
import { field, h, labelled, put, showErrors } from './dom.js';

/** today: the list of documents issued today (the desk's end-of-day check). */
export async function documentsView(today = false): Promise<void> {
  const type = h(
    'select',
    { 'aria-label': t('type') },
    h('option', { value: '' }, t('all')),
    ...ui.types.map((x) => h('option', { value: x.name }, typeTitle(x.name))),
  );
  const state = h(
    'select',
    { 'aria-label': t('state') },
    h('option', { value: '' }, t('all')),
    h('option', { value: 'issued' }, stateName('issued')),
    h('option', { value: 'revoked' }, stateName('revoked')),
  );
  const from = dateInput();
  const to = dateInput();
  if (today) {
    const d = new Date();
    const two = (n: number) => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
    setValue(from, local);
    setValue(to, local);
    state.value = 'issued';
  }
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
      if (el.value) qs.set(k, apiValue(el));
    if (append && cursor) qs.set('cursor', cursor);
    const res = await api.call<Page<Doc>>('GET', `/documents?${qs}`);
    if (!res.ok) return fail(form, res.error);
    if (!append)
      table.replaceChildren(
        h(
          'tr',
          {},
          h('th', {}, t('number')),
          h('th', {}, t('holder')),
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
          h('td', {}, h('a', { href: `#/applicant/${d.applicantId}` }, holderName(d.data))),
          h('td', {}, typeTitle(d.documentType)),
          h('td', {}, stateName(d.state)),
          h('td', {}, day(d.issuedAt)),
        ),
      );
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
  };
  const more = h('button', { type: 'button', hidden: true, onclick: () => void load(true) }, t('more'));
  const form = h(
    'form',
    { class: 'inline' },
    labelled(t('type'), type),
    labelled(t('state'), state),
    labelled(t('from'), from),
    labelled(t('to'), to),
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
  main().replaceChildren(
    h('h2', {}, today ? t('filterIssuedToday') : t('documents')),
    workFilters(today ? '#/documents/today' : ''),
    lookup,
    form,
    table,
    more,
  );
  await load(false);
}

/** A link the document page offers: a print view in a new tab, or a file to download. */
const link = (href: string, text: string, attrs: Record<string, string> = {}) =>
  h('a', { href, class: 'button', ...attrs }, text);

/** The ways out of the registry: the A4 print view, the passport data page, the QR code as SVG or PNG. */
function outputs(d: Doc): HTMLElement {
  const base = `/api/v1/documents/${d.id}`;
  const tab = { target: '_blank', rel: 'noopener' };
  return h(
    'p',
    { class: 'actions' },
    link(`${base}/print`, t('print'), { ...tab, id: 'print' }),
    d.mrz ? link(`${base}/print?layout=td3`, t('printTd3'), { ...tab, id: 'print-td3' }) : null,
    link(`${base}/qr.svg`, t('downloadSvg'), { download: `${d.number}.svg` }),
    link(`${base}/qr.png`, t('downloadPng'), { download: `${d.number}.png` }),
  );
}

/**
 * Asking for a revocation (approvers and office admins): no reason preselected, so the approver says why on
 * purpose; what it does is said before it is asked; a second person confirms it (revocations.ts).
 */
function revokeForm(d: Doc): Node[] {
  const reason = h(
    'select',
    { required: true },
    h('option', { value: '', selected: true, disabled: true }, t('chooseReason')),
    ...['lost', 'stolen', 'cancelled'].map((r) => h('option', { value: r }, named('reason', r))),
  );
  const note = h('input', { maxlength: 500 });
  const form = h(
    'form',
    { id: 'revoke-form', novalidate: true },
    field('reason', t('revokeReason'), reason),
    field('note', t('note'), note),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'danger' }, t('revoke')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!reason.value) return showErrors(form, [{ field: 'reason', message: t('chooseReason') }], '');
    if (!confirm(`${t('revokeConfirm')} ${d.number}`)) return;
    const r = await api.call('POST', `/documents/${d.id}/revoke`, {
      reason: reason.value,
      ...(note.value ? { note: note.value } : {}),
    });
    if (!r.ok) return fail(form, r.error);
    ui.nextFlash = { text: t('revocationRequested'), kind: 'ok' };
    void ui.route();
  });
  return [h('h3', {}, t('revoke')), h('p', { id: 'revoke-hint' }, t('revokeHint')), form];
}

/**
 * A revocation asked for and not yet decided (issue 24, item 6): said on the document's page instead of an
 * empty form, with who asked, when and why, and where a second person decides it.
 */
function pendingNotice(p: NonNullable<Doc['pendingRevocation']>): HTMLElement {
  const own = p.requestedBy === ui.me?.id;
  return h(
    'p',
    { class: 'notice warning', id: 'revocation-pending' },
    `${t('revocationPending')} ${p.requestedByName}, ${when(p.requestedAt)}, ${named('reason', p.reason)}. `,
    own || ui.me?.role === 'clerk'
      ? t('revocationPendingWait')
      : h('a', { href: '#/revocations' }, t('revocationPendingDecide')),
  );
}

/** One document: its state, holder, QR code beside its data, MRZ, outputs, revocation, history. */
export async function documentView(id: string): Promise<void> {
  const res = await api.call<Doc>('GET', `/documents/${id}`);
  if (!res.ok) return fail(null, res.error);
  const d = res.data;
  const history = await api.call<{ items: HistoryEntry[] }>('GET', `/documents/${id}/events`);
  const data = h('dl', { class: 'data' });
  for (const [k, v] of Object.entries(d.data))
    data.append(h('dt', {}, label(k)), h('dd', { 'data-field': k }, fieldValue(k, v)));
  const pending = d.pendingRevocation;
  const mayRevoke =
    !pending && d.state === 'issued' && (ui.me?.role === 'approver' || ui.me?.role === 'office_admin');
  put(
    main(),
    h(
      'h2',
      {},
      `${typeTitle(d.documentType)} ${d.number} · `,
      h('span', { id: 'doc-state' }, stateName(d.state)),
      d.revocationReason ? ` (${named('reason', d.revocationReason)})` : '',
    ),
    h(
      'p',
      {},
      `${t('holder')}: `,
      h('a', { href: `#/applicant/${d.applicantId}`, id: 'holder-link' }, holderName(d.data)),
    ),
    h(
      'div',
      { class: 'side-by-side' },
      h('img', { class: 'qr', src: `/api/v1/documents/${id}/qr.svg`, alt: t('qrCode') }),
      data,
    ),
    d.mrz ? h('pre', { class: 'mrz', id: 'mrz' }, d.mrz.join('\n')) : null,
    outputs(d),
    h('textarea', { readonly: true, id: 'qr-text', 'aria-label': t('qrText'), rows: 3 }, d.qrText),
    ...(mayRevoke ? revokeForm(d) : []),
    pending ? pendingNotice(pending) : null,
    h('h3', {}, t('history')),
    h(
      'ol',
      { id: 'history' },
      ...(history.ok ? history.data.items : []).map((e) => h('li', {}, historyLine(e))),
    ),
  );
}
