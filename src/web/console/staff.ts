// Office administration: accounts, the changes to them waiting for a second administrator, and the password
// a colleague forgot. Creating an account, a role, re-enabling and a password reset are requests (202) that
// another admin confirms here (services/staff/staff-requests.ts); disabling and unlocking act at once.

import { api, fail, flash, main, requiredNote, roleName, t, ui, when, day } from './state.js';
import { field, h, labelCells } from './dom.js';
import type { ConsoleKey } from './i18n.js';

interface StaffRequest {
  id: string;
  kind: 'create' | 'change';
  staffId: string;
  username: string;
  displayName: string;
  currentRole: string | null;
  role: string | null;
  enable: boolean;
  passwordReset: boolean;
  requestedBy: string;
  requestedByName: string;
  requestedAt: string;
  expiresAt: string;
  canConfirm: boolean;
}

/** What the request would do, in words: "new account: clerk", "role: clerk → approver", "new password". */
function whatItDoes(q: StaffRequest): string {
  const parts: string[] = [];
  if (q.kind === 'create') parts.push(`${t('requestNew')}: ${roleName(q.role ?? '')}`);
  else if (q.role) parts.push(`${t('role')}: ${roleName(q.currentRole ?? '')} → ${roleName(q.role)}`);
  if (q.enable) parts.push(t('requestEnable'));
  if (q.passwordReset && q.kind === 'change') parts.push(t('requestPassword'));
  return parts.join(', ');
}

/** Pending account changes: confirm or refuse those one may decide; withdraw one's own. */
function requestsSection(requests: StaffRequest[]): HTMLElement {
  const decide = async (q: StaffRequest, decision: 'confirm' | 'refuse', li: HTMLElement) => {
    if (decision === 'confirm' && !confirm(`${t('staffConfirmPrompt')} ${q.username}: ${whatItDoes(q)}`))
      return;
    const out = await api.call<{ activationCode?: string }>('POST', `/staff-requests/${q.id}/${decision}`);
    if (!out.ok) return fail(li, out.error);
    // The one-time code is shown here only, to the confirming administrator, who hands it to the owner.
    if (out.data.activationCode) return activationCodeDialog(q.username, out.data.activationCode);
    const own = q.requestedBy === ui.me?.id;
    ui.nextFlash = {
      text: decision === 'confirm' ? t('staffConfirmed') : own ? t('staffWithdrawn') : t('staffRefused'),
      kind: 'ok',
    };
    void staffView();
  };
  const list = h(
    'ul',
    { id: 'staff-requests' },
    ...requests.map((q) => {
      const own = q.requestedBy === ui.me?.id;
      const li = h(
        'li',
        { 'data-request': q.id, 'data-username': q.username },
        h('strong', {}, `${q.displayName} (${q.username})`),
        ` · ${whatItDoes(q)} · ${q.requestedByName} · ${when(q.requestedAt)}` +
          ` · ${t('expiresOn')} ${day(q.expiresAt.slice(0, 10))} `,
        q.canConfirm
          ? h(
              'button',
              { type: 'button', class: 'primary confirm', onclick: () => void decide(q, 'confirm', li) },
              t('confirmChange'),
            )
          : h('span', { class: 'notice' }, own ? t('ownRequest') : t('aboutYou')),
        ' ',
        q.canConfirm || own
          ? h(
              'button',
              { type: 'button', class: 'refuse', onclick: () => void decide(q, 'refuse', li) },
              own ? t('withdraw') : t('refuse'),
            )
          : null,
        h('span', { class: 'error', 'data-error-for': '_form' }),
      );
      return li;
    }),
  );
  return h(
    'section',
    { id: 'staff-requests-section' },
    h('h3', {}, t('staffRequests')),
    h('p', {}, t('staffRequestsHint')),
    requests.length ? list : h('p', { id: 'staff-requests-none' }, t('noneWaiting')),
  );
}

interface StaffRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  disabled: number;
  office_id: string | null;
  locked_until: string | null;
}

