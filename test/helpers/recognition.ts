// Two made-up host states (ISO 3166 user-assigned codes XA and XB, so no real state is misquoted), set up with
// the state authority's own commands: keygen, sign, provision (docs/recognition.md §9).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { cliContext } from './cli-context.js';

export const RULES_DIR = join(import.meta.dirname, '..', 'fixtures', 'recognition');
export const STATE_PASSPHRASE = 'state authority passphrase';

export interface TestState {
  state: string;
  dir: string;
  key: string;
  provision: string;
  statement: string;
  /** Signs another statement from rules (changed by `edit`) and returns its file. */
  sign(edit: (rules: Record<string, any>) => void, name: string): Promise<string>;
}

export async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = cliContext();
  c.ctx.env = { NBR_RECOGNITION_PASSPHRASE: STATE_PASSPHRASE };
  const code = await runCli(argv, c.ctx);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** A state with its key, provisioning file and a first statement from test/fixtures/recognition/CC.rules.json. */
export async function testState(state: string, roots?: string[], statementUrl?: string): Promise<TestState> {
  const dir = mkdtempSync(join(tmpdir(), `nbr-state-${state}-`));
  const key = join(dir, `${state}.recognition-key.json`);
  const must = (r: { code: number; err: string }) => {
    if (r.code !== 0) throw new Error(r.err);
  };
  must(await cli(['recognition', 'keygen', '--state', state, '--key', key]));
  const base = JSON.parse(readFileSync(join(RULES_DIR, `${state}.rules.json`), 'utf8'));
  if (roots) base.roots = roots;
  const sign = async (edit: (rules: Record<string, any>) => void, name: string) => {
    const rules = structuredClone(base);
    edit(rules);
    const rulesFile = join(dir, `${name}.rules.json`);
    writeFileSync(rulesFile, JSON.stringify(rules));
    const out = join(dir, `${name}.jws`);
    must(
      await cli([
        'recognition',
        'sign',
        '--key',
        key,
        '--rules',
        rulesFile,
        '--out',
        out,
        '--now',
        '2026-12-01T00:00:00Z',
      ]),
    );
    return out;
  };
  const statement = await sign(() => {}, state);
  const provision = join(dir, `${state}.provision.json`);
  must(
    await cli([
      'recognition',
      'provision',
      '--key',
      key,
      '--state-name',
      JSON.stringify(base.stateName),
      '--authority',
      base.authority,
      ...base.languages.flatMap((l: string) => ['--language', l]),
      ...(statementUrl ? ['--statement-url', statementUrl] : []),
      '--out',
      provision,
    ]),
  );
  return { state, dir, key, provision, statement, sign };
}

/**
 * A state whose IT follows docs/recognition.md without our code: its key from node:crypto, its statement
 * signed with jose, its provisioning file written by hand (the statement inside it).
 */
export async function handWrittenState(payload: Record<string, unknown>): Promise<{
  provision: Record<string, unknown>;
  sign: (p: Record<string, unknown>) => Promise<string>;
}> {
  const { CompactSign, importJWK } = await import('jose');
  const { generateKeyPairSync, createHash } = await import('node:crypto');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const kid = createHash('sha256')
    .update(Buffer.from(x, 'base64url'))
    .digest()
    .subarray(0, 8)
    .toString('base64url');
  const key = await importJWK({ ...privateKey.export({ format: 'jwk' }), alg: 'EdDSA' } as never, 'EdDSA');
  const sign = async (p: Record<string, unknown>) =>
    new CompactSign(new TextEncoder().encode(JSON.stringify(p)))
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'nbr-recognition+jws' })
      .sign(key);
  return {
    sign,
    provision: {
      format: 'nbr-recognition-provision/1',
      state: payload.state,
      stateName: payload.stateName,
      authority: payload.authority,
      languages: payload.languages,
      keys: [{ kty: 'OKP', crv: 'Ed25519', x }],
      statement: await sign(payload),
    },
  };
}

/** Corvinia (XC), as the third state's statement in the tests: passports for employment, men only. */
export const CORVINIA = (root: string) => ({
  format: 'nbr-recognition/1',
  state: 'XC',
  authority: 'Ministry of the Interior of Corvinia',
  stateName: { en: 'Corvinia', de: 'Korvinien' },
  languages: ['de', 'en'],
  sequence: 7,
  issuedAt: '2026-11-20T00:00:00Z',
  validFrom: '2026-11-30T00:00:00Z',
  validUntil: '2028-01-01T00:00:00Z',
  roots: [root],
  recognitions: [
    {
      documentType: 'passport',
      purpose: 'employment',
      since: '2026-11-30',
      rules: [
        {
          id: 'XC-1',
          logic: { '===': [{ var: 'document.fields.sex' }, 'M'] },
          text: { de: 'Nur für Männer (Testregel).', en: 'Men only (a test rule).' },
        },
      ],
    },
    { documentType: 'passport', purpose: 'identity', since: '2026-11-30', rules: [] },
  ],
});
