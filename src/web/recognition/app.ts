// The public recognition page's script: fetches /recognition/index.json, each state's provisioning file and
// statement, checks the statement's signature with the state's keys and shows what it recognises. A statement
// whose signature does not hold is named and not shown.

import { DocumentTypeRegistry } from '../../core/document-types.js';
import {
  openStatement,
  parseProvision,
  textIn,
  type RecognitionStatement,
} from '../../core/recognition/index.js';
import { browserImporter } from '../../crypto/ed25519-web.js';
import {
  LANGUAGE_NAMES,
  LANGUAGES,
  message,
  pickLanguage,
  typeTitle,
  type Lang,
} from '../../i18n/verifier.js';
import { el } from '../element.js';

interface IndexEntry {
  state: string;
  provision: string;
  statement?: string;
}

type Loaded =
  | { state: string; names: Record<string, string>; statement: RecognitionStatement }
  | { state: string; names: Record<string, string>; problem: true };

const $ = (id: string) => document.getElementById(id)!;
const STORE_LANG = 'nbr.lang';
const stored = localStorage.getItem(STORE_LANG);
let lang: Lang =
  stored && (LANGUAGES as string[]).includes(stored)
    ? (stored as Lang)
    : pickLanguage(navigator.languages ?? [navigator.language]);
let loaded: Loaded[] = [];
const t = (key: string, values?: Record<string, string | number>) => message(lang, key, values);
/** DD.MM.YYYY, as dates are printed on the documents. */
const date = (s: string | number) => {
  const iso = typeof s === 'number' ? new Date(s * 1000).toISOString() : s;
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
};

async function load(): Promise<Loaded[]> {
  const types = new DocumentTypeRegistry().all().map((x) => x.name);
  const { importKey } = await browserImporter(globalThis.crypto?.subtle);
  const index = (await (await fetch('/recognition/index.json')).json()) as { states: IndexEntry[] };
  const out: Loaded[] = [];
  for (const entry of index.states) {
    if (!entry.statement) continue;
    const [provisionJson, jws] = await Promise.all([
      fetch(entry.provision).then((r) => r.json() as Promise<unknown>),
      fetch(entry.statement).then((r) => r.text()),
    ]);
    let provision;
    try {
      provision = parseProvision(provisionJson);
    } catch {
      continue;
    }
    const opened = await openStatement(jws, provision, types, importKey);
    out.push(
      opened.ok
        ? { state: provision.state, names: provision.stateName, statement: opened.statement }
        : { state: provision.state, names: provision.stateName, problem: true },
    );
  }
  return out;
}

function render(): void {
  document.documentElement.lang = lang;
  document.title = t('recStatesTitle');
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n]')) e.textContent = t(e.dataset.i18n!);
  const main = $('states');
  main.replaceChildren();
  if (loaded.length === 0) main.append(el('p', t('recNone')));
  for (const s of loaded) {
    const section = el('section');
    section.dataset.state = s.state;
    // The state's name in the reader's language, and in the state's own first language beside it.
    const own = 'statement' in s ? s.statement.languages[0] : undefined;
    const name = textIn(s.names, lang);
    const ownName = own && s.names[own] && s.names[own] !== name ? ` (${s.names[own]})` : '';
    section.append(el('h2', `${name}${ownName}`));
    if (!('statement' in s)) {
      section.append(el('p', t('recSignatureBad'), 'sig bad'));
      main.append(section);
      continue;
    }
    const st = s.statement;
    section.append(
      el(
        'p',
        t('recSignatureChecked', {
          authority: st.authority,
          sequence: st.sequence,
          when: date(st.validUntil),
        }),
        'sig',
      ),
    );
    if (st.withdrawn) section.append(el('p', t('rec.STATEMENT_WITHDRAWN'), 'withdrawn'));
    const table = el('table');
    for (const r of st.recognitions) {
      const row = el('tr');
      row.append(el('td', typeTitle(lang, r.documentType)));
      const what = el('td', t(`purpose.${r.purpose}`));
      const notes = el('ul');
      if (r.acceptExpired) notes.append(el('li', t('recExpiredAccepted')));
      for (const rule of r.rules) notes.append(el('li', textIn(rule.text, lang)));
      if (notes.childElementCount > 0) what.append(notes);
      row.append(what, el('td', t('recSince', { when: date(r.since) })));
      table.append(row);
    }
    section.append(table);
    main.append(section);
  }
  main.dataset.state = 'done';
}

function setup(): void {
  const select = $('lang') as HTMLSelectElement;
  for (const l of LANGUAGES) select.add(new Option(LANGUAGE_NAMES[l], l, false, l === lang));
  select.addEventListener('change', () => {
    lang = select.value as Lang;
    localStorage.setItem(STORE_LANG, lang);
    render();
  });
  void load()
    .then((l) => (loaded = l))
    .catch(() => (loaded = []))
    .then(render);
}

setup();