/** A PATCH of one account, then the page again (`said` on it when the change waits for a second admin). */
async function change(s: StaffRow, patch: Record<string, unknown>, said?: string): Promise<void> {
  const r = await api.call('PATCH', `/staff/${s.id}`, patch);
  if (!r.ok) return fail(null, r.error);
  if (said) ui.nextFlash = { text: said, kind: 'ok' };
  void staffView();
}

/**
 * One account: its role (a change is a request), disabling (at once) or re-enabling (a request), its lock
 * and password. One's own account is shown but not changeable here.
 */
function staffRow(
  s: StaffRow,
  roles: string[],
  waiting: boolean,
  offices: Map<string, string> | undefined,
): HTMLElement {
  const own = s.id === ui.me?.id;
  const role = h(
    'select',
    { 'aria-label': `${t('role')} ${s.username}`, disabled: own },
    ...roles.map((r) => h('option', { value: r, selected: r === s.role }, roleName(r))),
  );
  role.addEventListener('change', () => void change(s, { role: role.value }, t('requestSent')));
  const toggle = h(
    'button',
    {
      type: 'button',
      disabled: own,
      // Re-enabling is a request; disabling acts at once.
      onclick: () => void change(s, { disabled: !s.disabled }, s.disabled ? t('requestSent') : undefined),
    },
    s.disabled ? t('enable') : t('disable'),
  );
  // The column says the account's state; its button the change (issue 24, item 10: a "Locked" column held a
  // "Lock" button, and a lock by wrong passwords is another thing, shown under Sign-in).
  const account = h(
    'td',
    { class: 'account' },
    h(
      'span',
      { class: s.disabled ? 'state off' : 'state on' },
      s.disabled ? t('accountDisabled') : t('accountActive'),
    ),
    ' ',
    toggle,
  );
  // A lock left by repeated wrong passwords (src/services/staff/auth.ts) ends by itself; an admin who has checked
  // with the colleague can lift it sooner. The server sends locked_until only while the lock lasts.
  const signIn =
    s.locked_until !== null
      ? h(
          'td',
          { class: 'locked' },
          `${t('lockedUntil')} ${when(s.locked_until)} `,
          h('button', { type: 'button', onclick: () => void change(s, { unlock: true }) }, t('unlock')),
        )
      : h('td', {}, t('allowed'));
  const reset = own
    ? h('td', {})
    : h(
        'td',
        {},
        h(
          'button',
          { type: 'button', class: 'reset-password', onclick: () => resetPasswordDialog(s.id, s.username) },
          t('setPassword'),
        ),
      );
  return h(
    'tr',
    { 'data-username': s.username },
    h('td', {}, s.username),
    h(
      'td',
      {},
      s.display_name,
      waiting ? h('span', { class: 'notice pending' }, ` · ${t('pending')}`) : null,
    ),
    ...(offices
      ? [h('td', { class: 'office' }, s.office_id ? (offices.get(s.office_id) ?? '—') : t('cabinet'))]
      : []),
    h('td', {}, role),
    account,
    signIn,
    reset,
  );
}

/**
 * A new account: a request a second administrator confirms. A cabinet admin chooses the office (or none: a
 * cabinet admin); an office admin adds to their own office.
 */
async function newStaffForm(roles: string[]): Promise<HTMLElement> {
  const cabinet = ui.me?.role === 'cabinet_admin';
  const offices = cabinet
    ? await api.call<{ items: { id: string; code: string }[] }>('GET', '/offices')
    : undefined;
  const inputs: Record<string, HTMLInputElement | HTMLSelectElement> = {
    username: h('input', { required: true }),
    displayName: h('input', { required: true }),
    role: h('select', {}, ...roles.map((r) => h('option', { value: r }, roleName(r)))),
  };
  if (cabinet)
    inputs.officeId = h(
      'select',
      {},
      ...(offices?.ok ? offices.data.items : []).map((o) => h('option', { value: o.id }, o.code)),
      h('option', { value: '' }, t('cabinet')),
    );
  const form = h(
    'form',
    { id: 'staff-form', novalidate: true },
    requiredNote(),
    ...Object.entries(inputs).map(([n, i]) => field(n, t(n as ConsoleKey), i)),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('addStaff')),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api.call('POST', '/staff', {
      username: inputs.username!.value,
      displayName: inputs.displayName!.value,
      role: inputs.role!.value,
      officeId: cabinet ? inputs.officeId!.value || null : (ui.me?.officeId ?? null),
    });
    if (!r.ok) return fail(form, r.error);
    ui.nextFlash = { text: t('requestSent'), kind: 'ok' };
    void staffView();
  });
  return form;
}

