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
  };
  const res = await api.call<{ items: Req[] }>('GET', '/revocations');
  if (!res.ok) return fail(null, res.error);
  const decide = async (r: Req, decision: 'confirm' | 'refuse', form: HTMLElement) => {
    if (decision === 'confirm' && !confirm(`${t('revokeConfirm')} ${r.documentNumber}`)) return;
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
        ` · ${reasonName(r.reason)}${r.note ? ` (${r.note})` : ''}`,
        ` · ${r.requestedByName} · ${when(r.requestedAt)} `,
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
