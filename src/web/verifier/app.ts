// The officials' verifier page. Runs entirely in the browser on the shared core: camera, photo, hand-held
// scanner or pasted text -> verify() -> one verdict at the top of the screen. Works offline with trust
// material from the network, from an earlier visit (localStorage) or embedded in the page; while online it
// refreshes lists older than a few minutes before it answers. Never shows green unless verify() said VALID.

import { DocumentTypeRegistry } from '../../core/document-types.js';
import { verify } from '../../core/verify.js';
import { browserImporter } from '../../crypto/ed25519-web.js';
import type { LogCopyJson } from '../../core/log/copy.js';
import type { WasmSource } from '../../qr/zxing.js';
import { Camera, photoPixels } from './camera.js';
import { startDecoder, type Decoder } from './decoder.js';
import { LANGUAGE_NAMES, LANGUAGES, message, pickLanguage, type Lang } from '../../i18n/verifier.js';
import { loadLog, type LogState } from './log-store.js';
import { pickTrustMaterial, type TrustMaterial } from '../../../packages/verify/src/material.js';
import { listsFrom, renderFreshness, renderShown, type NoticeKey, type Shown } from './view.js';
import { fromBase64Url } from '../../core/bytes.js';
import { PURPOSES, recognise, rootFingerprint, type Purpose } from '../../core/recognition/index.js';
import type { VerifyResult } from '../../core/verify.js';
import {
  keepProvision,
  keepPurpose,
  loadStatement,
  provisionFromHash,
  renderRecognition,
  storedProvision,
  storedPurpose,
  type HostState,
} from './recognition.js';

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
const configEl = $('nbr-config');
const config = JSON.parse(configEl.textContent ?? '{}') as PageConfig;
const registry = new DocumentTypeRegistry();
const STORE_TRUST = 'nbr.trustList';
const STORE_STATUS = 'nbr.statusList';
const STORE_LANG = 'nbr.lang';
/** Lists fetched longer ago than this are fetched again (when online) before a verdict. */
const FRESH_MS = 5 * 60_000;
/** How long a verdict waits for fresh lists before it answers with those it has. */
const REFRESH_WAIT_MS = 4_000;
/** After a failed fetch, verdicts do not wait for another for this long (a dead network is not retried per scan). */
const RETRY_MS = 30_000;

const stored = localStorage.getItem(STORE_LANG);
let lang: Lang =
  stored && (LANGUAGES as string[]).includes(stored)
    ? (stored as Lang)
    : pickLanguage(navigator.languages ?? [navigator.language]);
let importer: ReturnType<typeof browserImporter> | undefined;
let material: TrustMaterial = {};
let logState: LogState = {};
let fetchedAt = 0;
let attemptedAt = 0;
let refreshFailed = false;
let refreshing: Promise<void> | undefined;
let shown: Shown | undefined;
let lastText = '';
let camera: Camera | undefined;
let decoder: Promise<Decoder> | undefined;
// The single-file variant carries its script and lists inside, so it needs no service worker to work offline.
const singleFile = configEl.dataset.sw === 'off';
let offlineReady = singleFile;

let host: HostState | undefined = storedProvision();
let purpose: Purpose = storedPurpose();
let lastResult: { result: VerifyResult; at: number } | undefined;
const ROOT_FINGERPRINT = rootFingerprint(fromBase64Url(config.root.x));

const t = (key: string, values?: Record<string, string | number>) => message(lang, key, values);

function show(next: Shown | undefined): void {
  shown = next;
  const box = $('result');
  renderShown(box, shown, lang);
  renderHostState();
  // 'busy' while a notice only says that something is under way (a test, or a script, waits for 'done').
  const underWay = next?.kind === 'notice' && ['scanning', 'reading', 'refreshing'].includes(next.key);
  box.dataset.state = underWay ? 'busy' : 'done';
  // The verdict's heading in view, whichever way the code came (issue 24: after Enter from a scanner at 360 px
  // the page showed only the bottom of a tall red verdict, the data, not the word saying it is not valid).
  if (shown) box.scrollIntoView({ block: 'start' });
}

/** Under a verdict, what the provisioned host state's statement says for the chosen purpose (issue 26). */
function renderHostState(): void {
  const result = shown?.kind === 'result' && lastResult ? lastResult : undefined;
  const answer =
    result && host
      ? recognise({
          verdict: result.result,
          statement: host.statement,
          state: host.provision.state,
          purpose,
          rootFingerprint: ROOT_FINGERPRINT,
          now: result.at,
        })
      : undefined;
  renderRecognition($('recognition'), answer, host, lang, t);
  $('purpose-label').hidden = !host;
  const select = $('purpose') as HTMLSelectElement;
  select.replaceChildren(...PURPOSES.map((p) => new Option(t(`purpose.${p}`), p, false, p === purpose)));
}

