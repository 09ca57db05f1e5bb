// C2SP signed-note: a UTF-8 text ending in a newline, a blank line, then signature lines
// "— <key name> base64(key ID || signature)". Verifier keys are written "<name>+<hex key ID>+base64(type ||
// public key)". Two signature types are used here: 0x01 Ed25519 over the text (the log's checkpoint
// signature) and 0x04 timestamped Ed25519 cosignatures (C2SP tlog-cosignature, witnesses).

import { concatBytes, utf8 } from '../bytes.js';
import type { Ed25519PublicKey, ImportEd25519Key } from '../crypto-port.js';
import { fromBase64, toBase64 } from './base64.js';
import { sha256 } from './hash.js';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
/** signed-note: verifiers must accept at least 16 signatures; a note with more than this is refused. */
export const MAX_SIGNATURES = 64;
const EM_DASH = '\u2014';

export class NoteError extends Error {
  override name = 'NoteError';
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  signature: Uint8Array;
  /** The whole line without its newline, to re-attach it unchanged. */
  line: string;
}

export interface Note {
  /** The signed text, final newline included. */
  text: string;
  signatures: NoteSignature[];
}

/** signed-note "Key names MUST be non-empty and MUST NOT contain any Unicode spaces or plus". */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(utf8(`${name}\n`), new Uint8Array([type]), publicKey);
  return ((h[0]! << 24) >>> 0) + (h[1]! << 16) + (h[2]! << 8) + h[3]!;
}

function keyIdBytes(id: number): Uint8Array {
  return new Uint8Array([id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff]);
}

/** Splits a note into text and signature lines; checks the framing only, not the signatures. */
export function parseNote(note: string): Note {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError('control character in note');
  if (!note.endsWith('\n')) throw new NoteError('note does not end in a newline');
  const sep = note.lastIndexOf('\n\n');
  if (sep < 0) throw new NoteError('no blank line before the signatures');
  const text = note.slice(0, sep + 1);
  const lines = note.slice(sep + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('too many signatures');
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!m || !validKeyName(m[1]!)) throw new NoteError('malformed signature line');
    let raw: Uint8Array;
    try {
      raw = fromBase64(m[2]!);
    } catch {
      throw new NoteError('signature is not base64');
    }
    if (raw.length < 5) throw new NoteError('signature too short');
    const id = ((raw[0]! << 24) >>> 0) + (raw[1]! << 16) + (raw[2]! << 8) + raw[3]!;
    return { name: m[1]!, keyId: id, signature: raw.subarray(4), line };
  });
  return { text, signatures };
}

export function formatNote(note: Note): string {
  return `${note.text}\n${note.signatures.map((s) => `${s.line}\n`).join('')}`;
}

export function signatureLine(name: string, id: number, signature: Uint8Array): NoteSignature {
  return {
    name,
    keyId: id,
    signature,
    line: `${EM_DASH} ${name} ${toBase64(concatBytes(keyIdBytes(id), signature))}`,
  };
}

/** A verifier key: name, type, key ID and the imported public key. */
export interface VerifierKey {
  name: string;
  type: typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;
  keyId: number;
  key: Ed25519PublicKey;
  /** The "<name>+<hex id>+<base64>" text it was read from. */
  text: string;
}

export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  const id = keyId(name, type, publicKey).toString(16).padStart(8, '0');
  return `${name}+${id}+${toBase64(concatBytes(new Uint8Array([type]), publicKey))}`;
}

/** Parses and checks a verifier key (its key ID must match its name, type and key). @throws {NoteError} */
export async function parseVerifierKey(text: string, importKey: ImportEd25519Key): Promise<VerifierKey> {
  const first = text.indexOf('+');
  const second = text.indexOf('+', first + 1);
  if (first <= 0 || second !== first + 9) throw new NoteError('verifier key is not name+id+key');
  const name = text.slice(0, first);
  const idHex = text.slice(first + 1, second);
  if (!validKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('malformed verifier key');
  let raw: Uint8Array;
  try {
    raw = fromBase64(text.slice(second + 1));
  } catch {
    throw new NoteError('verifier key material is not base64');
  }
  const type = raw[0];
  if ((type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) || raw.length !== 33)
    throw new NoteError('verifier key is not an Ed25519 (0x01) or cosignature (0x04) key');
  const publicKey = raw.subarray(1);
  const id = keyId(name, type, publicKey);
  if (id !== Number.parseInt(idHex, 16)) throw new NoteError('verifier key ID does not match the key');
  return { name, type, keyId: id, key: await importKey(publicKey), text };
}

/** The message a cosignature signs: "cosignature/v1\ntime <t>\n" and the checkpoint text (tlog-cosignature). */
export function cosignedMessage(text: string, time: number): Uint8Array {
  return utf8(`cosignature/v1\ntime ${time}\n${text}`);
}

function u64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

/** What one known key's signature on a note says: valid or not, and a cosignature's time. */
export type SignatureCheck = { key: VerifierKey; valid: boolean; time?: number };

/**
 * Checks the signatures of `note` made by `keys`. Signatures of unknown keys (name and ID not both matching)
 * are ignored, as signed-note requires; each known key counts once.
 */
export async function checkNoteSignatures(
  note: Note,
  keys: readonly VerifierKey[],
): Promise<SignatureCheck[]> {
  const out: SignatureCheck[] = [];
  for (const key of keys) {
    const sig = note.signatures.find((s) => s.name === key.name && s.keyId === key.keyId);
    if (!sig) continue;
    if (key.type === SIG_ED25519) {
      out.push({
        key,
        valid: sig.signature.length === 64 && (await key.key.verify(utf8(note.text), sig.signature)),
      });
    } else {
      if (sig.signature.length !== 72) {
        out.push({ key, valid: false });
        continue;
      }
      const time = Number(new DataView(sig.signature.buffer, sig.signature.byteOffset).getBigUint64(0));
      const valid =
        Number.isSafeInteger(time) &&
        (await key.key.verify(cosignedMessage(note.text, time), sig.signature.subarray(8)));
      out.push({ key, valid, time });
    }
  }
  return out;
}

/** A signer for a note key: Ed25519 over the text (0x01), or a timestamped cosignature (0x04). */
export interface NoteSigner {
  name: string;
  sign(message: Uint8Array): Promise<Uint8Array>;
  publicKey: Uint8Array;
}

export async function signNoteText(text: string, signer: NoteSigner): Promise<NoteSignature> {
  const id = keyId(signer.name, SIG_ED25519, signer.publicKey);
  return signatureLine(signer.name, id, await signer.sign(utf8(text)));
}

export async function cosignNoteText(text: string, signer: NoteSigner, time: number): Promise<NoteSignature> {
  const id = keyId(signer.name, SIG_COSIGNATURE_V1, signer.publicKey);
  const signature = await signer.sign(cosignedMessage(text, time));
  return signatureLine(signer.name, id, concatBytes(u64(time), signature));
}
