// Issue 26: host states sign what they accept our documents for; the verdict says it, never changes it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  openStatement,
  parseProvision,
  recognise,
  rootFingerprint,
  type Purpose,
  type RecognitionStatement,
} from '../../src/core/recognition/index.js';
import { fromBase64Url } from '../../src/core/bytes.js';
import { verify, type VerifyResult } from '../../src/core/verify.js';
import { importNodeEd25519 } from '../../src/crypto/ed25519-node.js';
import { documentVectors, seconds, VECTOR_DIR, vectorFile, vectorTrust } from '../helpers/vectors.js';
import { CORVINIA, cli, handWrittenState, testState, type TestState } from '../helpers/recognition.js';
import { HostState } from '../../packages/verify/src/index.js';

const NOW = seconds('2027-01-15T12:00:00Z');
const ROOT = rootFingerprint(fromBase64Url(JSON.parse(vectorFile('root.jwk.json')).x));
const TYPES = ['passport', 'birth-certificate', 'marriage-certificate', 'name-change-certificate'];

let XA: TestState;
let XB: TestState;
const verdicts: Record<string, VerifyResult> = {};
const open = async (s: TestState, file = s.statement) => {
  const opened = await openStatement(
    readFileSync(file, 'utf8'),
    parseProvision(JSON.parse(readFileSync(s.provision, 'utf8'))),
    TYPES,
    importNodeEd25519,
  );
  if (!opened.ok) throw new Error(opened.message);
  return opened.statement;
};
const answer = (statement: RecognitionStatement | undefined, doc: string, purpose: Purpose, state = 'XA') =>
  recognise({ verdict: verdicts[doc]!, statement, state, purpose, rootFingerprint: ROOT, now: NOW });

beforeAll(async () => {
  [XA, XB] = await Promise.all([testState('XA'), testState('XB')]);
  const material = await vectorTrust(importNodeEd25519);
  for (const v of documentVectors())
    if (
      [
        'valid-passport',
        'expired',
        'valid-birth-certificate',
        'valid-marriage-certificate',
        'revoked',
      ].includes(v.name)
    )
      verdicts[v.name] = await verify(v.qr, { ...material, now: seconds(v.validationTime) });
  expect(verdicts.expired).toMatchObject({ code: 'EXPIRED', revocationChecked: true, registered: true });
}, 60_000);

describe('two states, different rules', () => {
  it('Arcadia accepts an expired passport as proof of identity, not for travel; Borealia for neither', async () => {
    const xa = await open(XA);
    const xb = await open(XB);
    expect(answer(xa, 'valid-passport', 'travel')).toMatchObject({ status: 'recognised', sequence: 1 });
    expect(answer(xa, 'expired', 'identity')).toMatchObject({ status: 'recognised' });
    expect(answer(xa, 'expired', 'travel')).toMatchObject({
      status: 'not-recognised',
      code: 'EXPIRED_NOT_ACCEPTED',
    });
    expect(answer(xb, 'expired', 'identity', 'XB')).toMatchObject({ code: 'EXPIRED_NOT_ACCEPTED' });
    expect(answer(xb, 'valid-passport', 'identity', 'XB')).toMatchObject({ status: 'recognised' });
    expect(answer(xb, 'valid-passport', 'travel', 'XB')).toMatchObject({ code: 'NOT_COVERED' });
    // The genuineness verdict stays what it was.
    expect(verdicts.expired!.code).toBe('EXPIRED');
  });

  it('applies each state’s rules to certificates and names the failed rule in the state’s language', async () => {
    const xa = await open(XA);
    const xb = await open(XB);
    expect(answer(xa, 'valid-birth-certificate', 'civil-registration')).toMatchObject({
      status: 'recognised',
    });
    expect(answer(xa, 'valid-marriage-certificate', 'civil-registration')).toMatchObject({
      status: 'recognised',
    });
    expect(answer(xa, 'valid-birth-certificate', 'residence')).toMatchObject({ code: 'NOT_COVERED' });
    const failed = answer(xb, 'valid-birth-certificate', 'residence', 'XB');
    expect(failed).toMatchObject({ status: 'not-recognised', code: 'RULE_FAILED', rule: { id: 'XB-B-R-1' } });
    expect((failed as { rule: { text: Record<string, string> } }).rule.text.lt).toMatch(/Vilniuje/);
    expect(answer(xb, 'valid-marriage-certificate', 'civil-registration', 'XB')).toMatchObject({
      status: 'recognised',
    });
  });

  it('never makes a document that is not valid acceptable', async () => {
    const xa = await open(XA);
    expect(answer(xa, 'revoked', 'identity')).toMatchObject({
      status: 'not-recognised',
      code: 'DOCUMENT_NOT_VALID',
    });
    const unchecked = { ...verdicts.expired!, revocationChecked: false } as VerifyResult;
    expect(
      recognise({
        verdict: unchecked,
        statement: xa,
        state: 'XA',
        purpose: 'identity',
        rootFingerprint: ROOT,
        now: NOW,
      }),
    ).toMatchObject({ status: 'unknown', code: 'DOCUMENT_UNCHECKED' });
    // A statement for another Cabinet root recognises nothing of ours.
    expect(
      recognise({
        verdict: verdicts['valid-passport']!,
        statement: xa,
        state: 'XA',
        purpose: 'travel',
        rootFingerprint: 'x'.repeat(43),
        now: NOW,
      }),
    ).toMatchObject({ code: 'ROOT_NOT_RECOGNISED' });
  });
});

