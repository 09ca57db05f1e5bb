// Logging in, the session-expiry dialog, the header with its navigation, and the own-password page.

import {
  api,
  errorText,
  fail,
  fieldTexts,
  flash,
  main,
  type Me,
  roleName,
  t,
  ui,
  when,
  day,
} from './state.js';
import { field, h, showErrors } from './dom.js';
import type { ConsoleKey, ConsoleLang } from './i18n.js';

export function loginForm(onDone: () => void): HTMLFormElement {
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
    const res = await api.call<{ staff: Me; csrfToken: string; mustSetPassword?: boolean }>(
      'POST',
      '/session',
      { username: user.value, password: pass.value },
    );
    if (!res.ok) return showErrors(form, fieldTexts(res.error), errorText(res.error));
    api.csrf = res.data.csrfToken;
    ui.me = res.data.staff;
    ui.mustSetPassword = res.data.mustSetPassword === true;
    pass.value = '';
    onDone();
  });
  return form;
}

/** Session ended mid-work: a dialog over the page, so that the form underneath keeps its content. */
export function reauthenticate(): void {
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
api.onUnauthenticated = () => (ui.me ? reauthenticate() : undefined);

export function renderHeader(): void {
  const header = document.getElementById('header')!;
  header.replaceChildren();
  const langSelect = h(
    'select',
    {
      'aria-label': t('language'),
      onchange: (e: Event) => {
        ui.lang = (e.target as HTMLSelectElement).value as ConsoleLang;
        localStorage.setItem('nbr.console.lang', ui.lang);
        renderHeader();
        void ui.route();
      },
    },
    h('option', { value: 'en', selected: ui.lang === 'en' }, 'English'),
    h('option', { value: 'be', selected: ui.lang === 'be' }, 'Беларуская'),
  );
  header.append(h('h1', {}, t('title')), langSelect);
  // The tab's title and the page's language follow the choice (screen readers pick their voice by lang).
  document.title = t('title');
  document.documentElement.lang = ui.lang;
  if (!ui.me) return;
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
    // Until an activation code has been exchanged for the owner's own password, there is nowhere to go.
    ui.mustSetPassword
      ? ''
      : h(
          'nav',
          {},
          ...links
            .filter(([, , roles]) => roles.includes(ui.me!.role))
            .map(([href, key]) => h('a', { href, 'data-nav': key }, t(key))),
        ),
    h(
      'p',
      { class: 'who', id: 'who' },
      `${t('loggedInAs')} ${ui.me.displayName} (${ui.me.username}) · ` +
        `${t('role')}: ${roleName(ui.me.role)} · ${t('office')}: ${ui.me.officeCode ?? t('cabinet')} `,
      h('a', { href: '#/password', id: 'password-link' }, t('changePassword')),
      ' ',
      h(
        'button',
        {
          type: 'button',
          id: 'logout',
          onclick: async () => {
            await api.call('DELETE', '/session');
            ui.me = undefined;
            api.csrf = null;
            location.hash = '';
            await ui.start();
          },
        },
        t('logout'),
      ),
    ),
  );
}

/**
 * The form that sets one's own password: the current one (or the activation code), the new one twice. A typo
 * in a password nobody can see is caught here, before the old one stops working. `done` runs once the server
 * has taken it, with the form's fields cleared.
 */
function ownPasswordForm(
  id: string,
  current: { label: ConsoleKey; input: HTMLInputElement },
  submitLabel: ConsoleKey,
  done: () => void,
): HTMLFormElement {
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const form = h(
    'form',
    { id, novalidate: true },
    field('currentPassword', t(current.label), current.input),
    field('newPassword', t('newPassword'), next, t('passwordHint')),
    field('repeatPassword', t('repeatPassword'), again),
    h('span', { class: 'error', 'data-error-for': '_form' }),
    h('button', { type: 'submit', class: 'primary' }, t(submitLabel)),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (next.value !== again.value)
      return showErrors(
        form,
        [{ field: 'repeatPassword', message: t('passwordsDiffer') }],
        t('passwordsDiffer'),
      );
    const r = await api.call('PUT', '/session/password', {
      currentPassword: current.input.value,
      newPassword: next.value,
    });
    if (!r.ok) return fail(form, r.error);
    for (const input of [current.input, next, again]) input.value = '';
    showErrors(form, [], '');
    done();
  });
  return form;
}

/**
 * First login with a one-time activation code (services/staff/activation.ts): the owner sets their own password,
 * and the console offers nothing else until they have.
 */
export function activationView(): void {
  const code = h('input', { autocomplete: 'one-time-code', required: true });
  const form = ownPasswordForm(
    'activation-form',
    { label: 'activationCode', input: code },
    'setPassword',
    () => {
      ui.mustSetPassword = false;
      ui.nextFlash = { text: t('passwordChanged'), kind: 'ok' };
      renderHeader();
      void ui.route();
    },
  );
  main().replaceChildren(h('h2', {}, t('activationTitle')), h('p', {}, t('activationIntro')), form);
}

export async function passwordView(): Promise<void> {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const form = ownPasswordForm(
    'password-form',
    { label: 'currentPassword', input: current },
    'changePassword',
    () => flash(t('passwordChanged')),
  );
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
          h('td', {}, when(s.lastSeenAt)),
          h('td', {}, day(s.expiresAt.slice(0, 10))),
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

/** Which menu item a route belongs to: the current one is marked (issue 24, item 9). */
const NAV_OF: Record<string, string> = {
  applicants: 'applicants',
  applicant: 'applicants',
  queue: 'queue',
  applications: 'applications',
  application: 'applications',
  documents: 'documents',
  document: 'documents',
  staff: 'staff',
  keys: 'keys',
  audit: 'audit',
  'cross-office': 'crossOffice',
  revocations: 'revocations',
};

/**
 * After each route: the current menu item marked (aria-current, and a style of its own), and counts of what
 * waits for this person beside the approval queue, the revocations and the staff page (GET /session/work).
 */
export async function markNav(view: string | undefined): Promise<void> {
  const current = NAV_OF[view ?? ''];
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-nav]')) {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const work = await api.call<{ queue?: number; revocations?: number; staffRequests?: number }>(
    'GET',
    '/session/work',
  );
  if (!work.ok) return;
  const counts: Record<string, number | undefined> = {
    queue: work.data.queue,
    revocations: work.data.revocations,
    staff: work.data.staffRequests,
  };
  for (const [key, n] of Object.entries(counts)) {
    const a = document.querySelector<HTMLAnchorElement>(`nav a[data-nav="${key}"]`);
    if (!a) continue;
    a.querySelector('.count')?.remove();
    if (n) a.append(h('span', { class: 'count', 'aria-label': t('waitingCount', { n }) }, String(n)));
  }
}
