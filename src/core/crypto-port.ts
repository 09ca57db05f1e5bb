// The only view of Ed25519 the core has. Adapters in src/crypto/ implement it with node:crypto,
// WebCrypto or @noble/ed25519; the core never touches an implementation, so the same verifier runs
// on the server, in the CLI and in the browser.

/** An imported public key. verify() returns false for a bad signature and never throws for one. */
export interface Ed25519PublicKey {
  readonly raw: Uint8Array;
  verify(message: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** Imports a raw 32-byte Ed25519 public key (RFC 8032 5.1.5 encoding). Rejects (throws) malformed keys. */
export type ImportEd25519Key = (raw: Uint8Array) => Promise<Ed25519PublicKey>;

/** A private key that can sign, identified by its kid. The core never sees the private key bytes. */
export interface Ed25519Signer {
  readonly kid: Uint8Array;
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
}
