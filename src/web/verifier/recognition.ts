// The page provisioned for a host state (issue 26, docs/recognition.md §10): the state's keys come from a
// provisioning link (#recognition=...) or file, never from the registry; its statement from the network
// (the link's statementUrl, else this origin's /recognition/statements/CC.jws), from an earlier visit, or from inside
// the provisioning file, whichever is newest and opens with the state's keys; never one older than seen.
// The official's purpose is remembered. The line under the verdict never changes the verdict.

import { fromBase64Url, fromUtf8 } from '../../core/bytes.js';
import type { ImportEd25519Key } from '../../core/crypto-port.js';
import {
  isPurpose,
  newerStatement,
  openStatement,
  parseProvision,
  textIn,
  type Provision,
  type Purpose,
  type RecognitionResult,
  type RecognitionStatement,
} from '../../core/recognition/index.js';

const STORE_PROVISION = 'nbr.recognition.provision';
const STORE_PURPOSE = 'nbr.recognition.purpose';
const statementKey = (cc: string) => `nbr.recognition.statement.${cc}`;
const seenKey = (cc: string) => `nbr.recognition.seen.${cc}`;

export interface HostState {
  provision: Provision;
  /** The provisioning JSON as given (it may carry a statement inside). */
  json: Record<string, unknown>;
  statement?: RecognitionStatement;
}

/** A provisioning link's JSON (#recognition=<base64url JSON>), or undefined. */
export function provisionFromHash(hash: string): unknown {
  const m = /[#&]recognition=([A-Za-z0-9_-]+)/.exec(hash);
  if (!m) return undefined;
  try {
    return JSON.parse(fromUtf8(fromBase64Url(m[1]!)));
  } catch {
    return null;
  }
}

/** Keeps a provisioning (it replaces the previous state's). @throws {TypeError} when it is not one. */
export function keepProvision(json: unknown): HostState {
  const provision = parseProvision(json);
  localStorage.setItem(STORE_PROVISION, JSON.stringify(json));
  return { provision, json: json as Record<string, unknown> };
}

export function storedProvision(): HostState | undefined {
  const text = localStorage.getItem(STORE_PROVISION);
  if (!text) return undefined;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    return { provision: parseProvision(json), json };
  } catch {
    return undefined;
  }
}

export function storedPurpose(): Purpose {
  const p = localStorage.getItem(STORE_PURPOSE);
  return isPurpose(p) ? p : 'identity';
}

export function keepPurpose(p: Purpose): void {
  localStorage.setItem(STORE_PURPOSE, p);
}

async function fetchStatement(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { cache: 'no-cache' });
    return res.ok ? (await res.text()).trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The newest statement among the network, storage and the provisioning file that opens with the state's keys;
 * one with a lower sequence than any seen before on this device is refused (a rollback).
 */
export async function loadStatement(
  host: HostState,
  origin: string,
  online: boolean,
  importKey: ImportEd25519Key,
  types: string[],
): Promise<HostState> {
  const cc = host.provision.state;
  const url = host.provision.statementUrl ?? `${origin}/recognition/statements/${cc}.jws`;
  const texts = [
    online ? await fetchStatement(url) : undefined,
    localStorage.getItem(statementKey(cc)) ?? undefined,
    typeof host.json.statement === 'string' ? host.json.statement : undefined,
  ];
  const seen = Number(localStorage.getItem(seenKey(cc)) ?? 0);
  let best: RecognitionStatement | undefined;
  for (const text of texts) {
    if (!text) continue;
    const opened = await openStatement(text, host.provision, types, importKey);
    if (!opened.ok) continue; // not signed by the state's keys: ignored
    const decision = newerStatement(best, opened.statement, seen);
    if (!decision.refused) best = decision.keep;
  }
  if (best) {
    localStorage.setItem(statementKey(cc), best.source);
    localStorage.setItem(seenKey(cc), String(best.sequence));
  }
  return best ? { ...host, statement: best } : { provision: host.provision, json: host.json };
}

const UNDECIDED = new Set(['STATEMENT_NOT_YET_VALID', 'DOCUMENT_UNCHECKED', 'RULE_ERROR']);

/** The line under the verdict: green, red with the failed rule's text, or amber. */
export function renderRecognition(
  el: HTMLElement,
  result: RecognitionResult | undefined,
  host: HostState | undefined,
  lang: string,
  t: (key: string, values?: Record<string, string | number>) => string,
): void {
  el.replaceChildren();
  el.hidden = !result || !host;
  if (!result || !host) return;
  el.className = `recognition ${result.status}`;
  el.dataset.status = result.status;
  el.dataset.code = result.code;
  const values = { state: textIn(host.provision.stateName, lang), purpose: t(`purpose.${result.purpose}`) };
  const p = document.createElement('p');
  if (result.status === 'recognised') p.textContent = `✔ ${t('recognised', values)}`;
  else {
    const reason =
      result.status === 'not-recognised' && result.rule
        ? textIn(result.rule.text, lang)
        : t(UNDECIDED.has(result.code) ? 'rec.UNDECIDED' : `rec.${result.code}`);
    p.textContent =
      result.status === 'not-recognised'
        ? `✘ ${t('notRecognised', { ...values, reason })}`
        : `? ${t('recognitionUnknown', { ...values, reason })}`;
  }
  el.append(p);
}