export async function staffView(): Promise<void> {
  const res = await api.call<{ items: StaffRow[] }>('GET', '/staff');
  if (!res.ok) return fail(null, res.error);
  const pending = await api.call<{ items: StaffRequest[] }>('GET', '/staff-requests');
  if (!pending.ok) return fail(null, pending.error);
  const requests = pending.data.items;
  const waiting = new Set(requests.map((q) => q.staffId));
  flash(ui.nextFlash.text, ui.nextFlash.kind);
  ui.nextFlash = { text: '', kind: 'ok' };
  const roles =
    ui.me?.role === 'cabinet_admin'
      ? ['clerk', 'approver', 'office_admin', 'cabinet_admin']
      : ['clerk', 'approver', 'office_admin'];
  // The Cabinet sees every office's staff: each row says which office (issue 24, item 10).
  const cabinet = ui.me?.role === 'cabinet_admin';
  const officeList = cabinet
    ? await api.call<{ items: { id: string; code: string }[] }>('GET', '/offices')
    : undefined;
  const offices = officeList?.ok ? new Map(officeList.data.items.map((o) => [o.id, o.code])) : undefined;
  const headings = [
    'username',
    'displayName',
    ...(offices ? (['office'] as const) : []),
    'role',
    'account',
    'signIn',
    'password',
  ] as const;
  const table = h(
    'table',
    { id: 'staff', class: 'cards' },
    h('tr', {}, ...headings.map((k) => h('th', {}, t(k)))),
    ...res.data.items.map((s) => staffRow(s, roles, waiting.has(s.id), offices)),
  );
  labelCells(table);
  main().replaceChildren(
    h('h2', {}, t('staff')),
    requestsSection(requests),
    table,
    h('h3', {}, t('addStaff')),
    await newStaffForm(roles),
  );
}

/**
 * A colleague forgot their password: the admin asks for a new activation code (a second administrator
 * confirms it and hands the code over; the owner then sets their own password). Nobody chooses it for them.
 */
export function resetPasswordDialog(staffId: string, username: string): void {
  const form = h(
    'form',
    { method: 'dialog', id: 'reset-form', novalidate: true },
    h('p', {}, `${t('resetFor')} ${username}`),
    h('p', { class: 'hint' }, t('resetHint')),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t('askReset')),
    ' ',
    h('button', { type: 'button', onclick: () => dialog.close() }, t('cancel')),
  );
  const dialog = h('dialog', { id: 'reset-dialog' }, form);
  dialog.addEventListener('close', () => dialog.remove());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await api.call('PATCH', `/staff/${staffId}`, { resetPassword: true });
    if (!r.ok) return fail(form, r.error);
    dialog.close();
    ui.nextFlash = { text: `${t('passwordRequested')} ${username}`, kind: 'ok' };
    void staffView();
  });
  document.body.append(dialog);
  dialog.showModal();
}

/** The activation code of an account just confirmed: shown once, until the administrator closes it. */
function activationCodeDialog(username: string, code: string): void {
  const dialog = h(
    'dialog',
    { id: 'activation-dialog' },
    h('h3', {}, `${t('activationFor')} ${username}`),
    h('p', { class: 'activation-code', id: 'activation-code' }, code),
    h('p', {}, t('activationHint')),
    h('button', { type: 'button', class: 'primary', onclick: () => dialog.close() }, t('activationDone')),
  );
  dialog.addEventListener('close', () => {
    dialog.remove();
    ui.nextFlash = { text: t('staffConfirmed'), kind: 'ok' };
    void staffView();
  });
  document.body.append(dialog);
  dialog.showModal();
}
