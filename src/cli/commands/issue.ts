// nbr issue <type> --data record.json: offline signing for ceremonies and tests. What it signs is not in the
// registry's transparency log, so every verifier answers NOT_REGISTERED (or UNCONFIRMED) for it: only
// issuance through the registry (two people, one transaction with the log leaf) makes a valid document.

import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { signDocument } from '../../core/sign-document.js';
import { transliterateBelarusian } from '../../core/transliterate.js';
import { AppError } from '../../errors.js';
import { renderPng, renderSvg, qrVersion } from '../../qr/render.js';
import { loadKeyFile } from '../../trust/key-directory.js';
import { nowSeconds, parse, passphrase, readText, required } from '../args.js';
import type { CliContext } from '../context.js';

const usage =
  'nbr issue <type> --data record.json --key issuer.key.json --office PL-WAW [--status-index N]' +
  ' [--log-index N] [--qr out.svg|out.png]\n  (not registered in the log: verifiers answer NOT_REGISTERED)';

export async function issueCommand(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      data: { type: 'string' },
      key: { type: 'string' },
      office: { type: 'string' },
      'status-index': { type: 'string' },
      'log-index': { type: 'string' },
      qr: { type: 'string' },
      'passphrase-file': { type: 'string' },
      now: { type: 'string' },
    },
    usage,
  );
  const type = positionals[0];
  if (!type) throw new AppError('BAD_REQUEST', `missing document type\nusage: ${usage}`);
  if (!ctx.documentTypes.byName(type))
    throw new AppError(
      'BAD_REQUEST',
      `unknown document type "${type}" (known: ${ctx.documentTypes
        .all()
        .map((t) => t.name)
        .join(', ')})`,
    );
  let fields: Record<string, string>;
  try {
    fields = JSON.parse(readText(required(values, 'data', usage), 'data')) as Record<string, string>;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', 'the --data file is not valid JSON');
  }
  // Latin names default to the ICAO transliteration unless the record carries an override.
  for (const [cyr, lat] of [
    ['surname', 'surnameLatin'],
    ['givenNames', 'givenNamesLatin'],
  ] as const) {
    if (fields[cyr] && !fields[lat] && ctx.documentTypes.byName(type)!.schema.properties[lat])
      fields[lat] = transliterateBelarusian(fields[cyr]);
  }
  const signer = loadKeyFile(required(values, 'key', usage), passphrase(values, ctx.env));
  const statusIndex =
    values['status-index'] === undefined ? randomInt(0, 131_072) : Number(values['status-index']);
  if (!Number.isSafeInteger(statusIndex) || statusIndex < 0)
    throw new AppError('BAD_REQUEST', '--status-index must be a non-negative integer');
  const logIndex = Number(values['log-index'] ?? 0);
  if (!Number.isSafeInteger(logIndex) || logIndex < 0)
    throw new AppError('BAD_REQUEST', '--log-index must be a non-negative integer');
  let signed;
  try {
    signed = await signDocument(
      {
        type,
        office: required(values, 'office', usage),
        issuedAt: nowSeconds(values, ctx.clock),
        statusIndex,
        logIndex,
        fields,
      },
      signer,
      ctx.documentTypes,
    );
  } catch (e) {
    if (e instanceof RangeError) throw new AppError('VALIDATION_FAILED', e.message);
    throw e;
  }
  ctx.out(signed.qrText);
  const qr = values.qr;
  if (typeof qr === 'string') {
    if (qr.endsWith('.svg')) writeFileSync(qr, await renderSvg(signed.qrText));
    else if (qr.endsWith('.png')) writeFileSync(qr, await renderPng(signed.qrText));
    else throw new AppError('BAD_REQUEST', '--qr must end in .svg or .png');
    ctx.err(`wrote ${qr} (QR version ${qrVersion(signed.qrText)}, error correction M)`);
  }
  return 0;
}
