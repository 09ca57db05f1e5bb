// The officials' verifier page. Runs entirely in the browser on the shared core: scan (camera), photo or
// pasted text -> verify() -> verdict. Works offline with trust material from the network, from an earlier
// visit (localStorage) or embedded in the page. Never shows green unless verify() said VALID.

import { jsQR } from '../../qr/jsqr.js';
import { DocumentTypeRegistry } from '../../core/document-types.js';
import { verify, type VerifyResult } from '../../core/verify.js';
import { browserImporter } from '../../crypto/ed25519-web.js';
import {
  DOC_TYPES,
  FIELDS,
  LANGUAGE_NAMES,
  LANGUAGES,
  pickLanguage,
  REASONS,
  UI,
  type Lang,
} from './i18n.js';
import { pickTrustMaterial, type TrustMaterial } from './trust-store.js';
import { loadLog, type LogState } from './log-store.js';
import type { LogCopyJson } from '../../core/log/copy.js';

interface PageConfig {
  root: { kid: string; x: string };
  /** Where to refresh trust material from ('' = this origin). */
  origin: string;
  trustList?: string;
  statusList?: string;
  /** The single-file download carries a copy of the log: entries base64url, 8 bytes each. */
  log?: { copy: LogCopyJson; entries: string };
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const config = JSON.parse($('nbr-config').textContent ?? '{}') as PageConfig;
const registry = new DocumentTypeRegistry();
const STORE_TRUST = 'nbr.trustList';
const STORE_STATUS = 'nbr.statusList';
const STORE_LANG = 'nbr.lang';

let lang: Lang =
  (localStorage.getItem(STORE_LANG) as Lang | null) ??
  pickLanguage(navigator.languages ?? [navigator.language]);
let material: TrustMaterial = {};
let logState: LogState = {};
let lastResult: VerifyResult | undefined;
let stream: MediaStream | undefined;
// The single-file variant carries its script and lists inside, so it needs no service worker to work offline.
let offlineReady = $('nbr-config').dataset.sw === 'off';

function t(key: keyof (typeof UI)['en']): string {
  return UI[lang][key];
}

function applyLanguage(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n as keyof (typeof UI)['en']);
  ($('paste') as HTMLTextAreaElement).placeholder = t('paste');
  renderFreshness();
  if (lastResult) renderResult(lastResult);
}

