// What a host state's statement says about one verified document, for one purpose (docs/recognition.md §6).
// The genuineness verdict comes first and is never changed here: a statement can only say whether a document
// the verifier found genuine is accepted for what the official is doing, never make another one acceptable.

import { evaluate } from 'certlogic-js/dist/evaluator.js';
import type { VerifyResult } from '../verify.js';
import type { Purpose } from './purposes.js';
import type { RecognitionRule, RecognitionStatement, Texts } from './statement.js';

/** Green, red or amber, with a stable code (docs/recognition.md §6 lists them). */
export type RecognitionResult =
  | {
      status: 'recognised';
      code: 'RECOGNISED';
      state: string;
      purpose: Purpose;
      sequence: number;
      since: string;
    }
  | {
      status: 'not-recognised';
      code:
        | 'DOCUMENT_NOT_VALID'
        | 'ROOT_NOT_RECOGNISED'
        | 'NOT_COVERED'
        | 'EXPIRED_NOT_ACCEPTED'
        | 'RULE_FAILED';
      state: string;
      purpose: Purpose;
      sequence?: number;
      /** RULE_FAILED: the rule that failed and its text in every language the statement gives. */
      rule?: { id: string; text: Texts };
    }
  | {
      status: 'unknown';
      code:
        | 'NO_STATEMENT'
        | 'STATEMENT_NOT_YET_VALID'
        | 'STATEMENT_EXPIRED'
        | 'STATEMENT_WITHDRAWN'
        | 'DOCUMENT_UNCHECKED'
        | 'RULE_ERROR';
      state: string;
      purpose: Purpose;
      sequence?: number;
      detail?: string;
    };

export interface RecognitionInput {
  /** The verifier's verdict on the document, as verify() returned it. */
  verdict: VerifyResult;
  /** The state's statement, already opened against its provisioned keys (openStatement); undefined if none. */
  statement: RecognitionStatement | undefined;
  state: string;
  purpose: Purpose;
  /** Base64url SHA-256 of the Cabinet root key that signed the trust list the verifier used. */
  rootFingerprint: string;
  /** Validation time, seconds since the epoch (the same clock as the verdict). */
  now: number;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The data a rule's `var` reads (docs/recognition.md §5): the signed document, the verdict and the clock. */
export function ruleData(verdict: VerifyResult, purpose: Purpose, now: number): Record<string, unknown> {
  const doc = verdict.document;
  return {
    verdict: verdict.code,
    validationClock: iso(now),
    purpose,
    document: doc
      ? {
          type: doc.type,
          office: doc.office,
          country: verdict.issuer?.country ?? null,
          issuedAt: iso(doc.issuedAt),
          expiresAt: doc.expiresAt !== undefined ? iso(doc.expiresAt) : null,
          fields: doc.fields,
        }
      : null,
  };
}

function runRule(rule: RecognitionRule, data: Record<string, unknown>): boolean | Error {
  try {
    return evaluate(rule.logic as never, data) === true;
  } catch (e) {
    return e as Error;
  }
}

/** Recognised, not recognised (why), or unknown (amber). Pure and never throws. */
export function recognise(input: RecognitionInput): RecognitionResult {
  const { verdict, statement: s, state, purpose, now } = input;
  const base = { state, purpose };
  // A document that is not genuine is never made acceptable; an expired one only if every other check held.
  const expired = verdict.code === 'EXPIRED';
  if (!verdict.valid && !expired) return { status: 'not-recognised', code: 'DOCUMENT_NOT_VALID', ...base };
  if (expired && !(verdict.revocationChecked && verdict.registered))
    return {
      status: 'unknown',
      code: 'DOCUMENT_UNCHECKED',
      ...base,
      detail: 'expired, and its revocation or registration could not be checked',
    };
  if (!s) return { status: 'unknown', code: 'NO_STATEMENT', ...base };
  const at = { ...base, sequence: s.sequence };
  if (s.withdrawn) return { status: 'unknown', code: 'STATEMENT_WITHDRAWN', ...at };
  if (now < s.validFrom) return { status: 'unknown', code: 'STATEMENT_NOT_YET_VALID', ...at };
  if (now >= s.validUntil) return { status: 'unknown', code: 'STATEMENT_EXPIRED', ...at };
  if (!s.roots.includes(input.rootFingerprint))
    return { status: 'not-recognised', code: 'ROOT_NOT_RECOGNISED', ...at };
  const doc = verdict.document!;
  const entry = s.recognitions.find((r) => r.documentType === doc.type && r.purpose === purpose);
  if (!entry || iso(now).slice(0, 10) < entry.since)
    return { status: 'not-recognised', code: 'NOT_COVERED', ...at };
  if (expired && !entry.acceptExpired)
    return { status: 'not-recognised', code: 'EXPIRED_NOT_ACCEPTED', ...at };
  const data = ruleData(verdict, purpose, now);
  for (const rule of entry.rules) {
    const outcome = runRule(rule, data);
    if (outcome instanceof Error)
      return { status: 'unknown', code: 'RULE_ERROR', ...at, detail: `rule ${rule.id}: ${outcome.message}` };
    if (!outcome)
      return { status: 'not-recognised', code: 'RULE_FAILED', ...at, rule: { id: rule.id, text: rule.text } };
  }
  return { status: 'recognised', code: 'RECOGNISED', ...at, since: entry.since };
}

/** A text in the official's language, else English (every text has English). */
export function textIn(texts: Texts, lang: string): string {
  return texts[lang] ?? texts[lang.split('-')[0]!] ?? texts.en!;
}

/**
 * Rollback protection (docs/recognition.md §7): of a statement offered and the one already held for that state,
 * which to keep. A lower sequence never replaces a higher one; the same sequence with other bytes is refused.
 */
export function newerStatement(
  held: RecognitionStatement | undefined,
  offered: RecognitionStatement,
  highestSeen = 0,
): { keep: RecognitionStatement | undefined; refused?: string } {
  const floor = Math.max(highestSeen, held?.sequence ?? 0);
  if (offered.sequence < floor)
    return {
      keep: held,
      refused: `sequence ${offered.sequence} is older than ${floor}, already seen for ${offered.state}`,
    };
  if (held && offered.sequence === held.sequence && offered.source !== held.source)
    return {
      keep: held,
      refused: `another statement with sequence ${offered.sequence} for ${offered.state}`,
    };
  return { keep: offered };
}
