// What the verifier page shows, rendered from state so that a language switch re-renders everything:
// the one verdict (or notice) at the top, and the lists' freshness below. Three tones, never only colour:
// green with ✔ for VALID, red with ✘ for what is false, amber with ? for what cannot be decided now.

import type { ReasonCode } from '../../core/reasons.js';
import type { VerifyResult } from '../../core/verify.js';
import { fieldLabel, message, reasonText, typeTitle, type Lang } from '../../i18n/verifier.js';
import { formatTime, hasIntl } from '../locale-format.js';
import { shownFields } from './field-display.js';

import type { TrustMaterial } from '../../../packages/verify/src/material.js';
import type { LogState } from './log-store.js';
import { el } from '../element.js';

/**
 * Outcomes where the signature held but this device cannot decide now (lists past their next update, or a
 * document newer than its copy of the log). Not valid, and said so, but not the red of a forgery: a post
 * offline over a weekend must not turn everyone away. The API keeps valid: false and the code.
 */
const UNDECIDED: ReadonlySet<ReasonCode> = new Set([
  'TRUST_LIST_STALE',
  'STATUS_LIST_STALE',
  'STATUS_UNAVAILABLE',
  'UNCONFIRMED',
]);

export type Tone = 'valid' | 'invalid' | 'unconfirmed';

export function toneOf(result: VerifyResult): Tone {
  if (result.valid) return 'valid';
  return UNDECIDED.has(result.code) && result.document ? 'unconfirmed' : 'invalid';
}

export type NoticeKey = 'scanning' | 'reading' | 'noCamera' | 'noCode' | 'noTrust' | 'refreshing';

export type Shown =
  | { kind: 'result'; result: VerifyResult; checkedAt: number; trustSequence?: number; listsFrom?: number }
  | { kind: 'notice'; key: NoticeKey; problem: boolean };

const seconds = () => Math.floor(Date.now() / 1000);

/** "5 minutes ago", "yesterday", in the page's language. */
export function formatAgo(lang: Lang, s: number, now = seconds()): string {
  const d = s - now;
  const [unit, n] =
    Math.abs(d) < 3600
      ? (['minute', Math.round(d / 60)] as const)
      : Math.abs(d) < 2 * 86_400
        ? (['hour', Math.round(d / 3600)] as const)
        : (['day', Math.round(d / 86_400)] as const);
  if (hasIntl(lang)) return new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(n, unit);
  if (n === 0) return message(lang, 'agoNow');
  const key = unit === 'minute' ? 'agoMinutes' : unit === 'hour' ? 'agoHours' : 'agoDays';
  return message(lang, key, { n: Math.abs(n) });
}

/** The verdict area: one result or one notice, replacing whatever was there. */
export function renderShown(box: HTMLElement, shown: Shown | undefined, lang: Lang): void {
  box.replaceChildren();
  if (!shown) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  if (shown.kind === 'notice') {
    box.className = shown.problem ? 'verdict notice problem' : 'verdict notice';
    box.dataset.code = shown.key;
    box.append(el('p', message(lang, shown.key), 'reason'));
    return;
  }
  const { result } = shown;
  const tone = toneOf(result);
  box.className = `verdict ${tone}`;
  box.dataset.code = result.code;
  const heading =
    tone === 'valid'
      ? `✔ ${message(lang, 'valid')}`
      : tone === 'unconfirmed'
        ? `? ${message(lang, 'unconfirmed')}`
        : `✘ ${message(lang, 'notValid')}`;
  box.append(el('h2', heading), el('p', reasonText(lang, result.code), 'reason'));
  if (tone === 'unconfirmed') {
    const from = shown.listsFrom !== undefined ? formatTime(lang, shown.listsFrom) : '—';
    box.append(el('p', message(lang, 'checkAgain', { listsFrom: from }), 'advice'));
  }
  if (result.valid && !result.revocationChecked) box.append(el('p', message(lang, 'revocationNotChecked')));
  const doc = result.document;
  if (doc) box.append(sealedFace(doc, tone, lang));
  if (doc) {
    const intro = tone === 'valid' ? 'compare' : tone === 'unconfirmed' ? 'dataPending' : 'dataNotProof';
    const dl = el('dl');
    for (const f of shownFields(doc)) {
      const dd = el('dd', f.value);
      dd.dataset.field = f.name;
      if (f.latin !== undefined) {
        // Not a signed value: a transliteration by the ICAO table, labelled as such.
        const latin = el('span', `${f.latin} (${message(lang, 'transliterated')})`, 'latin');
        latin.dataset.latin = 'transliteration';
        dd.append(el('br'), latin);
      }
      dl.append(el('dt', fieldLabel(lang, f.name)), dd);
    }
    const office = result.issuer;
    const issuer = `${office?.officeName ?? doc.office} (${doc.office}${office?.country ? `, ${office.country}` : ''})`;
    box.append(
      el('p', message(lang, intro), 'intro'),
      el('h3', typeTitle(lang, doc.type)),
      dl,
      el(
        'p',
        `${message(lang, 'issuedBy', { office: issuer })} · ${message(lang, 'signedAt', { when: formatTime(lang, doc.issuedAt) })}`,
        'issuer',
      ),
    );
  }
  // When and with which material: a screenshot of the verdict is then evidence of what was checked.
  const checked = message(lang, 'checkedAt', {
    when: formatTime(lang, shown.checkedAt),
    sequence: shown.trustSequence ?? '—',
  });
  const age =
    shown.listsFrom !== undefined
      ? message(lang, 'listsAge', {
          when: formatTime(lang, shown.listsFrom),
          ago: formatAgo(lang, shown.listsFrom),
        })
      : message(lang, 'noLists');
  box.append(el('p', checked, 'checked'), el('p', age, 'lists-age'));
}