async function fetchText(path: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${config.origin}${path}`, { cache: 'no-cache' });
    return res.ok ? (await res.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}

async function loadTrust(): Promise<void> {
  const { importKey, engine } = await browserImporter(globalThis.crypto?.subtle);
  document.body.dataset.engine = engine;
  const [netTrust, netStatus] = navigator.onLine
    ? await Promise.all([fetchText('/trust-list'), fetchText('/status-list')])
    : [undefined, undefined];
  material = await pickTrustMaterial({
    root: config.root,
    importKey,
    candidates: {
      trustList: [netTrust, localStorage.getItem(STORE_TRUST) ?? undefined, config.trustList],
      statusList: [netStatus, localStorage.getItem(STORE_STATUS) ?? undefined, config.statusList],
    },
  });
  if (material.trust) localStorage.setItem(STORE_TRUST, material.trust.source);
  if (material.status) localStorage.setItem(STORE_STATUS, material.status.source);
  // The copy of the public log: without it no document is shown valid (issue 9).
  if (material.trust?.log)
    logState = await loadLog(material.trust.log, config.origin, navigator.onLine, config.log).catch(
      (e: Error) => ({
        ...logState,
        problem: e.message,
      }),
    );
  renderFreshness();
}

function fmt(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

function renderFreshness(): void {
  const now = Date.now() / 1000;
  const el = $('freshness');
  el.replaceChildren();
  const line = (label: string, issued?: number, next?: number) => {
    const p = document.createElement('p');
    if (issued === undefined || next === undefined) {
      p.textContent = `${label}: —`;
      p.className = 'stale';
    } else {
      p.textContent = `${label}: ${t('issued')} ${fmt(issued)}, ${t('nextUpdate')} ${fmt(next)}`;
      if (now > next) {
        p.textContent += ` (${t('stale')})`;
        p.className = 'stale';
      }
    }
    el.append(p);
  };
  line(t('trustList'), material.trust?.issuedAt, material.trust?.nextUpdate);
  line(t('statusList'), material.status?.issuedAt, material.status?.nextUpdate);
  const logLine = document.createElement('p');
  logLine.id = 'log-freshness';
  const copy = logState.copy;
  logLine.textContent = copy
    ? `${t('logCopy')}: ${copy.size} ${t('documents')}${copy.time !== undefined ? `, ${t('witnessed')} ${fmt(copy.time)}` : ''}`
    : `${t('logCopy')}: —`;
  if (!copy || logState.problem) logLine.className = 'stale';
  el.append(logLine);
  // Tell the official whether this page will still open without a network (service worker installed
  // and its cache filled), not only whether the network is up now.
  const state = navigator.onLine ? t('online') : t('offline');
  $('network').textContent = offlineReady ? `${state} · ${t('offlineReady')}` : state;
}

function renderResult(result: VerifyResult): void {
  lastResult = result;
  const box = $('result');
  box.hidden = false;
  // Amber, never green, when the document may be genuine but is newer than this device's copy of the log.
  const amber = result.code === 'UNCONFIRMED';
  box.className = result.valid ? 'verdict valid' : amber ? 'verdict unconfirmed' : 'verdict invalid';
  box.dataset.code = result.code;
  box.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = result.valid ? `✔ ${t('valid')}` : amber ? `? ${t('unconfirmed')}` : `✘ ${t('notValid')}`;
  const reason = document.createElement('p');
  reason.className = 'reason';
  reason.textContent = REASONS[lang][result.code];
  box.append(h, reason);
  if (result.valid && !result.revocationChecked) {
    const w = document.createElement('p');
    w.textContent = t('revocationNotChecked');
    box.append(w);
  }
  const doc = result.document;
  if (doc) {
    const intro = document.createElement('p');
    intro.className = 'intro';
    intro.textContent = result.valid ? t('compare') : t('dataNotProof');
    const title = document.createElement('h3');
    title.textContent = DOC_TYPES[doc.type]?.[lang] ?? doc.type;
    const dl = document.createElement('dl');
    for (const [name, value] of Object.entries(doc.fields)) {
      const dt = document.createElement('dt');
      dt.textContent = FIELDS[name]?.[lang] ?? name;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.field = name;
      dl.append(dt, dd);
    }
    const issuer = document.createElement('p');
    issuer.className = 'issuer';
    const office = result.issuer;
    issuer.textContent = `${t('issuedBy')}: ${office?.officeName ?? doc.office} (${doc.office}${office?.country ? `, ${office.country}` : ''}) · ${t('signedAt')} ${fmt(doc.issuedAt)}`;
    box.append(intro, title, dl, issuer);
  }
  // When and with which material: a screenshot of the verdict is then evidence of what was checked.
  const checked = document.createElement('p');
  checked.className = 'checked';
  checked.textContent = `${t('checkedAt')}: ${fmt(Math.floor(Date.now() / 1000))}${material.trust ? ` · ${t('trustList')} #${material.trust.sequence}` : ''}`;
  box.append(checked);
  box.scrollIntoView({ block: 'start' });
}

async function check(text: string): Promise<void> {
  if (!material.trust) {
    // Fail closed: without a trust list nothing can be verified.
    const box = $('result');
    box.hidden = false;
    box.className = 'verdict invalid';
    box.dataset.code = 'NO_TRUST';
    box.textContent = `✘ ${t('notValid')}: ${t('noTrust')}`;
    return;
  }
  const result = await verify(text.trim(), {
    trust: material.trust,
    ...(material.status ? { status: material.status } : {}),
    ...(logState.copy ? { log: logState.copy } : {}),
    now: Math.floor(Date.now() / 1000),
    documentTypes: registry,
  });
  renderResult(result);
}

function decodeFrom(source: CanvasImageSource, width: number, height: number): string | undefined {
  const scale = Math.min(1, 1600 / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data.data, data.width, data.height, { inversionAttempts: 'attemptBoth' })?.data;
}

function stopCamera(): void {
  stream?.getTracks().forEach((track) => track.stop());
  stream = undefined;
  $('video').hidden = true;
  $('scan').textContent = t('scan');
  $('scan').dataset.i18n = 'scan';
}

async function startCamera(): Promise<void> {
  const video = $('video') as HTMLVideoElement;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment' },
      audio: false,
    });
  } catch {
    $('message').textContent = t('noCamera');
    return;
  }
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  $('scan').dataset.i18n = 'stopScan';
  $('scan').textContent = t('stopScan');
  $('message').textContent = t('scanning');
  const tick = async () => {
    if (!stream) return;
    if (video.videoWidth > 0) {
      const text = decodeFrom(video, video.videoWidth, video.videoHeight);
      if (text) {
        stopCamera();
        $('message').textContent = '';
        ($('paste') as HTMLTextAreaElement).value = text;
        await check(text);
        return;
      }
    }
    setTimeout(() => void tick(), 150);
  };
  void tick();
}

function setup(): void {
  const select = $('lang') as HTMLSelectElement;
  for (const l of LANGUAGES) select.add(new Option(LANGUAGE_NAMES[l], l, false, l === lang));
  select.addEventListener('change', () => {
    lang = select.value as Lang;
    localStorage.setItem(STORE_LANG, lang);
    applyLanguage();
  });
  $('scan').addEventListener('click', () => void (stream ? stopCamera() : startCamera()));
  $('verify').addEventListener('click', () => void check(($('paste') as HTMLTextAreaElement).value));
  $('photo').addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const text = decodeFrom(bitmap, bitmap.width, bitmap.height);
    if (!text) {
      $('message').textContent = t('noCode');
      return;
    }
    $('message').textContent = '';
    ($('paste') as HTMLTextAreaElement).value = text;
    await check(text);
  });
  window.addEventListener('online', () => void loadTrust());
  window.addEventListener('offline', renderFreshness);
  applyLanguage();
  if (
    'serviceWorker' in navigator &&
    location.protocol.startsWith('http') &&
    $('nbr-config').dataset.sw === 'on'
  ) {
    void navigator.serviceWorker.register('sw.js').catch(() => undefined);
    // \`ready\` resolves once a worker is active, i.e. after its install step has cached the page and lists.
    void navigator.serviceWorker.ready.then(() => {
      offlineReady = true;
      document.body.dataset.offline = 'ready';
      renderFreshness();
    });
  }
  void loadTrust().then(() => {
    document.body.dataset.ready = 'true';
  });
}

setup();
