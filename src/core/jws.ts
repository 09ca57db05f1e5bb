// Minimal JWS compact serialization (RFC 7515 section 7.1) with alg EdDSA (RFC 8037) for the trust list and
// the status list. Standard on purpose: integrators can check both files with any JOSE library (jose's
// compactVerify does), while our core keeps its own single Ed25519 port.

import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './bytes.js';
import type { Ed25519PublicKey, Ed25519Signer } from './crypto-port.js';

export interface JwsHeader {
  alg: 'EdDSA';
  kid: string;
  typ: string;
}

export async function signJws(typ: string, payload: unknown, signer: Ed25519Signer): Promise<string> {
  const header: JwsHeader = { alg: 'EdDSA', kid: toBase64Url(signer.kid), typ };
  const signingInput = `${toBase64Url(utf8(JSON.stringify(header)))}.${toBase64Url(utf8(JSON.stringify(payload)))}`;
  const signature = await signer.sign(utf8(signingInput));
  return `${signingInput}.${toBase64Url(signature)}`;
}

export interface ParsedJws {
  header: JwsHeader;
  payload: unknown;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/** Parses without verifying. @throws {TypeError} when the text is not a compact JWS of the expected typ. */
export function parseJws(text: string, typ: string): ParsedJws {
  const parts = text.trim().split('.');
  if (parts.length !== 3) throw new TypeError('not a compact JWS');
  const header = JSON.parse(fromUtf8(fromBase64Url(parts[0]!))) as Partial<JwsHeader>;
  if (header.alg !== 'EdDSA') throw new TypeError(`unsupported JWS alg ${String(header.alg)}`);
  if (header.typ !== typ) throw new TypeError(`expected typ ${typ}, got ${String(header.typ)}`);
  if (typeof header.kid !== 'string') throw new TypeError('JWS header lacks kid');
  return {
    header: header as JwsHeader,
    payload: JSON.parse(fromUtf8(fromBase64Url(parts[1]!))),
    signingInput: utf8(`${parts[0]}.${parts[1]}`),
    signature: fromBase64Url(parts[2]!),
  };
}

export async function verifyJwsSignature(jws: ParsedJws, key: Ed25519PublicKey): Promise<boolean> {
  return key.verify(jws.signingInput, jws.signature);
}
