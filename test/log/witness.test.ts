// Real witness processes (nbr witness serve) cosigning the registry's checkpoints, and refusing a log that
// forks or rolls back, also after a restart. Verifiers then require the quorum's cosignatures, and the
// witnessed time lets them call a backdated forgery NOT_REGISTERED rather than UNCONFIRMED.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { toBase64 } from '../../src/core/log/base64.js';
import { formatCheckpoint, openCheckpoint } from '../../src/core/log/checkpoint.js';
import { LogCopy } from '../../src/core/log/copy.js';
import { consistencyProof, leafHash, treeRoot } from '../../src/core/log/merkle.js';
import { formatNote, signNoteText } from '../../src/core/log/note.js';
import { appendToTiles, tileHashReader } from '../../src/core/log/tiles.js';
import { signDocument } from '../../src/core/sign-document.js';
import { verify } from '../../src/core/verify.js';
import {
  collectCosignatures,
  integrateLog,
  publishedCheckpoint,
  type WitnessClient,
} from '../../src/services/log/log-integrator.js';
import { startLogIntegrator } from '../../src/services/log/log-runner.js';
import {
  addIssuerKey,
  addLogWitness,
  initKeyDirectory,
  publishTrustList,
} from '../../src/trust/key-directory.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { FAST_SCRYPT, KEY_PASSPHRASE, START, type TestRegistry, testRegistry } from '../helpers/registry.js';

const ROOT = join(import.meta.dirname, '..', '..');
const WITNESS_PASS = 'witness operator passphrase';
const running: ChildProcess[] = [];

function nbr(args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NBR_WITNESS_PASSPHRASE: WITNESS_PASS },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/** Starts `nbr witness serve` and resolves with its URL once it listens. */
function serveWitness(
  key: string,
  state: string,
  logKey: string,
): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src', 'cli', 'bin.ts'),
        'witness',
        'serve',
        '--key',
        key,
        '--state',
        state,
        '--log',
        logKey,
        '--port',
        '0',
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NBR_WITNESS_PASSPHRASE: WITNESS_PASS } },
    );
    running.push(proc);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`witness did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, proc });
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d));
  });
}

let r: TestRegistry;
let dir: string;
let ceremony: Omit<Parameters<typeof publishTrustList>[0], 'nextUpdateDays'>;
const vkeys: string[] = [];
const witnesses: { key: string; state: string; url: string; proc: ChildProcess }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nbr-witnessed-'));
  const keys = join(dir, 'keys');
  const registry = new DocumentTypeRegistry();
  const opts = {
    dir: keys,
    passphrase: KEY_PASSPHRASE,
    now: Math.floor(START / 1000) - 86_400,
    documentTypes: registry,
    scrypt: FAST_SCRYPT,
  };
  await initKeyDirectory({
    ...opts,
    office: { code: 'PL-WAW', name: 'PL (TEST)', country: 'PL' },
    logOrigin: 'log.witnessed.test/registry',
  });
  await addIssuerKey(opts, { code: 'LT-VNO', name: 'LT (TEST)', country: 'LT' });
  ceremony = opts;
  for (const n of [1, 2]) {
    const key = join(dir, `w${n}.key.json`);
    const made = await nbr(['witness', 'init', '--key', key, '--name', `witness${n}.test/w`]);
    expect(made.code, made.err).toBe(0);
    vkeys.push(made.out.trim());
    witnesses.push({
      key,
      state: join(dir, `w${n}.state.json`),
      url: '',
      proc: undefined as unknown as ChildProcess,
    });
  }
  for (const [i, v] of vkeys.entries()) await addLogWitness(keys, v, i + 1);
  await publishTrustList({ ...opts, nextUpdateDays: 365 });
  r = await testRegistry({ keysDir: keys });
  const logKey = r.deps.keyring.trust.log!.log.text;
  for (const w of witnesses) Object.assign(w, await serveWitness(w.key, w.state, logKey));
});
afterAll(async () => {
  for (const p of running) p.kill('SIGKILL');
  await r?.close();
});

const clients = (): WitnessClient[] => witnesses.map((w) => ({ url: w.url, known: 0 }));

async function post(
  url: string,
  body: string,
): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${url}/add-checkpoint`, { method: 'POST', body });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

