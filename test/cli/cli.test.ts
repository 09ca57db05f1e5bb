// The nbr CLI through runCli with captured output: the key ceremony, issuance, verification and the
// one-line errors users get for their mistakes.
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { runCli } from '../../src/cli/main.js';
import type { CliContext } from '../../src/cli/context.js';
import { decryptKey } from '../../src/crypto/key-file.js';
import { documentVectors, VECTOR_DIR } from '../helpers/vectors.js';

const NOW = '2026-12-01T10:00:00Z';

function context(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    env: {
      NBR_PASSPHRASE: 'ceremony passphrase 1',
      NBR_ROOT_PASSPHRASE: 'root officers passphrase 1',
      ...env,
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    clock: () => Date.parse(NOW),
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => '',
  };
  return { ctx, out, err };
}

describe('nbr CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbr-cli-'));
  const keys = join(dir, 'keys');
  let issuerKey = '';

  beforeAll(async () => {
    const { ctx, out } = context();
    const code = await runCli(
      [
        'keys',
        'init',
        '--dir',
        keys,
        '--office',
        'PL-WAW',
        '--office-name',
        "People's Embassy in Poland",
        '--country',
        'PL',
        '--now',
        NOW,
      ],
      ctx,
    );
    expect(code, out.join('\n')).toBe(0);
    issuerKey = join(keys, 'keys', readdirSync(join(keys, 'keys')).find((f) => f.startsWith('PL-WAW'))!);
  });

  it('never writes a private key in clear: key files hold only ciphertext', () => {
    const file = JSON.parse(readFileSync(issuerKey, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual([
      'cipher',
      'ciphertext',
      'format',
      'iv',
      'kdf',
      'kid',
      'label',
      'publicKey',
      'tag',
    ]);
    expect(readFileSync(join(keys, 'root.jwk.json'), 'utf8')).not.toMatch(/"d"/);
  });

  it('signs a passport offline that verifies as authentic but never VALID, with Latin names transliterated', async () => {
    const data = join(dir, 'passport.json');
    writeFileSync(
      data,
      JSON.stringify({
        number: 'PA0000001',
        surname: 'Бяляцкі',
        givenNames: 'Алесь',
        birthDate: '1962-09-25',
        sex: 'M',
        issueDate: '2026-12-01',
        expiryDate: '2036-11-30',
      }),
    );
    const issued = context();
    const png = join(dir, 'p.png');
    expect(
      await runCli(
        [
          'issue',
          'passport',
          '--data',
          data,
          '--key',
          issuerKey,
          '--office',
          'PL-WAW',
          '--status-index',
          '10',
          '--qr',
          png,
          '--now',
          NOW,
        ],
        issued.ctx,
      ),
    ).toBe(0);
    const qr = issued.out[0]!;
    expect(qr.startsWith('NB2:')).toBe(true);

    const status = join(dir, 'status.jws');
    expect(
      await runCli(
        ['status-list', '--dir', keys, '--out', status, '--revoked', '11', '--now', NOW],
        context().ctx,
      ),
    ).toBe(0);

    const v = context();
    expect(
      await runCli(
        [
          'verify',
          qr,
          '--trust',
          join(keys, 'trust-list.jws'),
          '--root',
          join(keys, 'root.jwk.json'),
          '--status',
          status,
          '--now',
          NOW,
        ],
        v.ctx,
      ),
    ).toBe(1);
    // Signed offline, so not in the registry's log: authentic signature, shown data, but never VALID
    // (without a log copy the verifier cannot confirm it; test/cli/log.test.ts shows NOT_REGISTERED).
    expect(v.out[0]).toMatch(/^NOT VALID \(UNCONFIRMED\)/);
    expect(v.out.join('\n')).toContain('surnameLatin: BIALIATSKI');

    // The same from the PNG, through ZXing.
    const fromImage = context();
    expect(
      await runCli(
        [
          'verify',
          png,
          '--json',
          '--trust',
          join(keys, 'trust-list.jws'),
          '--root',
          join(keys, 'root.jwk.json'),
          '--status',
          status,
          '--now',
          NOW,
        ],
        fromImage.ctx,
      ),
    ).toBe(1);
    expect(JSON.parse(fromImage.out.join('\n')).code).toBe('UNCONFIRMED');

    // Revoke index 10 and the same document fails with REVOKED, exit 1.
    expect(
      await runCli(
        ['status-list', '--dir', keys, '--out', status, '--revoked', '10', '--now', NOW],
        context().ctx,
      ),
    ).toBe(0);
    const revoked = context();
    expect(
      await runCli(
        [
          'verify',
          qr,
          '--json',
          '--trust',
          join(keys, 'trust-list.jws'),
          '--root',
          join(keys, 'root.jwk.json'),
          '--status',
          status,
          '--now',
          NOW,
        ],
        revoked.ctx,
      ),
    ).toBe(1);
    expect(JSON.parse(revoked.out.join('\n')).code).toBe('REVOKED');

    // --batch: one QR text a line (CR/LF as scanners send, blank lines), one JSON result a line, in order.
    const lines = join(mkdtempSync(join(tmpdir(), 'nbr-batch-')), 'codes.txt');
    writeFileSync(lines, `${qr}\r\n\nNB2:garbage\n${qr}\n`);
    const batch = context();
    const trustArgs = ['--trust', join(keys, 'trust-list.jws'), '--root', join(keys, 'root.jwk.json')];
    expect(
      await runCli(['verify', '--batch', lines, ...trustArgs, '--status', status, '--now', NOW], batch.ctx),
    ).toBe(1);
    expect(batch.out.map((l) => JSON.parse(l).code)).toEqual(['REVOKED', 'MALFORMED', 'REVOKED']);
  });

  it('keeps the root under its own passphrase and hands the service keys re-encrypted (issue 22)', async () => {
    const init = async (env: Record<string, string>) => {
      const c = context(env);
      const d = join(mkdtempSync(join(tmpdir(), 'nbr-secrets-')), 'ceremony');
      const code = await runCli(
        [
          'keys',
          'init',
          '--dir',
          d,
          '--office',
          'PL-WAW',
          '--office-name',
          'PL',
          '--country',
          'PL',
          '--now',
          NOW,
        ],
        c.ctx,
      );
      return { code, err: c.err.join('\n') };
    };
    expect(await init({ NBR_ROOT_PASSPHRASE: '' })).toMatchObject({ code: 2, err: /its own passphrase/ });
    expect(await init({ NBR_ROOT_PASSPHRASE: 'ceremony passphrase 1' })).toMatchObject({
      code: 2,
      err: /must differ/,
    });
    // The ceremony of this suite: the root opens with the officers' passphrase only.
    const root = JSON.parse(readFileSync(join(keys, 'root.key.json'), 'utf8'));
    expect(() => decryptKey(root, 'ceremony passphrase 1')).toThrow(/passphrase/);
    expect(decryptKey(root, 'root officers passphrase 1')).toHaveLength(32);
    // The issuer key handed to the service under the operator's passphrase, which the officers need not know.
    const out = join(dir, 'service-issuer.key.json');
    const handed = context({ NBR_NEW_PASSPHRASE: 'service operator passphrase' });
    expect(
      await runCli(['keys', 'reencrypt', '--file', issuerKey, '--out', out], handed.ctx),
      handed.err.join('\n'),
    ).toBe(0);
    const copy = JSON.parse(readFileSync(out, 'utf8'));
    expect(decryptKey(copy, 'service operator passphrase')).toEqual(
      decryptKey(JSON.parse(readFileSync(issuerKey, 'utf8')), 'ceremony passphrase 1'),
    );
    expect(() => decryptKey(copy, 'ceremony passphrase 1')).toThrow(/passphrase/);
    const rootOut = context({
      NBR_NEW_PASSPHRASE: 'service operator passphrase',
      NBR_PASSPHRASE: 'root officers passphrase 1',
    });
    expect(
      await runCli(
        ['keys', 'reencrypt', '--file', join(keys, 'root.key.json'), '--out', join(dir, 'r.json')],
        rootOut.ctx,
      ),
    ).toBe(2);
    expect(rootOut.err.join('\n')).toMatch(/never handed to the service/);
  });

  it('names the log by its URL prefix: --log-origin, or NBR_PUBLIC_URL with /log (issue 22)', async () => {
    const origin = async (args: string[], env: Record<string, string> = {}) => {
      const dir = join(mkdtempSync(join(tmpdir(), 'nbr-origin-')), 'ceremony');
      const c = context(env);
      const base = [
        'keys',
        'init',
        '--dir',
        dir,
        '--office',
        'PL-WAW',
        '--office-name',
        'PL',
        '--country',
        'PL',
      ];
      expect(await runCli([...base, '--now', NOW, ...args], c.ctx), c.err.join('\n')).toBe(0);
      const payload = JSON.parse(readFileSync(join(dir, 'trust-list.payload.json'), 'utf8'));
      return { origin: payload.log.origin as string, err: c.err.join('\n') };
    };
    expect((await origin(['--log-origin', 'registry.example/log'])).origin).toBe('registry.example/log');
    expect((await origin([], { NBR_PUBLIC_URL: 'https://nb.example/registry/' })).origin).toBe(
      'nb.example/registry/log',
    );
    expect((await origin([])).err).toMatch(/WARNING: no --log-origin/);
    const bad = context();
    expect(
      await runCli(
        [
          'keys',
          'init',
          '--dir',
          '/tmp/x',
          '--office',
          'PL-WAW',
          '--office-name',
          'x',
          '--country',
          'PL',
          '--log-origin',
          'https://x/log',
        ],
        bad.ctx,
      ),
    ).toBe(2);
  });

  it('certifies a second office and revokes a key', async () => {
    const { ctx, out } = context();
    expect(
      await runCli(
        [
          'keys',
          'issuer',
          '--dir',
          keys,
          '--office',
          'LT-VNO',
          '--office-name',
          "People's Embassy in Lithuania",
          '--country',
          'LT',
          '--types',
          'passport',
          '--now',
          NOW,
        ],
        ctx,
      ),
    ).toBe(0);
    const kid = /certified issuer key (\S+);/.exec(out[0]!)![1]!;
    const revoke = async (...extra: string[]) => {
      const c = context();
      const code = await runCli(
        [
          'keys',
          'revoke',
          '--dir',
          keys,
          `--kid=${kid}`,
          '--reason',
          'key-compromise',
          '--now',
          NOW,
          ...extra,
        ],
        c.ctx,
      );
      return { code, text: [...c.out, ...c.err].join('\n') };
    };
    // Issue 22: the documented example without --log-size exited 0; now it is refused, and says how to find
    // the size. An --at in the past, aimed at genuine documents, takes --past-at.
    const without = await revoke();
    expect(without.code).toBe(2);
    expect(without.text).toMatch(/--log-size is required .*\n(.|\n)*sed -n 2p/);
    const past = await revoke('--log-size', '40', '--at', '2026-01-01T00:00:00Z');
    expect(past.code).toBe(2);
    expect(past.text).toMatch(/days ago: every document .* would fail as KEY_REVOKED/);
    const revoking = await revoke('--log-size', '40');
    expect(revoking.code, revoking.text).toBe(0);
    expect(revoking.text).toMatch(/remove its key file from the service's key folder/);
    const listed = context();
    await runCli(['keys', 'list', '--dir', keys, '--now', NOW], listed.ctx);
    // Every key labelled by its use, the log key included, and whether its file is in the folder.
    expect(listed.out.some((l) => /^log {5}/.test(l))).toBe(true);
    expect(
      listed.out
        .filter((l) => /^(issuer|status|log) /.test(l))
        .every((l) => /key file: (here|not here)$/.test(l)),
    ).toBe(true);
    const list = JSON.parse(readFileSync(join(keys, 'trust-list.payload.json'), 'utf8')) as {
      sequence: number;
      keys: { kid: string; revoked?: unknown }[];
    };
    expect(list.keys.find((k) => k.kid === kid)!.revoked).toBeTruthy();
    expect(list.sequence).toBe(3);
    // The JWKS hold the keys in force only, document keys and status keys apart (issue 15).
    const set = (file: string) =>
      (JSON.parse(readFileSync(join(keys, file), 'utf8')) as { keys: { kid: string; 'nbr:use': string }[] })
        .keys;
    expect(set('jwks.json').map((k) => k.kid)).not.toContain(kid);
    expect(set('jwks.json').every((k) => k['nbr:use'] === 'documents')).toBe(true);
    expect(set('status-jwks.json').length).toBeGreaterThan(0);
    expect(set('status-jwks.json').every((k) => k['nbr:use'] === 'status')).toBe(true);
  });

  it('adds, removes and counts the log witnesses by command, with the checks (issue 22)', async () => {
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const c = context({ NBR_WITNESS_PASSPHRASE: 'witness passphrase 1', ...env });
      const code = await runCli([...args, ...(args[0] === 'keys' ? ['--now', NOW] : [])], c.ctx);
      return { code, out: c.out.join('\n'), err: c.err.join('\n') };
    };
    const vkey = await run(['keys', 'log-vkey', '--dir', keys]);
    expect(vkey.out).toMatch(/^registry\.new-belarus\.example\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const witness = async (n: number) =>
      (await run(['witness', 'init', '--key', join(dir, `w${n}.key.json`), '--name', `w${n}.test/w`])).out;
    const [w1, w2] = [await witness(1), await witness(2)];
    expect((await run(['keys', 'witness', 'add', '--dir', keys, '--vkey', w1, '--quorum', '1'])).out).toMatch(
      /witnesses w1\.test\/w, quorum 1/,
    );
    expect((await run(['keys', 'witness', 'add', '--dir', keys, '--vkey', w2])).code).toBe(0);
    expect((await run(['keys', 'log-quorum', '--dir', keys, '--quorum', '2'])).out).toMatch(/quorum 2/);
    // The checks the hand-edited payload skipped: no quorum above the witnesses, no key of another kind.
    expect((await run(['keys', 'witness', 'remove', '--dir', keys, '--name', 'w2.test/w'])).err).toMatch(
      /lower it first/,
    );
    expect((await run(['keys', 'log-quorum', '--dir', keys, '--quorum', '3'])).code).toBe(2);
    expect((await run(['keys', 'witness', 'add', '--dir', keys, '--vkey', vkey.out])).err).toMatch(
      /type 0x04/,
    );
    expect((await run(['keys', 'log-quorum', '--dir', keys, '--quorum', '1'])).code).toBe(0);
    expect((await run(['keys', 'witness', 'remove', '--dir', keys, '--name', 'w2.test/w'])).code).toBe(0);
    const payload = JSON.parse(readFileSync(join(keys, 'trust-list.payload.json'), 'utf8'));
    expect(payload.log).toMatchObject({ quorum: 1, witnesses: [{ name: 'w1.test/w', key: w1 }] });
  });

  it('verifies the committed vectors from the command line with their expected exit codes', async () => {
    const copy = join(mkdtempSync(join(tmpdir(), 'nbr-logcopy-')), 'log');
    const trustArgs = [
      '--trust',
      join(VECTOR_DIR, 'trust', 'trust-list.jws'),
      '--root',
      join(VECTOR_DIR, 'trust', 'root.jwk.json'),
    ];
    const sync = context();
    expect(
      await runCli(
        ['log', 'sync', '--from', join(VECTOR_DIR, 'registry-log'), '--dir', copy, ...trustArgs],
        sync.ctx,
      ),
      sync.err.join('\n'),
    ).toBe(0);
    for (const v of documentVectors().filter((x) =>
      ['valid-passport', 'revoked', 'unknown-key', 'not-registered', 'unconfirmed'].includes(x.name),
    )) {
      const c = context();
      const code = await runCli(
        [
          'verify',
          v.qr,
          '--json',
          '--log',
          copy,
          '--trust',
          join(VECTOR_DIR, 'trust', 'trust-list.jws'),
          '--root',
          join(VECTOR_DIR, 'trust', 'root.jwk.json'),
          '--status',
          join(VECTOR_DIR, 'trust', 'status-list.jws'),
          '--now',
          v.validationTime,
        ],
        c.ctx,
      );
      expect(JSON.parse(c.out.join('\n')).code).toBe(v.expected.code);
      expect(code).toBe(v.expected.valid ? 0 : 1);
    }
  });

  it('prints dates as on the document and a certificate’s Cyrillic also in Latin, labelled (issue 24)', async () => {
    const v = documentVectors().find((x) => x.name === 'valid-birth-certificate')!;
    const c = context();
    await runCli(
      [
        'verify',
        v.qr,
        '--allow-unchecked-status',
        '--trust',
        join(VECTOR_DIR, 'trust', 'trust-list.jws'),
        '--root',
        join(VECTOR_DIR, 'trust', 'root.jwk.json'),
        '--now',
        v.validationTime,
      ],
      c.ctx,
    );
    const text = c.out.join('\n');
    expect(text).toMatch(/^ {2}birthDate: \d{2}\.\d{2}\.\d{4}$/m);
    expect(text).toMatch(/^ {2}surname: \S+ \/ [A-Z' -]+ \(transliteration, ICAO 9303\)$/m);
  });

  it.each([
    [['verify'], /missing QR text/],
    [
      ['verify', 'NB1:X', '--trust', '/nonexistent.jws', '--root', '/nonexistent.json'],
      /cannot read trust list file/,
    ],
    [['verify', 'NB1:X', '--bogus'], /Unknown option '--bogus'/],
    [['issue', 'visa', '--data', 'x.json'], /unknown document type "visa"/],
    [['keys', 'init', '--dir', '/tmp/x'], /--office is required/],
    [
      ['keys', 'init', '--dir', '/tmp/x', '--office', 'warsaw', '--office-name', 'x', '--country', 'PL'],
      /office code must look like/,
    ],
    [['frobnicate'], /unknown command/],
  ])('%j fails with one clear line and exit 2', async (argv, message) => {
    const { ctx, err } = context();
    expect(await runCli(argv as string[], ctx)).toBe(2);
    expect(err.join('\n')).toMatch(message);
    expect(err.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('reports a wrong passphrase without a stack trace', async () => {
    const data = join(dir, 'p2.json');
    writeFileSync(data, '{}');
    const { ctx, err } = context({ NBR_PASSPHRASE: 'not the passphrase' });
    expect(
      await runCli(['issue', 'passport', '--data', data, '--key', issuerKey, '--office', 'PL-WAW'], ctx),
    ).toBe(2);
    expect(err[0]).toMatch(/wrong passphrase/);
  });

  it('refuses to overwrite an existing root key', async () => {
    const { ctx, err } = context();
    expect(
      await runCli(
        ['keys', 'init', '--dir', keys, '--office', 'PL-WAW', '--office-name', 'x', '--country', 'PL'],
        ctx,
      ),
    ).toBe(2);
    expect(err[0]).toMatch(/refusing to overwrite/);
  });
});

describe('status key rotation', () => {
  it('refuses to sign a status list once the status key period ended, and signs with a newly certified key', async () => {
    const keys = join(mkdtempSync(join(tmpdir(), 'nbr-cli-status-')), 'keys');
    expect(
      await runCli(
        [
          'keys',
          'init',
          '--dir',
          keys,
          '--office',
          'PL-WAW',
          '--office-name',
          'x',
          '--country',
          'PL',
          '--now',
          NOW,
        ],
        context().ctx,
      ),
    ).toBe(0);
    const issuerKey = join(
      keys,
      'keys',
      readdirSync(join(keys, 'keys')).find((f) => f.startsWith('PL-WAW'))!,
    );
    const data = join(keys, '..', 'passport.json');
    writeFileSync(
      data,
      JSON.stringify({
        number: 'PA0000002',
        surname: 'Бяляцкі',
        givenNames: 'Алесь',
        birthDate: '1962-09-25',
        sex: 'M',
        issueDate: '2026-12-01',
        expiryDate: '2036-11-30',
      }),
    );
    const issued = context();
    expect(
      await runCli(
        [
          'issue',
          'passport',
          '--data',
          data,
          '--key',
          issuerKey,
          '--office',
          'PL-WAW',
          '--status-index',
          '5',
          '--now',
          NOW,
        ],
        issued.ctx,
      ),
    ).toBe(0);

    const listed = context();
    expect(await runCli(['keys', 'list', '--dir', keys, '--now', '2026-12-02T00:00:00Z'], listed.ctx)).toBe(
      0,
    );
    expect(listed.out[0]).toMatch(/^trust list #1, issued 2026-12-01, next update 2026-12-31$/);
    expect(listed.out.filter((l) => /^status/.test(l))).toHaveLength(1);
    expect(listed.out.filter((l) => /^issuer\s+PL-WAW/.test(l))).toHaveLength(1);
    const soon = context();
    expect(await runCli(['keys', 'list', '--dir', keys, '--now', '2027-11-10T00:00:00Z'], soon.ctx)).toBe(1);
    expect(soon.out.filter((l) => l.startsWith('WARNING')).map((l) => l.slice(0, 19))).toEqual([
      'WARNING (status): t',
      'WARNING (PL-WAW): t',
    ]);
    expect(soon.out[0]).toContain('OUT OF DATE');

    // A year and ten days on, the first status key (signs 1 year) may no longer sign.
    const later = '2027-12-11T10:00:00Z';
    const status = join(keys, '..', 'status.jws');
    const refused = context();
    expect(await runCli(['status-list', '--dir', keys, '--out', status, '--now', later], refused.ctx)).toBe(
      2,
    );
    expect(refused.err[0]).toMatch(/no status key with an open signing period.*nbr keys status/);

    // Rotation done in time: the new key signs the later list, and verifiers accept it with the new trust list.
    const rotated = context();
    expect(
      await runCli(
        ['keys', 'status', '--dir', keys, '--now', '2027-11-15T10:00:00Z', '--next-update-days', '60'],
        rotated.ctx,
      ),
    ).toBe(0);
    const kid = /certified status key (\S+);/.exec(rotated.out[0]!)![1]!;
    const after = context();
    expect(await runCli(['keys', 'list', '--dir', keys, '--now', '2027-11-20T00:00:00Z'], after.ctx)).toBe(1);
    expect(after.out.filter((l) => l.startsWith('WARNING')).map((l) => l.split(':')[0])).toEqual([
      'WARNING (PL-WAW)',
    ]); // the status key is covered now
    expect(await runCli(['status-list', '--dir', keys, '--out', status, '--now', later], context().ctx)).toBe(
      0,
    );
    const header = JSON.parse(
      Buffer.from(readFileSync(status, 'utf8').split('.')[0]!, 'base64url').toString('utf8'),
    ) as { kid: string };
    expect(header.kid).toBe(kid);
    const v = context();
    expect(
      await runCli(
        [
          'verify',
          issued.out[0]!,
          '--json',
          '--trust',
          join(keys, 'trust-list.jws'),
          '--root',
          join(keys, 'root.jwk.json'),
          '--status',
          status,
          '--now',
          later,
        ],
        v.ctx,
      ),
    ).toBe(1);
    // The status list signed by the new key was accepted (no STATUS_* code): what remains is that an
    // offline-signed document is not in the log.
    expect(JSON.parse(v.out.join('\n')).code).toBe('UNCONFIRMED');
  });
});

describe('the nbr binary', () => {
  it('runs through npx-style bin/nbr.mjs and exits 2 on usage errors', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = join(import.meta.dirname, '..', '..');
    const help = spawnSync(process.execPath, [join(root, 'bin', 'nbr.mjs'), 'help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('nbr verify QR');
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'nbr.mjs'), 'verify'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')[0]).toBe('nbr verify: missing QR text or image');
  });
});