describe('statements that must not count', () => {
  it('ignores a statement signed by a key the state did not provision', async () => {
    const opened = await openStatement(
      readFileSync(XB.statement, 'utf8'),
      parseProvision(JSON.parse(readFileSync(XA.provision, 'utf8'))),
      TYPES,
      importNodeEd25519,
    );
    expect(opened).toMatchObject({ ok: false });
    expect(answer(undefined, 'valid-passport', 'travel')).toMatchObject({
      status: 'unknown',
      code: 'NO_STATEMENT',
    });
  });

  it('refuses a rolled-back statement and says amber for a withdrawn or expired one', async () => {
    const second = await XA.sign((r) => (r.sequence = 2), 'second');
    const withdrawn = await XA.sign(
      (r) => Object.assign(r, { sequence: 3, withdrawn: true, recognitions: [] }),
      'withdrawn',
    );
    const lapsed = await XA.sign(
      (r) => Object.assign(r, { sequence: 4, validUntil: '2027-01-01T00:00:00Z' }),
      'lapsed',
    );
    expect(answer(await open(XA, withdrawn), 'valid-passport', 'travel')).toMatchObject({
      status: 'unknown',
      code: 'STATEMENT_WITHDRAWN',
    });
    expect(answer(await open(XA, lapsed), 'valid-passport', 'travel')).toMatchObject({
      status: 'unknown',
      code: 'STATEMENT_EXPIRED',
    });
    // Publishing: sequence 2, then 1 again (a rollback) is refused.
    const dir = mkdtempSync(join(tmpdir(), 'nbr-published-'));
    expect(
      (
        await cli([
          'recognition',
          'publish',
          '--statement',
          second,
          '--provision',
          XA.provision,
          '--dir',
          dir,
        ])
      ).code,
    ).toBe(0);
    const back = await cli(['recognition', 'publish', '--statement', XA.statement, '--dir', dir]);
    expect(back).toMatchObject({ code: 2 });
    expect(back.err).toMatch(/sequence 1 is older than 2/);
    expect(readFileSync(join(dir, 'XA.jws'), 'utf8').trim()).toBe(readFileSync(second, 'utf8').trim());
  });

  it('nbr recognition check lints rules against the schemas and runs them over sample documents', async () => {
    const rules = JSON.parse(readFileSync(join(XA.dir, 'XA.rules.json'), 'utf8'));
    rules.recognitions[0].rules.push({
      id: 'XA-typo',
      logic: { '===': [{ var: 'document.fields.surnameLatn' }, 'X'] },
      text: { en: 'typo' },
    });
    const file = join(XA.dir, 'typo.rules.json');
    writeFileSync(file, JSON.stringify(rules));
    const linted = await cli(['recognition', 'check', '--rules', file]);
    expect(linted.code).toBe(1);
    expect(linted.out).toMatch(/XA-typo: passport has no field surnameLatn/);
    const valid = documentVectors().find((v) => v.name === 'valid-passport')!;
    const ran = await cli([
      'recognition',
      'check',
      '--rules',
      join(XA.dir, 'XA.rules.json'),
      '--now',
      valid.validationTime,
      '--trust',
      join(VECTOR_DIR, 'trust', 'trust-list.jws'),
      '--root',
      join(VECTOR_DIR, 'trust', 'root.jwk.json'),
      valid.qr,
    ]);
    expect(ran.code, ran.out + ran.err).toBe(0);
    expect(ran.out).toMatch(/passport .* travel: recognised/);
    expect(ran.out).toMatch(/passport .* identity: recognised/);
  });
});

