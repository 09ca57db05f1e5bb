// A transparency-log witness (C2SP tlog-witness): it cosigns a log's checkpoint only after checking a
// consistency proof from the last checkpoint it cosigned for that origin, so a log cannot show two
// different trees, or roll one back, without the witnesses refusing. Its state is one JSON file, written
// (to a temporary file, then renamed) before each answer; requests are taken one at a time, so the check
// and the update are atomic (the race the spec warns of cannot happen).

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { bytesEqual } from '../core/bytes.js';
import { fromBase64, toBase64 } from '../core/log/base64.js';
import { parseCheckpoint } from '../core/log/checkpoint.js';
import { verifyConsistency } from '../core/log/merkle.js';
import {
  checkNoteSignatures,
  cosignNoteText,
  type NoteSigner,
  parseNote,
  type VerifierKey,
} from '../core/log/note.js';

export interface WitnessState {
  /** Per origin: the latest cosigned size and root. */
  logs: Record<string, { size: number; root: string }>;
}

export interface WitnessAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface WitnessOptions {
  signer: NoteSigner;
  /** The log keys it trusts, by origin (a log key's name is its origin). */
  logs: VerifierKey[];
  statePath: string;
  now: () => number;
  /** Told of refused requests that are evidence of log misbehaviour (a bad proof from a validly signed log). */
  report?: (line: string) => void;
}

const text = (status: number, body: string, contentType = 'text/plain; charset=utf-8'): WitnessAnswer => ({
  status,
  contentType,
  body,
});

export function loadWitnessState(path: string): WitnessState {
  if (!existsSync(path)) return { logs: {} };
  const state = JSON.parse(readFileSync(path, 'utf8')) as WitnessState;
  if (typeof state !== 'object' || state === null || typeof state.logs !== 'object')
    throw new Error(`${path} is not a witness state file`);
  return state;
}

export function createWitness(opts: WitnessOptions): (body: string) => Promise<WitnessAnswer> {
  let state = loadWitnessState(opts.statePath);
  let queue: Promise<unknown> = Promise.resolve();

  async function handle(body: string): Promise<WitnessAnswer> {
    // "old <size>\n", up to 63 proof lines, an empty line, then the checkpoint (tlog-witness add-checkpoint).
    const blank = body.indexOf('\n\n');
    if (blank < 0) return text(400, 'no empty line after the proof\n');
    const head = body.slice(0, blank).split('\n');
    const m = /^old (0|[1-9][0-9]*)$/.exec(head[0] ?? '');
    if (!m) return text(400, 'first line must be "old <size>"\n');
    const old = Number(m[1]);
    if (head.length - 1 > 63) return text(400, 'more than 63 proof lines\n');
    let proof: Uint8Array[];
    let note;
    let checkpoint;
    try {
      proof = head.slice(1).map(fromBase64);
      note = parseNote(body.slice(blank + 2));
      checkpoint = parseCheckpoint(note.text);
    } catch (e) {
      return text(400, `${(e as Error).message}\n`);
    }
    const keys = opts.logs.filter((k) => k.name === checkpoint.origin);
    if (keys.length === 0) return text(404, `unknown log ${checkpoint.origin}\n`);
    const checks = await checkNoteSignatures(note, keys);
    if (!checks.some((c) => c.valid)) return text(403, 'the checkpoint is not signed by a key of that log\n');
    if (old > checkpoint.size) return text(400, 'old size is larger than the checkpoint\n');
    const known = state.logs[checkpoint.origin];
    const knownSize = known?.size ?? 0;
    if (old !== knownSize) return text(409, `${knownSize}\n`, 'text/x.tlog.size');
    if (known && old === checkpoint.size) {
      if (!bytesEqual(fromBase64(known.root), checkpoint.root)) {
        opts.report?.(`FORK: ${checkpoint.origin} signed another root for size ${old}`);
        return text(409, `${knownSize}\n`, 'text/x.tlog.size');
      }
    } else if (old > 0 && known) {
      if (!verifyConsistency(old, checkpoint.size, proof, fromBase64(known.root), checkpoint.root)) {
        opts.report?.(`INCONSISTENT: ${checkpoint.origin} ${old} -> ${checkpoint.size} has no valid proof`);
        return text(422, 'the consistency proof does not verify\n');
      }
    } else if (proof.length > 0) {
      return text(422, 'the proof must be empty from size 0\n');
    }
    const next: WitnessState = {
      logs: {
        ...state.logs,
        [checkpoint.origin]: { size: checkpoint.size, root: toBase64(checkpoint.root) },
      },
    };
    // Persisted before answering: a cosignature is never given for a state the witness could forget.
    const tmp = `${opts.statePath}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, opts.statePath);
    state = next;
    const sig = await cosignNoteText(note.text, opts.signer, Math.floor(opts.now() / 1000));
    return text(200, `${sig.line}\n`);
  }

  return (body) => {
    const run = queue.then(() => handle(body));
    queue = run.catch(() => {});
    return run;
  };
}
