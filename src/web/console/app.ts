// The staff console: a single page on the registry API. Hash routes carry only record ids, never names;
// searches go in request bodies. Forms keep what was typed when a request fails, including a session expiry
// (a login dialog opens over the page and the action can be retried). This file routes; the views are in
// files named for what they show, sharing state.ts.

import { api, type DocType, flash, main, type Me, ui } from './state.js';
import { auditView, crossOfficeView, keysView } from './admin.js';
import { applicantView, applicantsView, editApplicantView, newApplicantView } from './applicants.js';
import { applicationView } from './application.js';
import { applicationsView } from './applications.js';
import { documentView, documentsView } from './documents.js';
import { revocationsView } from './revocations.js';
import { activationView, loginForm, markNav, passwordView, renderHeader } from './session.js';
import { staffView } from './staff.js';

async function route(): Promise<void> {
  if (!ui.me) return;
  if (ui.mustSetPassword) return activationView();
  flash(ui.nextFlash.text, ui.nextFlash.kind);
  ui.nextFlash = { text: '', kind: 'ok' };
  const [, view, id, sub] = location.hash.split('/');
  // The menu marks where the person is, the start page included (each role's own, below).
  const start = { cabinet_admin: 'staff', office_admin: 'documents', approver: 'queue', clerk: 'applicants' };
  void markNav(view || start[ui.me.role as keyof typeof start]);
  if (view === 'applicant' && id && sub === 'edit') return editApplicantView(id);
  if (view === 'applicants' && id === 'new') return newApplicantView();
  if (view === 'applicant' && id) return applicantView(id);
  if (view === 'queue') return applicationsView('submitted');
  if (view === 'applications' && id === 'mine') return applicationsView('draft', true);
  if (view === 'applications' && id === 'approved') return applicationsView('approved');
  if (view === 'applications') return applicationsView();
  if (view === 'application' && id) return applicationView(id);
  if (view === 'documents') return documentsView(id === 'today');
  if (view === 'document' && id) return documentView(id);
  if (view === 'staff') return staffView();
  if (view === 'keys') return keysView();
  if (view === 'password') return passwordView();
  if (view === 'audit') return auditView();
  if (view === 'cross-office') return crossOfficeView();
  if (view === 'revocations') return revocationsView();
  if (ui.me.role === 'cabinet_admin') return staffView();
  if (ui.me.role === 'office_admin') return documentsView();
  return ui.me.role === 'approver' ? applicationsView('submitted') : applicantsView();
}

async function start(): Promise<void> {
  const session = await api.call<{ staff: Me; csrfToken: string; mustSetPassword?: boolean }>(
    'GET',
    '/session',
  );
  if (session.ok) {
    ui.me = session.data.staff;
    api.csrf = session.data.csrfToken;
    ui.mustSetPassword = session.data.mustSetPassword === true;
  }
  renderHeader();
  if (!ui.me) {
    main().replaceChildren(loginForm(() => void start()));
    (main().querySelector('input') as HTMLInputElement).focus();
    return;
  }
  if (ui.mustSetPassword) {
    activationView();
    document.body.dataset.ready = 'true';
    return;
  }
  const dt = await api.call<{ items: DocType[] }>('GET', '/document-types');
  ui.types = dt.ok ? dt.data.items : [];
  await route();
  document.body.dataset.ready = 'true';
}

// data-ready marks a view whose data has arrived (tests and screenshots wait for it). The new view's heading
// takes the focus, as a page load would put the reader at the top: a screen reader announces where it is,
// the keyboard continues from there, and the page does not stay scrolled where the last one was.
window.addEventListener('hashchange', () => {
  delete document.body.dataset.ready;
  void route().finally(() => {
    const heading = main().querySelector<HTMLElement>('h2');
    if (heading && !main().contains(document.activeElement)) {
      heading.tabIndex = -1;
      heading.focus();
    }
    document.body.dataset.ready = 'true';
  });
});
void start();

ui.route = route;
ui.start = start;
