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
