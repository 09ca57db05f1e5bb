// nbr verify <qr text | image | -> --trust trust-list.jws --root root.jwk.json [--status status.jws]
// Exit code 0 only for VALID; 1 for any other verdict; 3 when revocation could not be checked (no status
// list: amber, as the page and the API answer STATUS_UNAVAILABLE; issue 22); 2 for usage or file problems.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fromBase64 } from '../../core/bytes.js';
import { shownFields } from '../../core/display.js';
import type { DocumentType } from '../../core/document-types.js';
import { verify, type VerifyResult } from '../../core/verify.js';
import { importNodeEd25519 } from '../../crypto/ed25519-node.js';
import { AppError } from '../../errors.js';
import { decodeQrFromImage, IMAGE_FILE } from '../../qr/decode-image.js';
import { loadRootJwk } from '../../trust/key-directory.js';
import { loadStatus, loadTrust } from '../../trust/load-trust.js';
import type { LogCopy } from '../../core/log/copy.js';
import { checkTrustSequence, hasCopy, loadCopy } from '../../log-copy/directory.js';
import {
  isPurpose,
  newerStatement,
  openStatement,
  PURPOSES,
  recognise,
  rootFingerprint,
  type RecognitionStatement,
} from '../../core/recognition/index.js';
import { readProvision } from '../../recognition/files.js';
import { describe } from './recognition.js';
import { nowSeconds, parse, readText, required } from '../args.js';
import type { CliContext } from '../context.js';

const usage =
  'nbr verify <QR text | image (PNG, JPEG) | -> --trust trust-list.jws --root root.jwk.json --log DIR' +
  ' [--status status-list.jws] [--allow-unchecked-status] [--portrait FILE] [--json]\n  or with --batch FILE (one QR text a line,' +
  ' JSON lines out) instead of the QR' +
  '\n  (--log: a copy made by nbr log sync; without it no document is VALID. Without --status the answer is' +
  '\n  STATUS_UNAVAILABLE, exit 3, never VALID, unless --allow-unchecked-status is given.' +
  '\n  --portrait FILE: writes the face sealed in the document there (its format: .webp, .avif, .jpg) to\n' +
  '  compare with the holder; says whether the document carries one)' +
  '\n  --recognition CC.provision.json --purpose P [--statement CC.jws] [--seen FILE]: one more line, whether' +
  '\n  that state recognises the document for P (exit 0 recognised, 4 not recognised, 5 unknown: docs/recognition.md)';

/**
 * The state's provisioning, its statement (--statement, or the one embedded in the provisioning file) and the
 * highest sequence seen before (--seen FILE, updated): a rolled-back statement is refused (docs/recognition.md §7).
 */
async function recognitionFor(values: Record<string, unknown>, ctx: CliContext) {
  const purpose = values.purpose;
  if (!isPurpose(purpose))
    throw new AppError('BAD_REQUEST', `--purpose: one of ${PURPOSES.join(', ')} (docs/recognition.md)`);
  const { provision, text } = readProvision(values.recognition as string);
  const embedded = (JSON.parse(text) as { statement?: unknown }).statement;
  const jws =
    typeof values.statement === 'string'
      ? readText(values.statement, 'statement')
      : typeof embedded === 'string'
        ? embedded
        : undefined;
  let statement: RecognitionStatement | undefined;
  if (jws !== undefined) {
    const opened = await openStatement(
      jws,
      provision,
      ctx.documentTypes.all().map((t) => t.name),
      importNodeEd25519,
    );
    // A statement the state's keys do not open is ignored: no recognition is known (not an error of the document).
    if (opened.ok) statement = opened.statement;
    else ctx.err(`recognition: statement ignored: ${opened.message}`);
  }
  if (statement && typeof values.seen === 'string') {
    const seenPath = values.seen;
    const seen = existsSync(seenPath)
      ? (JSON.parse(readFileSync(seenPath, 'utf8')) as Record<string, number>)
      : {};
    const decision = newerStatement(undefined, statement, seen[provision.state] ?? 0);
    if (decision.refused)
      throw new AppError('CONFLICT', `recognition: statement refused: ${decision.refused}`);
    seen[provision.state] = statement.sequence;
    writeFileSync(seenPath, `${JSON.stringify(seen)}\n`);
  }
  return { state: provision.state, purpose, statement };
}

