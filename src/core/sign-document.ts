// Producing a QR text from a document record. Pure: the signer is passed in and holds the private key.

import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from './cose.js';
import type { Ed25519Signer } from './crypto-port.js';
import type { DocumentTypeRegistry } from './document-types.js';
import { documentEntry } from './log/entry.js';
import { encodePayload, type PortraitToSeal } from './payload.js';
import { toQrText } from './qr-text.js';

export interface DocumentToSign {
  type: string;
  office: string;
  /** Signing time in seconds; passed in so that issuance is reproducible under a fixed clock. */
  issuedAt: number;
  statusIndex: number;
  /** The position the registry's transparency log gave the document (docs/transparency-log.md). */
  logIndex: number;
  fields: Record<string, string>;
  /** The holder's face, sealed with the data (types with a portrait; docs/qr-format.md). */
  portrait?: PortraitToSeal;
}

export interface SignedDocument {
  qrText: string;
  cose: Uint8Array;
  payload: Uint8Array;
  /** What the log must hold at the document's log index (core/log/entry.ts). */
  logEntry: Uint8Array;
}

/** @throws {RangeError} for an unknown type or fields that do not fit the type's QR mapping. */
export async function signDocument(
  doc: DocumentToSign,
  signer: Ed25519Signer,
  registry: DocumentTypeRegistry,
): Promise<SignedDocument> {
  const docType = registry.byName(doc.type);
  if (!docType) throw new RangeError(`unknown document type ${doc.type}`);
  const payload = encodePayload(docType, doc);
  const protectedBytes = encodeProtectedHeader(signer.kid);
  const toBeSigned = sigStructure(protectedBytes, payload);
  const signature = await signer.sign(toBeSigned);
  const cose = encodeCoseSign1(protectedBytes, payload, signature);
  return { qrText: toQrText(cose), cose, payload, logEntry: documentEntry(toBeSigned, signature) };
}