describe('witnesses', () => {
  it('cosign the growing log, and verifiers require the quorum of cosignatures', async () => {
    const genuine = await issuePassport(r);
    await integrateLog(r.deps);
    const first = await collectCosignatures(r.deps, clients());
    expect(first).toEqual({ cosigned: 2, errors: [] });
    await issuePassport(r, { surname: 'Другая', givenNames: 'Асоба', sex: 'F', birthDate: '1977-07-07' });
    await integrateLog(r.deps);
    // The witnesses know size 1; the registry learns it from their 409 and sends a consistency proof.
    expect(await collectCosignatures(r.deps, clients())).toEqual({ cosigned: 2, errors: [] });

    const published = await r.app.request('/log/checkpoint');
    const note = await published.text();
    expect(note.split('\n').filter((l) => l.startsWith('\u2014 '))).toHaveLength(3);
    const policy = r.deps.keyring.trust.log!;
    const opened = await openCheckpoint(note, policy);
    expect(opened.ok && opened.checkpoint.size).toBe(2);
    // One witness fewer than the quorum: the verifier refuses the checkpoint.
    const oneWitness = note
      .split('\n')
      .filter((l) => !l.startsWith('\u2014 witness2'))
      .join('\n');
    expect((await openCheckpoint(oneWitness, policy)).ok).toBe(false);

    // A copy synced from the tiles has a witnessed time: a backdated forgery beyond it is NOT_REGISTERED.
    const synced = await LogCopy.sync(
      undefined,
      policy,
      async (p) => new Uint8Array(await (await r.app.request(`/log/${p}`)).arrayBuffer()),
    );
    expect(synced.ok).toBe(true);
    if (!synced.ok) return;
    const now = Math.floor(r.clock.t / 1000);
    const base = {
      trust: r.deps.keyring.trust,
      now,
      documentTypes: r.deps.documentTypes,
      requireStatus: false,
      log: synced.copy,
    };
    expect((await verify(genuine.qrText, base)).code).toBe('VALID');
    const stolen = r.deps.keyring.signerFor('PL-WAW', 'passport', now)!;
    const forged = await signDocument(
      {
        type: 'passport',
        office: 'PL-WAW',
        issuedAt: now - 7200,
        statusIndex: 5,
        logIndex: 40,
        fields: { ...genuine.data, number: 'PA0FAKE00'.replace('O', '0') },
      },
      stolen.signer,
      r.deps.documentTypes,
    );
    expect((await verify(forged.qrText, { ...base, now: synced.copy.time! + 3600 })).code).toBe(
      'NOT_REGISTERED',
    );
  });

  it('refuse a forked tree and a rollback, also after a restart', async () => {
    const leaves = await r.deps.db.selectFrom('log_leaves').select(['entry']).orderBy('idx').execute();
    const size = leaves.length;
    const logSigner = r.deps.keyring.logSigner()!.signer;
    const origin = r.deps.keyring.trust.log!.origin;
    const signed = async (entries: Uint8Array[]) => {
      const tiles = new Map<string, Uint8Array>();
      appendToTiles(tiles, 0, entries.map(leafHash));
      const read = tileHashReader((level, index) => tiles.get(`${level}/${index}`));
      const text = formatCheckpoint({
        origin,
        size: entries.length,
        root: await treeRoot(read, entries.length),
        extensions: [],
      });
      const sig = await signNoteText(text, {
        name: origin,
        publicKey: logSigner.publicKey,
        sign: (m) => logSigner.sign(m),
      });
      return { note: formatNote({ text, signatures: [sig] }), read };
    };
    // A fork: the log key signs a tree that rewrites entry 0 and adds one, with a proof from its own tree.
    const forkedEntries = [
      new Uint8Array(8).fill(9),
      ...leaves.slice(1).map((l) => new Uint8Array(l.entry)),
      new Uint8Array(8).fill(1),
    ];
    const fork = await signed(forkedEntries);
    const proof = await consistencyProof(fork.read, size, size + 1);
    const body = `old ${size}\n${proof.map((p) => `${toBase64(p)}\n`).join('')}\n${fork.note}`;
    for (const w of witnesses) expect((await post(w.url, body)).status).toBe(422);
    // Another root at the size the witnesses hold: a split view, refused.
    const sameSize = await signed(forkedEntries.slice(0, size));
    for (const w of witnesses)
      expect((await post(w.url, `old ${size}\n\n${sameSize.note}`)).status).toBe(409);
    // A rollback to a smaller tree: 409 with the size the witness holds.
    const smaller = await signed(leaves.slice(0, 1).map((l) => new Uint8Array(l.entry)));
    const rolled = await post(witnesses[0]!.url, `old 1\n\n${smaller.note}`);
    expect(rolled).toMatchObject({ status: 409, text: `${size}\n`, type: 'text/x.tlog.size' });
    // Unsigned by the log key: 403; unknown origin: 404.
    expect(
      (
        await post(
          witnesses[0]!.url,
          `old ${size}\n\n${fork.note.replace(/\u2014 .*\n$/, '\u2014 x AAAAAAAAAAAA\n')}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await post(
          witnesses[0]!.url,
          'old 0\n\nother.log/x\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n\u2014 other.log/x AAAAAAAAAAAA\n',
        )
      ).status,
    ).toBe(404);

    // The witness remembers across a restart (its state file): the rollback is still refused.
    const w = witnesses[0]!;
    w.proc.kill('SIGTERM');
    await new Promise((resolve) => w.proc.once('exit', resolve));
    Object.assign(w, await serveWitness(w.key, w.state, r.deps.keyring.trust.log!.log.text));
    expect((await post(w.url, `old 1\n\n${smaller.note}`)).status).toBe(409);
    // The genuine log still gets cosigned.
    expect(await collectCosignatures(r.deps, clients())).toEqual({ cosigned: 2, errors: [] });
  });
});

describe('the witnesses’ addresses', () => {
  it('get the log’s verifier key from the root-signed trust list (nbr log vkey) or GET /log/vkey', async () => {
    const expected = r.deps.keyring.trust.log!.log.text;
    expect((await (await r.app.request('/log/vkey')).text()).trim()).toBe(expected);
    const keys = ceremony.dir;
    const read = await nbr([
      'log',
      'vkey',
      '--trust',
      join(keys, 'trust-list.jws'),
      '--root',
      join(keys, 'root.jwk.json'),
    ]);
    expect([read.code, read.out.trim()]).toEqual([0, expected]);
  });

  it('come from the trust list (nbr keys witness add --url), and a reload reaches them without a restart', async () => {
    expect(r.deps.config.witnessUrls).toEqual([]);
    const said: string[] = [];
    const runner = startLogIntegrator(r.deps, (l) => said.push(l));
    try {
      // Re-signed with the URLs, as the ceremony does; the running instance reloads and asks both witnesses.
      for (const [i, v] of vkeys.entries()) await addLogWitness(ceremony.dir, v, 2, `${witnesses[i]!.url}/`);
      await publishTrustList({ ...ceremony, nextUpdateDays: 365 });
      expect((await r.deps.keyring.reload()).changed).toBe(true);
      expect(r.deps.keyring.trust.log!.witnessUrls).toEqual(witnesses.map((w) => w.url));
      await issuePassport(r);
      const size = Number((await integrateLog(r.deps))?.size ?? 0);
      const signers = (n: string | undefined) =>
        (n?.split('\n') ?? []).filter((l) => l.startsWith('\u2014 ')).map((l) => l.split(' ')[1]);
      const deadline = Date.now() + 20_000;
      let note: string | undefined;
      while (Date.now() < deadline) {
        note = await publishedCheckpoint(r.deps);
        const cosigned = ['witness1.test/w', 'witness2.test/w'].every((w) => signers(note).includes(w));
        if (Number(note?.split('\n')[1]) >= size && cosigned) break;
        await new Promise((res) => setTimeout(res, 200));
      }
      expect(Number(note?.split('\n')[1]), said.join('\n')).toBeGreaterThanOrEqual(size);
      expect(signers(note)).toEqual(expect.arrayContaining(['witness1.test/w', 'witness2.test/w']));
    } finally {
      runner.stop();
    }
  }, 60_000);
});
