// Recognition statements and provisioning files on disk (docs/recognition.md §8): the registry keeps, per
// state, `<CC>.provision.json` (the state's keys, as the state gave them) and `<CC>.jws` (its latest
// statement, byte for byte as signed) in one folder, and republishes both unaltered.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentTypeRegistry } from '../core/document-types.js';
import {
  newerStatement,
  openStatement,
  parseProvision,
  type Provision,
  type RecognitionStatement,
} from '../core/recognition/index.js';
import { importNodeEd25519 } from '../crypto/ed25519-node.js';
import { AppError } from '../errors.js';

export interface StateRecognition {
  provision: Provision;
  /** The provisioning file's text, republished as given. */
  provisionText: string;
  statement?: RecognitionStatement;
  /** Why a statement on disk was not taken (unknown key, malformed); shown to the operator. */
  problem?: string;
}

/** Reads a provisioning file. @throws {AppError} BAD_REQUEST naming the file. */
export function readProvision(path: string): { provision: Provision; text: string } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('NOT_FOUND', `cannot read provisioning file ${path}`);
  }
  try {
    return { provision: parseProvision(JSON.parse(text)), text };
  } catch (e) {
    throw new AppError('BAD_REQUEST', `${path}: ${(e as Error).message}`);
  }
}

/** Every state in the folder (missing folder: none). A bad file is reported in `problem`, never fatal. */
export async function loadRecognitionDir(
  dir: string,
  types: DocumentTypeRegistry,
): Promise<Map<string, StateRecognition>> {
  const states = new Map<string, StateRecognition>();
  if (!existsSync(dir)) return states;
  for (const name of readdirSync(dir).sort()) {
    const m = /^([A-Z]{2})\.provision\.json$/.exec(name);
    if (!m) continue;
    let entry: StateRecognition;
    try {
      const { provision, text } = readProvision(join(dir, name));
      entry = { provision, provisionText: text };
    } catch {
      continue;
    }
    const jwsPath = join(dir, `${m[1]}.jws`);
    if (existsSync(jwsPath)) {
      const opened = await openStatement(
        readFileSync(jwsPath, 'utf8'),
        entry.provision,
        types.all().map((t) => t.name),
        importNodeEd25519,
      );
      if (opened.ok) entry.statement = opened.statement;
      else entry.problem = `${m[1]}.jws: ${opened.message}`;
    }
    states.set(m[1]!, entry);
  }
  return states;
}

/**
 * Puts a state's statement (and, when given, its provisioning file) into the folder, after checking the
 * signature against the state's keys and refusing a rollback. Written by rename, so a reader never sees half.
 */
export async function publishStatement(
  dir: string,
  jwsText: string,
  provision: { provision: Provision; text: string } | undefined,
  types: DocumentTypeRegistry,
): Promise<RecognitionStatement> {
  mkdirSync(dir, { recursive: true });
  const held = await loadRecognitionDir(dir, types);
  const prov = provision;
  const opened = await (async () => {
    const candidates = prov ? [prov.provision] : [...held.values()].map((h) => h.provision);
    let last = "no provisioning file for the statement's state: give --provision";
    for (const p of candidates) {
      const r = await openStatement(
        jwsText,
        p,
        types.all().map((t) => t.name),
        importNodeEd25519,
      );
      if (r.ok) return r.statement;
      last = r.message;
    }
    throw new AppError('BAD_REQUEST', `statement refused: ${last}`);
  })();
  const current = held.get(opened.state)?.statement;
  const decision = newerStatement(current, opened);
  if (decision.refused) throw new AppError('CONFLICT', `statement refused: ${decision.refused}`);
  const write = (name: string, text: string) => {
    const tmp = join(dir, `.${name}.tmp`);
    writeFileSync(tmp, text.endsWith('\n') ? text : `${text}\n`);
    renameSync(tmp, join(dir, name));
  };
  if (prov) write(`${opened.state}.provision.json`, prov.text);
  write(`${opened.state}.jws`, opened.source);
  return opened;
}
