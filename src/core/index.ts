// Public surface of the verifier core. Explicit re-exports so that what is public is a decision.

export { verify, type VerifyOptions, type VerifyResult, type IssuerInfo, type Freshness } from './verify.js';
export { REASON_CODES, REASON_MESSAGES, type ReasonCode } from './reasons.js';
export {
  openTrustList,
  TRUST_LIST_TYP,
  type TrustList,
  type TrustListPayload,
  type TrustListKeyJson,
  type TrustedKey,
  type RootKey,
  type OfficeJson,
  type KeyUse,
} from './trust-list.js';
export {
  openStatusList,
  signStatusList,
  setBit,
  getBit,
  STATUS_LIST_TYP,
  MIN_STATUS_LIST_SIZE,
  type StatusList,
} from './status-list.js';
export { signDocument, type DocumentToSign, type SignedDocument } from './sign-document.js';
export {
  DocumentTypeRegistry,
  DOCUMENT_SCHEMAS,
  type DocumentType,
  type DocumentSchema,
} from './document-types.js';
export { QR_PREFIX, toQrText, fromQrText } from './qr-text.js';
export { signJws, parseJws } from './jws.js';
export type { Ed25519PublicKey, Ed25519Signer, ImportEd25519Key } from './crypto-port.js';
export type { DocumentPayload } from './payload.js';
