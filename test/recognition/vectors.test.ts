// The recognition vectors (test/vectors/recognition.json, signed from the specification with node:crypto by
// scripts/recognition-vectors.ts): our core opens the same statements and gives the same answers, and the
// committed file is what the script writes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStatement, parseProvision, recognise, type Purpose } from '../../src/core/recognition/index.js';
import { verify } from '../../src/core/verify.js';
import { importNodeEd25519 } from '../../src/crypto/ed25519-node.js';
import { documentVectors, seconds, VECTOR_DIR, vectorTrust } from '../helpers/vectors.js';

const FILE = join(VECTOR_DIR, 'recognition.json');
const V = JSON.parse(readFileSync(FILE, 'utf8'));
const TYPES = ['passport', 'birth-certificate', 'marriage-certificate'];
const opened = async (statement: string, state: string) =>
  openStatement(V.statements[statement], parseProvision(V.provisions[state]), TYPES, importNodeEd25519);

describe('recognition vectors', () => {
  it('opens the statements the specification says open, and refuses the others', async () => {
    for (const o of V.opening) {
      const r = await opened(o.statement, o.provision);
      expect(r.ok, o.statement).toBe(o.ok);
      if (r.ok) expect(r.statement.sequence).toBe(o.sequence);
    }
  });

  it('gives the answer of each case', async () => {
    const material = await vectorTrust(importNodeEd25519);
    const docs = new Map(documentVectors().map((d) => [d.name, d]));
    for (const c of V.cases) {
      const doc = docs.get(c.document)!;
      const now = seconds(doc.validationTime);
      const verdict = await verify(doc.qr, { ...material, now });
      const s = c.statement ? await opened(c.statement, c.state) : undefined;
      const result = recognise({
        verdict,
        statement: s?.ok ? s.statement : undefined,
        state: c.state,
        purpose: c.purpose as Purpose,
        rootFingerprint: V.rootFingerprint,
        now,
      });
      const got = {
        status: result.status,
        code: result.code,
        ...('rule' in result && result.rule ? { rule: result.rule.id } : {}),
      };
      expect(got, `${c.document} ${c.state} ${c.purpose}`).toEqual(c.expected);
    }
  });

  it('is what scripts/recognition-vectors.ts writes', () => {
    const before = readFileSync(FILE, 'utf8');
    execFileSync('npx', ['tsx', join(import.meta.dirname, '..', '..', 'scripts', 'recognition-vectors.ts')], {
      stdio: 'pipe',
    });
    expect(readFileSync(FILE, 'utf8')).toBe(before);
  });
});
