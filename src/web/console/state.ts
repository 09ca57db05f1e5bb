// What the console's views share: the API client, the logged-in staff member, the language and its strings,
// the flash line. Views live in files named for what they show; app.ts routes between them.

import { catalogFormatter, type Values } from '../../i18n/messages.js';
import { fieldLabel, typeTitle as verifierTypeTitle } from '../../i18n/verifier.js';
import { formatDay, formatIso } from '../locale-format.js';
import { ApiClient, type ApiError, type FieldProblem } from './api.js';
import { h, showErrors } from './dom.js';
import { STRINGS, type ConsoleKey, type ConsoleLang } from './i18n.js';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: string;
  officeId: string | null;
  officeCode: string | null;
}
export interface Applicant {
  id: string;
  latinOverride?: boolean;
  surname: string;
  givenNames: string;
  patronymic: string | null;
  surnameLatin: string;
  givenNamesLatin: string;
  sex: string;
  birthDate: string;
  birthPlace: string | null;
  personalNumber: string | null;
  hasPhoto: boolean;
  possibleDuplicates?: {
    id: string;
    match: 'personalNumber' | 'nameAndBirthDate' | 'similarNameAndBirthDate';
    name: string;
    birthDate: string;
  }[];
}
export interface Application {
  id: string;
  applicantId: string;
  documentType: string;
  data: Record<string, string>;
  state: string;
  createdBy: string;
  /** In lists: who registered it and who approved or rejected it, by name. */
  createdByName?: string | null;
  decidedByName?: string | null;
  decisionReason: string | null;
  createdAt: string;
}
export interface Doc {
  id: string;
  /** A revocation asked for and waiting for a second person (GET /documents/{id}). */
  pendingRevocation?: {
    id: string;
    reason: string;
    requestedBy: string;
    requestedByName: string;
    requestedAt: string;
  };
  documentType: string;
  number: string;
  state: string;
  data: Record<string, string>;
  qrText: string;
  mrz: string[] | null;
  issuedAt: string;
  revocationReason: string | null;
  applicantId: string;
}
export interface FieldSchema {
  type: string;
  title: string;
  format?: string;
  enum?: string[];
  maxLength?: number;
  pattern?: string;
}
export interface DocType {
  name: string;
  title: string;
  schema: {
    required: string[];
    properties: Record<string, FieldSchema>;
    'x-nbr': {
      assigned?: string[];
      fromApplicant?: string[];
      fromApplicantAs?: Record<string, string>;
      portrait?: boolean;
    };
  };
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const api = new ApiClient();
export const main = () => document.getElementById('main')!;
/** What every view reads and some change: who is logged in, the document types, the language. */
export const ui: {
  me: Me | undefined;
  /** Logged in with a one-time activation code: the only view is the one that sets the password. */
  mustSetPassword: boolean;
  types: DocType[];
  lang: ConsoleLang;
  /** A message for the page the next navigation opens (navigation clears the flash line). */
  nextFlash: { text: string; kind: 'ok' | 'error' };
  /** Set by app.ts: re-render the current hash route, or start over (after logout). */
  route: () => Promise<void>;
  start: () => Promise<void>;
} = {
  me: undefined,
  mustSetPassword: false,
  types: [],
  lang:
    (localStorage.getItem('nbr.console.lang') as ConsoleLang | null) ??
    (/^(be|ru)/i.test(navigator.language) ? 'be' : 'en'),
  nextFlash: { text: '', kind: 'ok' },
  route: async () => {},
  start: async () => {},
};
const format = catalogFormatter(STRINGS, 'en');

/** A console text in the console's language (ICU MessageFormat, as the verifier's catalogues). */
export const t = (k: ConsoleKey, values?: Values) => format(ui.lang, k, values);
/** The text of a key built from a machine value (`error_${code}`), or undefined where the catalogue has none. */
export const worded = (key: string, values?: Values) =>
  key in STRINGS.en ? t(key as ConsoleKey, values) : undefined;

/**
 * An error in the console's language: in English the server's own words (the most specific), in other
 * languages what the error's stable code means and what to do (the server speaks English only).
 */
export function errorText(e: ApiError): string {
  return (ui.lang !== 'en' && worded(`error_${e.code}`)) || e.message;
}
/**
 * A field's problem in the console's language: what its stable code asks for (field_<CODE>, with the
 * numbers the server sent); the server's English only in English and for a code this console predates.
 */
export function fieldText(f: FieldProblem): string {
  return worded(`field_${f.code}`, f.params) ?? (ui.lang === 'en' ? f.message : t('field_INVALID'));
}
/** The field problems of an error, each in the console's language, for showErrors. */
export const fieldTexts = (e: ApiError) => e.fields.map((f) => ({ field: f.field, message: fieldText(f) }));
/** A value the API names for machines, in the console's language: the catalogue's `${group}_${value}`. */
export const named = (
  group: 'role' | 'state' | 'reason' | 'action' | 'audit' | 'target' | 'detail',
  value: string,
) => worded(`${group}_${value}`) ?? value;
/** A time the API gives (ISO 8601), in the console's language and the browser's time zone. */
export const when = (iso: string) => formatIso(ui.lang, iso);
/** A calendar date (YYYY-MM-DD, or an ISO time's date) in the console's language. */
export const day = (date: string) => formatDay(ui.lang, date);
/** A history entry's action (create, submitted, issue...) in the console's language. */
export const actionName = (action: string) => named('action', action);
/** A record value as people read it: sex in words (the letter kept), dates in the console's language. */
export function fieldValue(name: string, value: string): string {
  if (name === 'sex' && /^[FMX]$/.test(value)) return t(`sex_${value}` as ConsoleKey);
  if (/Date$/.test(name) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(value);
  return value;
}
/** A revocation reason (lost, stolen, cancelled, superseded) in the console's language. */
export const reasonName = (reason: string) => named('reason', reason);
/**
 * A history entry's reason: a revocation's code and note ("superseded: by HZ9PXU2HD", "stolen: reported
 * by the holder") with the code translated, the registry's own "by NUMBER" too; a rejection's words as typed.
 */
export function eventReason(reason: string): string {
  // An approval that went stale, and one that lapsed because another application was issued (issue 21).
  if (reason === 'approval-stale') return t('reasonApprovalStale');
  const lapsed = /^lapsed: by (\S+)$/.exec(reason);
  if (lapsed) return t('lapsedByNumber', { number: lapsed[1]! });
  const m = /^(lost|stolen|cancelled|superseded)(?:: (.*))?$/s.exec(reason);
  if (!m) return reason;
  const by = m[1] === 'superseded' ? /^by (\S+)$/.exec(m[2] ?? '') : null;
  if (by) return t('supersededByNumber', { number: by[1]! });
  return m[2] ? `${reasonName(m[1]!)}: ${m[2]}` : reasonName(m[1]!);
}
/** One history entry: when, what, who (and in which role), and why where a reason was given. */
export interface HistoryEntry {
  action: string;
  actor: string;
  actor_role: string;
  reason: string | null;
  at: string;
}
export function historyLine(e: HistoryEntry): string {
  const why = e.reason ? ` · ${eventReason(e.reason)}` : '';
  return `${when(e.at)} · ${actionName(e.action)} · ${e.actor} (${roleName(e.actor_role)})${why}`;
}
/** A role in the console's language. */
export const roleName = (role: string) => named('role', role);
/** A record state (draft, submitted, approved, rejected, issued, revoked) in the console's language. */
export const stateName = (state: string) => named('state', state);
/** The holder's names as the document or application holds them: Cyrillic, then Latin. */
export const holderName = (data: Record<string, string>) =>
  [
    [data.surname, data.givenNames].filter(Boolean).join(' '),
    data.surnameLatin ? `(${data.surnameLatin} ${data.givenNamesLatin ?? ''})`.replace(' )', ')') : '',
  ]
    .filter(Boolean)
    .join(' ');
/** A record field's label: the verifier's catalogue for document fields, the console's for the rest. */
export function label(name: string): string {
  const field = fieldLabel(ui.lang, name);
  return field !== name ? field : (worded(name) ?? name);
}
/** A document type's title: the verifier's catalogue (as the verifier shows it), else the schema's title. */
export function typeTitle(name: string): string {
  const title = verifierTypeTitle(ui.lang, name);
  return title !== name ? title : (ui.types.find((x) => x.name === name)?.title ?? name);
}

/** The line under a form's title that explains the star on required fields. */
export const requiredNote = () => h('p', { class: 'required-note' }, t('requiredNote'));

export function flash(text: string, kind: 'ok' | 'error' = 'ok'): void {
  const el = document.getElementById('flash')!;
  el.textContent = text;
  el.className = kind;
}

export function fail(form: HTMLElement | null, e: ApiError): void {
  const texts = fieldTexts(e);
  if (form) showErrors(form, texts, errorText(e));
  // Field problems the form has no place for (a portrait asked for on the application page) are the message.
  const unplaced = texts.filter((f) => !form?.querySelector(`[data-error-for="${CSS.escape(f.field)}"]`));
  const said = unplaced.length && unplaced.length === e.fields.length ? unplaced.map((f) => f.message) : [];
  flash(`${t('error')}: ${said.length ? said.join(' ') : errorText(e)}`, 'error');
  // A record that does not exist (or is another office's): a page that says so, not the previous page's
  // content and forms under an error line.
  if (!form && e.code === 'NOT_FOUND')
    main().replaceChildren(
      h('h2', { id: 'not-found' }, t('notFound')),
      h('p', {}, errorText(e)),
      h('p', {}, h('a', { href: '#/' }, t('backToStart'))),
    );
}
