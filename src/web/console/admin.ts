// What admins watch: the audit trail, keys and their rotation, the cabinet's cross-office report.

import {
  api,
  day,
  fail,
  label,
  main,
  named,
  type Page,
  reasonName,
  roleName,
  stateName,
  t,
  typeTitle,
  ui,
  when,
  worded,
} from './state.js';
import { h, labelCells } from './dom.js';

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  office: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** A document's number, a staff account's username (issue 24, item 10); absent for other targets. */
  targetLabel?: string;
  details: Record<string, unknown>;
}

/** An entry's target as people name it: a document by its number (a link to it), else a short id. */
function auditTarget(e: AuditEntryView): (Node | string)[] {
  if (!e.targetType) return [];
  const kind = named('target', e.targetType);
  if (e.targetType === 'document' && e.targetLabel && e.targetId)
    return [`${kind} `, h('a', { href: `#/document/${e.targetId}` }, e.targetLabel)];
  return [`${kind} ${e.targetLabel ?? `…${e.targetId?.slice(-8) ?? ''}`}`];
}

/** A key or status-list warning by its code (src/trust/key-warnings.ts), dates in the console's language. */
function keyWarning(w: { code?: string; message: string; params?: Record<string, string | number> }): string {
  const until = w.params?.until;
  const values = { ...w.params, ...(typeof until === 'string' ? { until: day(until) } : {}) };
  return worded(`keyWarning_${w.code}`, values) ?? w.message;
}

const scopeName = (scope: string) =>
  scope === 'status' ? t('statusKey') : scope === 'statusList' ? t('statusList') : scope;

/** An audit action (application.approved, staff.create.request) in the console's language; else its code. */
const auditAction = (action: string) => named('audit', action.replace(/[.-]/g, '_'));

/** An entry's details (never personal data: src/services/audit.ts), keys and known values translated. */
function auditDetails(details: Record<string, unknown>): string {
  const value = (k: string, v: unknown): string => {
    if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
    if (v === null || v === undefined) return '—';
    const s = String(v);
    if (k === 'role') return roleName(s);
    if (k === 'reason') return reasonName(s);
    if (k === 'from' || k === 'to') return stateName(s);
    if (k === 'documentType') return typeTitle(s);
    if (k === 'fields') return s.split(',').map(label).join(', ');
    if (k === 'until') return when(s);
    // Record ids as the target column shows them: their last 8 characters, enough to tell them apart.
    if (/^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(s)) return `…${s.slice(-8)}`;
    return s;
  };
  return Object.entries(details)
    .map(([k, v]) => `${named('detail', k)}: ${value(k, v)}`)
    .join('; ');
}

export async function auditView(): Promise<void> {
  const table = h(
    'table',
    { id: 'audit', class: 'cards' },
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
      table.append(
        h(
          'tr',
          { 'data-action': e.action },
          h('td', {}, String(e.seq)),
          h('td', {}, when(e.at)),
          h('td', {}, e.actor ? `${e.actor} (${roleName(e.actorRole ?? '')})` : t('system')),
          h('td', {}, e.office ?? '—'),
          h('td', {}, auditAction(e.action), ...(e.targetType ? [': ', ...auditTarget(e)] : [])),
          h('td', {}, auditDetails(e.details)),
        ),
      );
    }
    labelCells(table);
    cursor = res.data.nextCursor;
    more.hidden = !cursor;
  };
  const parts: Node[] = [h('h2', {}, t('audit')), h('p', {}, t('auditHint'))];
  if (ui.me?.role === 'cabinet_admin') {
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

export async function crossOfficeView(): Promise<void> {
  const res = await api.call<{
    items: { documents: { documentId: string; office: string; number: string; issuedAt: string }[] }[];
  }>('GET', '/reports/cross-office-passports');
  if (!res.ok) return fail(null, res.error);
  const list = h(
    'ol',
    { id: 'cross-office' },
    ...res.data.items.map((g) =>
      h('li', {}, g.documents.map((d) => `${d.office} ${d.number} (${day(d.issuedAt)})`).join(' · ')),
    ),
  );
  main().replaceChildren(
    h('h2', {}, t('crossOffice')),
    h('p', {}, t('crossOfficeHint')),
    res.data.items.length ? list : h('p', { id: 'cross-office-none' }, t('nothing')),
  );
}

export async function keysView(): Promise<void> {
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
      [
        `${label} · ${k.kid}`,
        k.inUse ? t('inUse') : '',
        `${t('signUntil')} ${day(k.signUntil)}`,
        `${t('rotateBy')} ${day(k.rotateBy)}`,
        validUntil !== undefined ? `${t('validUntil')} ${validUntil ? day(validUntil) : '∞'}` : '',
        k.revokedAt ? `${stateName('revoked')} ${day(k.revokedAt)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    );
  // Rotation warnings come first: an unnoticed end of a signing period stops issuance or verification.
  const warnings = res.data.warnings.length
    ? // The alert role on a wrapper: on the list itself it would hide the list from screen readers (axe-core).
      h(
        'div',
        { role: 'alert' },
        h(
          'ul',
          { id: 'key-warnings', class: 'warning' },
          ...res.data.warnings.map((w) => h('li', {}, `${scopeName(w.scope)}: ${keyWarning(w)}`)),
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
