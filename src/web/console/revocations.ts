// Revocations waiting for a second person, confirmed or refused here (services/registry/revocations.ts).

import { api, fail, main, reasonName, t, ui, when } from './state.js';
import { h } from './dom.js';

export async function revocationsView(): Promise<void> {
  type Req = {
    id: string;
    documentId: string;
    documentNumber: string;
    reason: string;
    note: string | null;
    requestedBy: string;
    requestedByName: string;
    requestedAt: string;
    holder?: string;
  };
  const res = await api.call<{ items: Req[] }>('GET', '/revocations');
  if (!res.ok) return fail(null, res.error);
  const decide = async (r: Req, decision: 'confirm' | 'refuse', form: HTMLElement) => {
    // The irreversible step asks in its own words, not the request's (issue 24, item 6).
    if (decision === 'confirm' && !confirm(`${t('revokeFinalConfirm')} ${r.documentNumber}`)) return;
    const out = await api.call('POST', `/revocations/${r.id}/${decision}`);
    if (!out.ok) return fail(form, out.error);
    ui.nextFlash = {
      text: decision === 'confirm' ? t('revocationConfirmed') : t('revocationRefused'),
      kind: 'ok',
    };
    void ui.route();
  };
  const list = h(
    'ul',
    { id: 'revocations' },
    ...res.data.items.map((r) => {
      const own = r.requestedBy === ui.me?.id;
      const li = h(
        'li',
        { 'data-request': r.id },
        h('a', { href: `#/document/${r.documentId}` }, r.documentNumber),
        r.holder ? h('span', { class: 'holder' }, ` · ${r.holder}`) : null,
        ` · ${reasonName(r.reason)}${r.note ? ` (${r.note})` : ''}`,
        ` · ${t('askedBy')} ${r.requestedByName} · ${when(r.requestedAt)} `,
        own
          ? h('span', { class: 'notice' }, t('ownRevocation'))
          : h(
              'span',
              { class: 'actions' },
              h(
                'button',
                { type: 'button', class: 'danger confirm', onclick: () => void decide(r, 'confirm', li) },
                t('confirmRevocation'),
              ),
              h(
                'button',
                { type: 'button', class: 'refuse', onclick: () => void decide(r, 'refuse', li) },
                t('refuse'),
              ),
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