/** Exit status: 0 VALID, 3 cannot decide whether revoked, 1 any other verdict. */
const exitOf = (r: VerifyResult) => (r.valid ? 0 : r.code === 'STATUS_UNAVAILABLE' ? 3 : 1);

function iso(seconds: number | undefined): string {
  return seconds === undefined ? '-' : new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function formatResult(
  result: VerifyResult,
  typeOf: (type: string) => DocumentType | undefined,
): string[] {
  const lines: string[] = [];
  if (result.valid) {
    lines.push(`VALID: ${typeOf(result.document.type)?.title ?? result.document.type}`);
    if (!result.revocationChecked)
      lines.push('WARNING: revocation NOT checked (--allow-unchecked-status without a --status list)');
  } else {
    lines.push(`NOT VALID (${result.code}): ${result.message}${result.detail ? ` [${result.detail}]` : ''}`);
    if (result.document) lines.push('The data below is signed, but the document must not be accepted:');
  }
  const doc = result.document;
  if (doc && result.issuer) {
    const office = result.issuer.officeName
      ? `${result.issuer.officeName} (${result.issuer.office}, ${result.issuer.country})`
      : result.issuer.office;
    lines.push(`  issued by: ${office}`);
    // As on the page (issue 24): dates as printed on the document, Cyrillic without a Latin field of its own
    // also in Latin letters, labelled as a transliteration.
    for (const { name, value, latin } of shownFields(doc.fields, typeOf(doc.type)?.schema))
      lines.push(`  ${name}: ${value}${latin ? ` / ${latin} (transliteration, ICAO 9303)` : ''}`);
    lines.push(`  signed at: ${iso(doc.issuedAt)}`);
    lines.push(
      doc.portrait
        ? `  face: sealed (${doc.portrait.format}); --portrait FILE writes it, to compare with the holder`
        : '  face: none sealed in this document',
    );
  }
  lines.push(
    `  trust list: issued ${iso(result.freshness.trustListIssuedAt)}, next update ${iso(result.freshness.trustListNextUpdate)}`,
  );
  if (result.freshness.logSize !== undefined)
    lines.push(`  log copy: ${result.freshness.logSize} entries, witnessed ${iso(result.freshness.logTime)}`);
  if (result.freshness.statusListIssuedAt !== undefined)
    lines.push(
      `  status list: issued ${iso(result.freshness.statusListIssuedAt)}, next update ${iso(result.freshness.statusListNextUpdate)}`,
    );
  return lines;
}

const EXTENSION: Record<string, string> = { webp: 'webp', avif: 'avif', jpeg: 'jpg', jp2: 'jp2' };

/**
 * The sealed face, written for the official to open beside the person (issue 23). Only from a document whose
 * signature held (the core returns no document otherwise); said on standard error either way, so that the
 * JSON on standard output stays as it is.
 */
function writePortrait(result: VerifyResult, file: string, ctx: CliContext): void {
  const portrait = result.document?.portrait;
  if (!portrait) {
    ctx.err(
      result.document
        ? 'portrait: none sealed in this document (compare with the printed photo only)'
        : 'portrait: none (the signature did not hold)',
    );
    return;
  }
  const path = file.includes('.') ? file : `${file}.${EXTENSION[portrait.format]}`;
  writeFileSync(path, fromBase64(portrait.data), { mode: 0o600 });
  ctx.err(
    `portrait: ${portrait.mediaType} written to ${path}${result.valid ? '' : ' (the document is NOT VALID)'}`,
  );
}

export async function verifyCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      trust: { type: 'string' },
      root: { type: 'string' },
      status: { type: 'string' },
      log: { type: 'string' },
      json: { type: 'boolean' },
      batch: { type: 'string' },
      now: { type: 'string' },
      'allow-unchecked-status': { type: 'boolean' },
      portrait: { type: 'string' },
      recognition: { type: 'string' },
      purpose: { type: 'string' },
      statement: { type: 'string' },
      seen: { type: 'string' },
    },
    usage,
  );
  const input = positionals[0];
  const batch = typeof values.batch === 'string' ? values.batch : undefined;
  if (input === undefined && batch === undefined)
    throw new AppError('BAD_REQUEST', `missing QR text or image\nusage: ${usage}`);
  let qrText = '';
  if (batch !== undefined) {
    if (input !== undefined) throw new AppError('BAD_REQUEST', '--batch FILE replaces the QR argument');
  } else if (input === '-') qrText = (await ctx.readStdin()).trim();
  else if (IMAGE_FILE.test(input!) && existsSync(input!))
    qrText = await decodeQrFromImage(readFileSync(input!));
  else qrText = input!.trim();

  // The trust list is read before the root, so that its problems are the ones reported first.
  const trustText = readText(required(values, 'trust', usage), 'trust list');
  const root = loadRootJwk(required(values, 'root', usage));
  const trust = await loadTrust(trustText, [root], importNodeEd25519);
  const status =
    typeof values.status === 'string'
      ? await loadStatus(readText(values.status, 'status list'), trust)
      : undefined;
  let log: LogCopy | undefined;
  if (typeof values.log === 'string') {
    if (!trust.log) throw new AppError('TRUST_LIST_INVALID', 'the trust list names no transparency log');
    if (!hasCopy(values.log))
      throw new AppError('NOT_FOUND', `no log copy in ${values.log}: run nbr log sync first`);
    const older = checkTrustSequence(values.log, trust.sequence);
    if (older) throw new AppError('TRUST_LIST_INVALID', older);
    const opened = await loadCopy(values.log, trust.log);
    if (!opened.ok)
      throw new AppError('BAD_REQUEST', `the log copy in ${values.log} does not open: ${opened.message}`);
    log = opened.copy;
  }
  const options = {
    trust,
    ...(status ? { status } : {}),
    ...(log ? { log } : {}),
    now: nowSeconds(values, ctx.clock),
    documentTypes: ctx.documentTypes,
    // Fail closed like the page and the API: without a status list nothing is VALID, unless asked.
    requireStatus: values['allow-unchecked-status'] !== true,
  };
  if (batch !== undefined) {
    // One QR text a line (blank lines skipped; '-' reads standard input), one JSON result a line, in order;
    // exit 0 only when every code is VALID.
    const text = batch === '-' ? await ctx.readStdin() : readText(batch, 'batch file');
    let exit = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const result = await verify(line.trim(), options);
      if (exit !== 1) exit = Math.max(exit, exitOf(result));
      if (exitOf(result) === 1) exit = 1;
      ctx.out(JSON.stringify(result));
    }
    return exit;
  }
  const recognition = typeof values.recognition === 'string' ? await recognitionFor(values, ctx) : undefined;
  const result = await verify(qrText, options);
  if (!recognition) {
    if (values.json) ctx.out(JSON.stringify(result, null, 2));
    else for (const line of formatResult(result, (t) => ctx.documentTypes.byName(t))) ctx.out(line);
  }
  if (typeof values.portrait === 'string') writePortrait(result, values.portrait, ctx);
  if (!recognition) return exitOf(result);
  const answer = recognise({
    verdict: result,
    statement: recognition.statement,
    state: recognition.state,
    purpose: recognition.purpose,
    rootFingerprint: rootFingerprint(root.key.raw),
    now: options.now,
  });
  if (values.json) ctx.out(JSON.stringify({ ...result, recognition: answer }, null, 2));
  else {
    for (const line of formatResult(result, (t) => ctx.documentTypes.byName(t))) ctx.err(line);
    // The one line on standard output (issue 26): what a script reads.
    ctx.out(describe(answer, 'en'));
  }
  if (answer.status === 'recognised') return 0;
  if (answer.code === 'DOCUMENT_NOT_VALID') return exitOf(result);
  return answer.status === 'not-recognised' ? 4 : 5;
}
