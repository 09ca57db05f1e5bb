// Writes test/vectors/recognition.json: host-state recognition statements (docs/recognition.md) signed straight
// from the specification with node:crypto (not through src/), under fixed TEST-ONLY state keys, with the
// provisioning files and the answers the specification gives for the committed document vectors. The test
// holds our implementation to them; a state's IT or a third-party verifier can hold theirs.
//   npx tsx scripts/recognition-vectors.ts

import { createHash, createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const b64u = (b: Uint8Array | string) => Buffer.from(b).toString('base64url');
const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

function stateKey(state: string) {
  // TEST-ONLY: a seed anyone can recompute, so that the vectors are reproducible. Never a real state's key.
  const seed = createHash('sha256').update(`nbr recognition test vector ${state}`).digest();
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x as string;
  const kid = b64u(createHash('sha256').update(Buffer.from(x, 'base64url')).digest().subarray(0, 8));
  return { seed: seed.toString('hex'), privateKey, x, kid };
}

/** RFC 7515 compact serialization, alg EdDSA (RFC 8037), typ nbr-recognition+jws (docs/recognition.md §2). */
function jws(key: ReturnType<typeof stateKey>, payload: unknown): string {
  const input = `${b64u(JSON.stringify({ alg: 'EdDSA', kid: key.kid, typ: 'nbr-recognition+jws' }))}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${b64u(sign(null, Buffer.from(input), key.privateKey))}`;
}

const rules = (state: string) =>
  JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'recognition', `${state}.rules.json`), 'utf8'));
const statement = (state: string, changes: Record<string, unknown> = {}) => ({
  format: 'nbr-recognition/1',
  ...rules(state),
  issuedAt: '2026-12-01T00:00:00Z',
  ...changes,
});
const provision = (state: string, key: ReturnType<typeof stateKey>) => {
  const r = rules(state);
  return {
    format: 'nbr-recognition-provision/1',
    state,
    stateName: r.stateName,
    authority: r.authority,
    languages: r.languages,
    keys: [{ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid }],
  };
};

const XA = stateKey('XA');
const XB = stateKey('XB');
const rootX = JSON.parse(readFileSync(join(ROOT, 'test', 'vectors', 'trust', 'root.jwk.json'), 'utf8')).x;
const xa1 = jws(XA, statement('XA'));
const signingInput = xa1.split('.').slice(0, 2).join('.');

const vectors = {
  description:
    'Host-state recognition statements and provisioning files (docs/recognition.md) with the answers the ' +
    'specification gives for the document vectors in test/vectors/documents/, verified at their ' +
    'validationTime with the committed trust list, status list and log. The state keys are TEST-ONLY.',
  rootFingerprint: b64u(createHash('sha256').update(Buffer.from(rootX, 'base64url')).digest()),
  stateKeys: { XA: { seed: XA.seed, x: XA.x, kid: XA.kid }, XB: { seed: XB.seed, x: XB.x, kid: XB.kid } },
  provisions: { XA: provision('XA', XA), XB: provision('XB', XB) },
  statements: {
    'XA-1': xa1,
    'XB-1': jws(XB, statement('XB')),
    'XA-2-withdrawn': jws(XA, statement('XA', { sequence: 2, withdrawn: true, recognitions: [] })),
    // XB's statement re-signed with XA's key: refused against XB's provisioning (unknown key).
    'XB-by-XA': jws(XA, statement('XB')),
    // One character of XA-1's signature changed: refused.
    'XA-1-tampered': `${signingInput}.${b64u(Buffer.from(xa1.split('.')[2]!, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b)))}`,
  },
  opening: [
    { statement: 'XA-1', provision: 'XA', ok: true, sequence: 1 },
    { statement: 'XB-1', provision: 'XB', ok: true, sequence: 1 },
    { statement: 'XB-by-XA', provision: 'XB', ok: false },
    { statement: 'XA-1-tampered', provision: 'XA', ok: false },
  ],
  cases: [
    ['valid-passport', 'XA', 'XA-1', 'travel', 'recognised', 'RECOGNISED'],
    ['expired', 'XA', 'XA-1', 'identity', 'recognised', 'RECOGNISED'],
    ['expired', 'XA', 'XA-1', 'travel', 'not-recognised', 'EXPIRED_NOT_ACCEPTED'],
    ['expired', 'XB', 'XB-1', 'identity', 'not-recognised', 'EXPIRED_NOT_ACCEPTED'],
    ['valid-passport', 'XB', 'XB-1', 'identity', 'recognised', 'RECOGNISED'],
    ['valid-passport', 'XB', 'XB-1', 'travel', 'not-recognised', 'NOT_COVERED'],
    ['valid-birth-certificate', 'XA', 'XA-1', 'civil-registration', 'recognised', 'RECOGNISED'],
    ['valid-birth-certificate', 'XB', 'XB-1', 'residence', 'not-recognised', 'RULE_FAILED', 'XB-B-R-1'],
    ['valid-marriage-certificate', 'XA', 'XA-1', 'civil-registration', 'recognised', 'RECOGNISED'],
    ['revoked', 'XA', 'XA-1', 'identity', 'not-recognised', 'DOCUMENT_NOT_VALID'],
    ['valid-passport', 'XA', 'XA-2-withdrawn', 'travel', 'unknown', 'STATEMENT_WITHDRAWN'],
    ['valid-passport', 'XA', null, 'travel', 'unknown', 'NO_STATEMENT'],
  ].map(([document, state, statement, purpose, status, code, rule]) => ({
    document,
    state,
    statement,
    purpose,
    expected: { status, code, ...(rule ? { rule } : {}) },
  })),
};

writeFileSync(join(ROOT, 'test', 'vectors', 'recognition.json'), `${JSON.stringify(vectors, null, 2)}\n`);
console.log('wrote test/vectors/recognition.json');