describe('a third state, written from docs/recognition.md alone', () => {
  it('is signed with jose and applied by nbr verify --recognition --purpose', async () => {
    // Nothing of ours signs or encodes this statement: jose and JSON, as a state's IT would.
    const payload = CORVINIA(ROOT);
    const xc = await handWrittenState(payload);
    const jws = xc.provision.statement as string;
    const dir = mkdtempSync(join(tmpdir(), 'nbr-xc-'));
    writeFileSync(join(dir, 'XC.provision.json'), JSON.stringify(xc.provision));
    // The SDK, provisioned with the same file: the statement inside it is taken, a rollback refused.
    const rootX = JSON.parse(vectorFile('root.jwk.json')).x as string;
    const host = await HostState.create({
      provision: JSON.parse(readFileSync(join(dir, 'XC.provision.json'), 'utf8')),
      root: { x: rootX },
      now: () => NOW * 1000,
    });
    expect(host.current()?.sequence).toBe(7);
    expect(host.recognise(verdicts['valid-passport']!, 'employment')).toMatchObject({
      code: 'RULE_FAILED',
      rule: { id: 'XC-1', text: { de: 'Nur für Männer (Testregel).' } },
    });
    const older = await xc.sign({ ...payload, sequence: 6 });
    expect(await host.offer(older)).toEqual({
      accepted: false,
      reason: 'sequence 6 is older than 7, already seen for XC',
    });
    const copy = join(dir, 'log');
    const trustArgs = [
      '--trust',
      join(VECTOR_DIR, 'trust', 'trust-list.jws'),
      '--root',
      join(VECTOR_DIR, 'trust', 'root.jwk.json'),
    ];
    expect(
      (await cli(['log', 'sync', '--from', join(VECTOR_DIR, 'registry-log'), '--dir', copy, ...trustArgs]))
        .code,
    ).toBe(0);
    const valid = documentVectors().find((v) => v.name === 'valid-passport')!;
    const run = (purpose: string) =>
      cli([
        'verify',
        valid.qr,
        ...trustArgs,
        '--log',
        copy,
        '--status',
        join(VECTOR_DIR, 'trust', 'status-list.jws'),
        '--now',
        valid.validationTime,
        '--recognition',
        join(dir, 'XC.provision.json'),
        '--purpose',
        purpose,
      ]);
    const employment = await run('employment');
    expect(employment.out).toBe('not recognised: Men only (a test rule).');
    expect(employment.code).toBe(4);
    expect(employment.err).toMatch(/^VALID/);
    const travel = await run('travel');
    expect([travel.out, travel.code]).toEqual([
      'not recognised: the state has not said it accepts this document for this purpose',
      4,
    ]);
    // Tampered: one byte of the payload changed; the statement is ignored, nothing is known (amber, exit 5).
    const parts = jws.split('.');
    const bad = Buffer.from(JSON.stringify({ ...payload, sequence: 8 })).toString('base64url');
    const p = JSON.parse(readFileSync(join(dir, 'XC.provision.json'), 'utf8'));
    writeFileSync(
      join(dir, 'XC.provision.json'),
      JSON.stringify({ ...p, statement: `${parts[0]}.${bad}.${parts[2]}` }),
    );
    const tampered = await run('employment');
    expect([tampered.out, tampered.code]).toEqual(['unknown: no statement of this state is known', 5]);
  });
});