/**
 * The holder's face as sealed in the document, large, beside the verdict (issue 23): the official compares it
 * with the person and with the photo printed on the document, so that a genuine code on someone else's
 * document is caught. Shown only from the verified result (never from the printed page); an image this
 * device cannot decode is replaced by a note saying so, and a passport issued before faces were sealed says
 * that it carries none.
 */
function sealedFace(doc: NonNullable<VerifyResult['document']>, tone: Tone, lang: Lang): HTMLElement {
  const figure = el('figure', undefined, `sealed-face ${tone}`);
  if (!doc.portrait) {
    if (doc.type !== 'passport') return el('span');
    figure.append(el('figcaption', message(lang, 'noSealedFace'), 'no-face'));
    return figure;
  }
  const img = el('img');
  img.alt = message(lang, 'sealedFace');
  img.width = 192;
  img.height = 256;
  img.addEventListener('error', () => {
    img.replaceWith(el('p', message(lang, 'faceUnreadable'), 'face-unreadable'));
    figure.dataset.unreadable = 'true';
  });
  img.src = `data:${doc.portrait.mediaType};base64,${doc.portrait.data}`;
  figure.append(img, el('figcaption', message(lang, 'compareFace')));
  return figure;
}

/** When the lists a verdict relies on were made: the revocation list's time, else the trust list's. */
export function listsFrom(material: TrustMaterial): number | undefined {
  return material.status?.issuedAt ?? material.trust?.issuedAt;
}

export function renderFreshness(box: HTMLElement, material: TrustMaterial, log: LogState, lang: Lang): void {
  const now = seconds();
  box.replaceChildren();
  const line = (key: 'trustList' | 'statusList', issued?: number, next?: number) => {
    if (issued === undefined || next === undefined)
      return box.append(el('p', message(lang, `${key}Missing`), 'stale'));
    const p = el(
      'p',
      message(lang, `${key}Line`, { issued: formatTime(lang, issued), next: formatTime(lang, next) }),
    );
    if (now > next) {
      p.textContent += ` (${message(lang, 'stale')})`;
      p.className = 'stale';
    }
    box.append(p);
  };
  line('trustList', material.trust?.issuedAt, material.trust?.nextUpdate);
  line('statusList', material.status?.issuedAt, material.status?.nextUpdate);
  const copy = log.copy;
  const text = !copy
    ? message(lang, 'logMissing')
    : copy.time !== undefined
      ? message(lang, 'logLineWitnessed', { count: copy.size, when: formatTime(lang, copy.time) })
      : message(lang, 'logLine', { count: copy.size });
  const p = el('p', text, !copy || log.problem ? 'stale' : undefined);
  p.id = 'log-freshness';
  box.append(p);
}
