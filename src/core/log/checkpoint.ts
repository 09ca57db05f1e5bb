// C2SP tlog-checkpoint: a signed note whose text is the origin line, the tree size in decimal and the
// base64 root hash (then optional extension lines), signed by the log and cosigned by witnesses. A verifier
// accepts one only when the log's key and at least `quorum` of the witnesses it trusts signed it.

import { fromBase64, toBase64 } from './base64.js';
import { HASH_SIZE } from './merkle.js';
import { checkNoteSignatures, NoteError, parseNote, type Note, type VerifierKey } from './note.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

export function formatCheckpoint(c: Checkpoint): string {
  return `${[c.origin, String(c.size), toBase64(c.root), ...c.extensions].join('\n')}\n`;
}

/** @throws {NoteError} */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '') throw new NoteError('a checkpoint has at least three lines');
  const [origin, sizeLine, rootLine] = lines as [string, string, string];
  if (origin.length === 0) throw new NoteError('empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine)))
    throw new NoteError('tree size is not a decimal without leading zeroes');
  let root: Uint8Array;
  try {
    root = fromBase64(rootLine);
  } catch {
    throw new NoteError('root hash is not base64');
  }
  if (root.length !== HASH_SIZE) throw new NoteError('root hash is not 32 bytes');
  const extensions = lines.slice(3, -1);
  if (extensions.some((l) => l.length === 0)) throw new NoteError('empty extension line');
  return { origin, size: Number(sizeLine), root, extensions };
}

/** Which log and witnesses a verifier trusts (C2SP tlog-policy, as the trust list states it). */
export interface LogPolicy {
  origin: string;
  log: VerifierKey;
  witnesses: VerifierKey[];
  quorum: number;
  /** Seconds within which the log promises to include an issued document in a cosigned checkpoint. */
  maxMergeDelay: number;
  /** Where the log asks its witnesses to cosign, as the trust list gives them (verifiers ignore it). */
  witnessUrls?: string[];
}

export type OpenedCheckpoint =
  | {
      ok: true;
      checkpoint: Checkpoint;
      note: Note;
      /** Witnesses whose cosignature verified, with its time. */
      cosigned: { name: string; time: number }[];
      /**
       * The time at least `quorum` witnesses vouch the checkpoint was the latest they saw: the quorum-th
       * newest cosignature time (the newest when the quorum is 0, undefined without any cosignature).
       */
      time: number | undefined;
    }
  | { ok: false; code: 'LOG_INVALID'; message: string };

export async function openCheckpoint(noteText: string, policy: LogPolicy): Promise<OpenedCheckpoint> {
  let note: Note;
  let checkpoint: Checkpoint;
  try {
    note = parseNote(noteText);
    checkpoint = parseCheckpoint(note.text);
  } catch (e) {
    return { ok: false, code: 'LOG_INVALID', message: (e as Error).message };
  }
  if (checkpoint.origin !== policy.origin)
    return { ok: false, code: 'LOG_INVALID', message: `checkpoint of another log (${checkpoint.origin})` };
  const [logSig] = await checkNoteSignatures(note, [policy.log]);
  if (!logSig?.valid)
    return { ok: false, code: 'LOG_INVALID', message: 'checkpoint not signed by the log key' };
  const checks = await checkNoteSignatures(note, policy.witnesses);
  // signed-note: a known key whose signature fails makes the whole note suspect.
  const bad = checks.find((c) => !c.valid);
  if (bad)
    return { ok: false, code: 'LOG_INVALID', message: `cosignature of ${bad.key.name} does not verify` };
  const cosigned = checks.map((c) => ({ name: c.key.name, time: c.time! }));
  if (cosigned.length < policy.quorum)
    return {
      ok: false,
      code: 'LOG_INVALID',
      message: `${cosigned.length} of the ${policy.quorum} witness cosignatures required`,
    };
  const times = cosigned.map((c) => c.time).sort((a, b) => b - a);
  const time = times.length === 0 ? undefined : times[Math.max(policy.quorum, 1) - 1];
  return { ok: true, checkpoint, note, cosigned, time };
}