async function loadHostStatement(online: boolean): Promise<void> {
  if (!host || !importer) return;
  const { importKey } = await importer;
  host = await loadStatement(
    host,
    config.origin,
    online,
    importKey,
    registry.all().map((x) => x.name),
  );
  document.body.dataset.recognition = host.statement ? String(host.statement.sequence) : 'none';
}

const notice = (key: NoticeKey, problem = false) => show({ kind: 'notice', key, problem });

function applyLanguage(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n!);
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nLabel!));
  ($('paste') as HTMLInputElement).placeholder = t('paste');
  void renderCameraControls();
  renderStatus();
  renderShown($('result'), shown, lang);
  renderHostState();
}

function renderStatus(): void {
  renderFreshness($('freshness'), material, logState, lang);
  if (refreshFailed) {
    const p = document.createElement('p');
    p.className = 'stale';
    p.textContent = t('refreshFailed');
    $('freshness').append(p);
  }
  // Whether this page will still open without a network (service worker installed and its cache
  // filled), not only whether the network is up now.
  const state = navigator.onLine ? t('online') : t('offline');
  $('network').textContent = offlineReady ? `${state} · ${t('offlineReady')}` : state;
}

async function fetchText(path: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${config.origin}${path}`, { cache: 'no-cache' });
    return res.ok ? (await res.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the lists (when online) and keeps the newest valid ones among network, storage and page. */
async function loadTrust(): Promise<void> {
  // Probed once (a key import): the lists are refreshed every few minutes, the engine does not change.
  importer ??= browserImporter(globalThis.crypto?.subtle);
  const { importKey, engine } = await importer;
  document.body.dataset.engine = engine;
  const [netTrust, netStatus] = navigator.onLine
    ? await Promise.all([fetchText('/trust-list'), fetchText('/status-list')])
    : [undefined, undefined];
  attemptedAt = Date.now();
  refreshFailed = navigator.onLine && !(netTrust && netStatus);
  if (!refreshFailed && navigator.onLine) fetchedAt = attemptedAt;
  await loadHostStatement(navigator.onLine);
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
      (e: Error) => ({ ...logState, problem: e.message }),
    );
  renderStatus();
}

function refresh(): Promise<void> {
  refreshing ??= loadTrust().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** Before a verdict: lists older than FRESH_MS are fetched again while online, waiting a few seconds. */
async function ensureFresh(): Promise<void> {
  if (!navigator.onLine || Date.now() - fetchedAt < FRESH_MS || Date.now() - attemptedAt < RETRY_MS) return;
  await Promise.race([refresh(), new Promise((r) => setTimeout(r, REFRESH_WAIT_MS))]);
}

async function check(raw: string): Promise<void> {
  lastText = raw;
  $('result').dataset.state = 'busy';
  await ensureFresh();
  if (!material.trust) return notice('noTrust', true); // fail closed: nothing can be verified
  const result = await verify(raw.trim(), {
    trust: material.trust,
    ...(material.status ? { status: material.status } : {}),
    ...(logState.copy ? { log: logState.copy } : {}),
    now: Math.floor(Date.now() / 1000),
    documentTypes: registry,
  });
  const from = listsFrom(material);
  lastResult = { result, at: Math.floor(Date.now() / 1000) };
  show({
    kind: 'result',
    result,
    checkedAt: Math.floor(Date.now() / 1000),
    trustSequence: material.trust.sequence,
    ...(from !== undefined ? { listsFrom: from } : {}),
  });
}

/** The decoder, started on first use: ZXing's .wasm from this origin, or from inside the single file. */
function getDecoder(): Promise<Decoder> {
  decoder ??= (async () => {
    let workerUrl = 'scan-worker.js';
    let wasm: WasmSource = { url: new URL('zxing_reader.wasm', location.href).href };
    if (singleFile) {
      const code = $('nbr-worker').textContent ?? '';
      workerUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
      const b64 = $('nbr-wasm').textContent ?? '';
      const bytes = Uint8Array.from(atob(b64.trim()), (c) => c.charCodeAt(0));
      wasm = { bytes: bytes.buffer };
    }
    const d = await startDecoder(workerUrl, wasm);
    document.body.dataset.decoder = d.engine;
    return d;
  })();
  return decoder;
}

function scanned(text: string): void {
  void renderCameraControls();
  const input = $('paste') as HTMLInputElement;
  input.value = text;
  void check(text);
}

async function toggleCamera(): Promise<void> {
  if (camera?.active) {
    camera.stop();
    await renderCameraControls();
    return;
  }
  camera ??= new Camera($('video') as HTMLVideoElement, await getDecoder(), scanned);
  notice('scanning');
  try {
    await camera.start();
  } catch {
    notice('noCamera', true);
  }
  await renderCameraControls();
}

async function renderCameraControls(): Promise<void> {
  const active = camera?.active ?? false;
  $('video').hidden = !active;
  const scan = $('scan');
  scan.dataset.i18n = active ? 'stopScan' : 'scan';
  scan.textContent = t(scan.dataset.i18n);
  const select = $('camera') as HTMLSelectElement;
  const torch = $('torch');
  const cams = active && camera ? await camera.cameras() : [];
  select.parentElement!.hidden = cams.length < 2;
  if (cams.length >= 2) {
    const current = camera?.currentDevice();
    select.replaceChildren(
      ...cams.map(
        (c, i) =>
          new Option(
            c.label || t('cameraNumber', { number: i + 1 }),
            c.deviceId,
            false,
            c.deviceId === current,
          ),
      ),
    );
  }
  torch.hidden = !(active && camera?.hasTorch());
  torch.textContent = t(camera?.torch() ? 'torchOff' : 'torchOn');
}

async function photoChosen(file: File): Promise<void> {
  notice('reading');
  let text: string | undefined;
  try {
    text = await (await getDecoder()).photo(await photoPixels(file));
  } catch {
    text = undefined;
  }
  if (!text) return notice('noCode', true);
  ($('paste') as HTMLInputElement).value = text;
  await check(text);
}

/** A provisioning link or file: the state's keys replace any earlier state's; its statement is looked for. */
async function provisionWith(json: unknown): Promise<void> {
  try {
    host = keepProvision(json);
  } catch {
    document.body.dataset.recognition = 'refused'; // not a provisioning: the earlier one stays
    return;
  }
  importer ??= browserImporter(globalThis.crypto?.subtle);
  await loadHostStatement(navigator.onLine);
  renderHostState();
}

function setup(): void {
  const fromLink = provisionFromHash(location.hash);
  if (fromLink !== undefined) {
    // Taken once, then out of the address bar (a reload must not undo a later provisioning).
    history.replaceState(null, '', location.pathname + location.search);
    if (fromLink !== null) void provisionWith(fromLink);
  }
  const select = $('lang') as HTMLSelectElement;
  for (const l of LANGUAGES) select.add(new Option(LANGUAGE_NAMES[l], l, false, l === lang));
  select.addEventListener('change', () => {
    lang = select.value as Lang;
    localStorage.setItem(STORE_LANG, lang);
    applyLanguage();
  });
  $('scan').addEventListener('click', () => void toggleCamera());
  ($('camera') as HTMLSelectElement).addEventListener('change', async (e) => {
    await camera?.choose((e.target as HTMLSelectElement).value).catch(() => notice('noCamera', true));
    await renderCameraControls();
  });
  $('torch').addEventListener('click', async () => {
    await camera?.setTorch(!camera.torch()).catch(() => undefined);
    await renderCameraControls();
  });
  const input = $('paste') as HTMLInputElement;
  // A keyboard-wedge scanner types the code and presses Enter: verify at once, and select the text so
  // that the next scan replaces it rather than being appended to it.
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void check(input.value).then(() => input.select());
  });
  $('verify').addEventListener('click', () => void check(input.value));
  $('refresh').addEventListener('click', async () => {
    // A verdict on screen was reached with the old lists: check the same code again with the new ones.
    const again = shown?.kind === 'result' ? lastText : undefined;
    notice('refreshing');
    await refresh();
    if (again !== undefined) await check(again);
    else show(undefined);
  });
  ($('purpose') as HTMLSelectElement).addEventListener('change', (e) => {
    purpose = (e.target as HTMLSelectElement).value as Purpose;
    keepPurpose(purpose);
    renderHostState();
  });
  $('provision').addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) await provisionWith(JSON.parse(await file.text()) as unknown).catch(() => undefined);
  });
  $('photo').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void photoChosen(file);
  });
  window.addEventListener('online', () => void refresh());
  window.addEventListener('offline', renderStatus);
  applyLanguage();
  if ('serviceWorker' in navigator && location.protocol.startsWith('http') && !singleFile) {
    void navigator.serviceWorker.register('sw.js').catch(() => undefined);
    // `ready` resolves once a worker is active, i.e. after its install step has cached the page and lists.
    void navigator.serviceWorker.ready.then(() => {
      offlineReady = true;
      document.body.dataset.offline = 'ready';
      renderStatus();
    });
  }
  void refresh().then(() => {
    document.body.dataset.ready = 'true';
  });
}

setup();
