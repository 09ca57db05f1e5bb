// @new-belarus/verify: verify New Belarus passport and certificate QR codes, offline, in Node and browsers.
// The same verifier core as the registry's API, CLI and verifier page (src/core, docs/qr-format.md), with
// trust-material loading and caching (verifier.ts). No Node-only dependency: WebCrypto Ed25519 where the
// runtime has it, @noble/ed25519 (bundled) elsewhere.

export { Verifier, memoryStore } from './verifier.js';
export type { MaterialStatus, MaterialStore, SavedLog, VerifierOptions } from './verifier.js';
export { pickTrustMaterial } from './material.js';
export { HostState } from './host-state.js';
export type { HostStateOptions } from './host-state.js';
export { PURPOSES, isPurpose } from '../../../src/core/recognition/purposes.js';
export type { Purpose } from '../../../src/core/recognition/purposes.js';
export type {
  RecognitionResult,
  RecognitionStatement,
  Provision,
} from '../../../src/core/recognition/index.js';
export type { TrustMaterial, TrustSources } from './material.js';
export { verify } from '../../../src/core/verify.js';
export type {
  Freshness,
  IssuerInfo,
  LogView,
  VerifyOptions,
  VerifyResult,
} from '../../../src/core/verify.js';
export { REASON_CODES, REASON_MESSAGES } from '../../../src/core/reasons.js';
export type { ReasonCode } from '../../../src/core/reasons.js';
export { openTrustList } from '../../../src/core/trust-list.js';
export type { TrustList, TrustedKey } from '../../../src/core/trust-list.js';
export { openStatusList } from '../../../src/core/status-list.js';
export type { StatusList } from '../../../src/core/status-list.js';
export { LogCopy } from '../../../src/core/log/copy.js';
export { DocumentTypeRegistry } from '../../../src/core/document-types.js';
export type { DocumentPayload } from '../../../src/core/payload.js';
export { browserImporter } from '../../../src/crypto/ed25519-web.js';
