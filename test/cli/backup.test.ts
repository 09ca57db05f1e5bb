// nbr backup / nbr restore: a sealed logical backup of a working registry restores into an empty SQLite or
// PostgreSQL database with every row, a whole audit chain, and documents that still verify (and stay revoked);
// a wrong passphrase, one changed byte or a cut file restore nothing.
import { revokeAsTwo } from '../helpers/revoke.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbCommands } from '../../src/cli/commands/db.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { runCli } from '../../src/cli/main.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { openStream, sealStream } from '../../src/crypto/sealed-stream.js';
import { connect } from '../../src/db/connect.js';
import {
  BACKUP_TABLES,
  isRestoredCopy,
  requireNoInterruptedRestore,
  restoreBackup,
  writeBackup,
} from '../../src/db/backup.js';
import { sql } from 'kysely';
import { startService } from '../helpers/service-process.js';
import { migrateToLatest } from '../../src/db/migrations.js';
import { LogCopy } from '../../src/core/log/copy.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import {
  api,
  FAST_SCRYPT,
  freshPostgres,
  KEY_PASSPHRASE,
  testKeysDir,
  postgresAvailable,
  testRegistry,
  tokenFor,
  type TestRegistry,
} from '../helpers/registry.js';

const PASS = 'backup passphrase for tests';
const pgUp = await postgresAvailable();
const PNG = new Uint8Array(testPhoto());

// The registry's data key file: a restore rebuilds the search index from the sealed names with it.
const DATA_KEY = {
  NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
  NBR_DATA_KEY_FILE: join(await testKeysDir(), 'data.key.json'),
};

function cli(env: Record<string, string> = { NBR_BACKUP_PASSPHRASE: PASS }) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    env: { ...DATA_KEY, ...env },
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    clock: Date.now,
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => '',
  };
  return { out, err, run: (argv: string[]) => runCli(argv, ctx, dbCommands) };
}

const seal = async (data: Buffer, content = 'x') =>
  buffer(Readable.from([data]).pipe(await sealStream(PASS, content, FAST_SCRYPT)));
const open = async (data: Buffer, content = 'x', pass = PASS) =>
  buffer(Readable.from([data]).pipe(openStream(pass, content)));

describe('sealed streams', () => {
  it('round-trip any length, across chunk boundaries', async () => {
    for (const n of [0, 1, 65_535, 65_536, 65_537, 200_000]) {
      const data = Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) & 0xff));
      expect((await open(await seal(data))).equals(data), `${n} bytes`).toBe(true);
    }
  });

  it('refuse reordered, dropped or cut chunks, another content type and a wrong passphrase', async () => {
    const data = Buffer.alloc(150_000, 0x41);
    const sealed = await seal(data);
    const headerEnd = sealed.indexOf(0x0a) + 1;
    const chunkLen = 4 + 65_536 + 16;
    const [c0, c1, c2] = [0, 1, 2].map((i) =>
      sealed.subarray(headerEnd + i * chunkLen, headerEnd + (i + 1) * chunkLen),
    );
    const header = sealed.subarray(0, headerEnd);
    await expect(open(Buffer.concat([header, c1!, c0!, c2!]))).rejects.toThrow(/altered/);
    await expect(open(Buffer.concat([header, c0!, c2!]))).rejects.toThrow(/altered/);
    await expect(open(Buffer.concat([header, c0!, c1!]))).rejects.toThrow(/cut short/);
    await expect(open(sealed, 'y')).rejects.toThrow(/holds "x"/);
    await expect(open(sealed, 'x', 'not the passphrase!')).rejects.toThrow(/wrong passphrase/);
  });
});

describe('nbr backup and nbr restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nbr-backup-'));
  const file = join(dir, 'registry.nbrbak');
  let r: TestRegistry;
  let valid: Awaited<ReturnType<typeof issuePassport>>;
  let revoked: Awaited<ReturnType<typeof issuePassport>>;
  const source = `sqlite:${join(dir, 'source.db')}`;

  beforeAll(async () => {
    r = await testRegistry({ databaseUrl: source });
    valid = await issuePassport(r);
    revoked = await issuePassport(r, {
      surname: 'Рудзь',
      givenNames: 'Ганна',
      sex: 'F',
      birthDate: '1991-05-05',
    });
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    await clerk(
      'PUT',
      `/api/v1/applicants/${(await clerk('GET', `/api/v1/documents/${valid.id}`)).json.applicantId}/photo`,
      PNG,
      { 'content-type': 'image/png' },
    );
    await revokeAsTwo(r.app, revoked.id, { reason: 'stolen' });
    await integrateLog(r.deps);
  });
  afterAll(() => r.close());

  it('writes a sealed file with no personal data in the clear, and refuses to overwrite one', async () => {
    const c = cli();
    expect(await c.run(['backup', '--out', file, '--database', source])).toBe(0);
    expect(c.out[0]).toMatch(
      new RegExp(
        '^backup written to .*: 2 offices, 9 staff, \\d+ issuer_keys, 2 data_keys, 2 applicants, ' +
          '2 photos, 2 applications, ' +
          '2 application_photos, 2 documents, 2 document_photos, 2 log_leaves, 1 revocation_requests, ' +
          '1 log_checkpoints, \\d+ document_events, 2 status_entries, \\d+ counters, \\d+ audit_log$',
      ),
    );
    const bytes = readFileSync(file);
    for (const secret of ['NAVITSKAIA', 'Навіцкая', 'Рудзь', valid.number])
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
    const again = cli();
    expect(await again.run(['backup', '--out', file, '--database', source])).toBe(2);
    expect(again.err[0]).toMatch(/refusing to overwrite/);
    expect(await cli({}).run(['backup', '--out', join(dir, 'other'), '--database', source])).toBe(2);
  });

  const targets: [string, () => Promise<{ url: string; drop?: () => Promise<void> }>][] = [
    [
      'SQLite',
      async () => ({ url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-')), 'restored.db')}` }),
    ],
    ...(pgUp ? [['PostgreSQL', freshPostgres] as [string, typeof freshPostgres]] : []),
  ];
  for (const [name, target] of targets) {
    it(`restores into an empty ${name} database: every row, a whole audit chain, documents still valid or revoked`, async () => {
      const { url, drop } = await target();
      try {
        const c = cli();
        expect(await c.run(['restore', '--in', file, '--database', url]), c.err.join('\n')).toBe(0);
        expect(c.out[1]).toMatch(/^audit chain intact: \d+ entries$/);
        const a = connect(source);
        const b = connect(url);
        try {
          for (const [table, key] of BACKUP_TABLES) {
            const norm = (rows: Record<string, unknown>[]) =>
              rows.map((row) =>
                Object.fromEntries(
                  Object.entries(row).map(([k, v]) => [
                    k,
                    typeof v === 'string' && /^\d+$/.test(v) && k !== 'number'
                      ? Number(v)
                      : v instanceof Uint8Array
                        ? Buffer.from(v).toString('hex')
                        : v,
                  ]),
                ),
              );
            // log_integrated restarts at 0 by design: the tiles are rebuilt from the leaves (checked below).
            const rows = async (db: any) =>
              norm(await db.selectFrom(table).selectAll().orderBy(key).execute()).filter(
                (row) => row.name !== 'log_integrated' && row.name !== 'restored_copy',
              );
            const before = await rows(a.db);
            const after = await rows(b.db);
            expect(after, table).toEqual(before);
          }
        } finally {
          await a.close();
          await b.close();
        }
        // A service on the restored database answers as the original did.
        const restored = await testRegistry({ databaseUrl: url, staff: false });
        try {
          const anyone = api(restored.app);
          expect((await anyone('POST', '/api/v1/verify', { qr: valid.qrText })).json.code).toBe('VALID');
          expect((await anyone('POST', '/api/v1/verify', { qr: revoked.qrText })).json.code).toBe('REVOKED');
          // Tiles are not in the backup: the integrator rebuilds them from the leaves, to the same root.
          expect((await integrateLog(restored.deps))?.size).toBe(2);
          const checkpoint = await (await restored.app.request('/log/checkpoint')).text();
          const original = await (await r.app.request('/log/checkpoint')).text();
          expect(checkpoint.split('\n').slice(0, 3)).toEqual(original.split('\n').slice(0, 3));
          expect(
            (
              await LogCopy.sync(
                undefined,
                restored.deps.keyring.trust.log!,
                async (p) => new Uint8Array(await (await restored.app.request(`/log/${p}`)).arrayBuffer()),
              )
            ).ok,
          ).toBe(true);
          expect(
            (
              await api(restored.app, await tokenFor(restored.app, 'pl-clerk'))(
                'GET',
                `/api/v1/documents/${valid.id}`,
              )
            ).json.number,
          ).toBe(valid.number);
          // Name search works on the restored registry: the terms are rebuilt from the names.
          const found = await api(restored.app, await tokenFor(restored.app, 'pl-clerk'))(
            'POST',
            '/api/v1/applicants/search',
            { q: 'рудз' },
          );
          expect(found.json.items.map((x: { surname: string }) => x.surname)).toEqual(['Рудзь']);
        } finally {
          await restored.close();
        }
        // Restoring again into the now full database is refused.
        const twice = cli();
        expect(await twice.run(['restore', '--in', file, '--database', url])).toBe(2);
        expect(twice.err[0]).toMatch(/already holds offices/);
      } finally {
        await drop?.();
      }
    });
  }

  it('restores a backup made before migration 022, which still carried the cached QR SVG', async () => {
    // The file as the service wrote it before 022: its schema list without 022, a sealed SVG in each document.
    const plain = gunzipSync(await open(readFileSync(file), 'registry-backup'))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((text) => {
        const line = JSON.parse(text);
        if (line.schema) line.schema = line.schema.filter((m: string) => !m.endsWith('-022-drop-qr-svg'));
        if (line.table === 'documents') line.row.qr_svg = 'ev1:d1:AAAA';
        return `${JSON.stringify(line)}\n`;
      })
      .join('');
    expect(plain).toContain('"qr_svg"');
    const old = join(dir, 'before-022.nbrbak');
    writeFileSync(old, await seal(gzipSync(plain), 'registry-backup'));
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-022-')), 'restored.db')}`;
    const c = cli();
    expect(await c.run(['restore', '--in', old, '--database', url]), c.err.join('\n')).toBe(0);
    const restored = await testRegistry({ databaseUrl: url, staff: false });
    try {
      const clerk = api(restored.app, await tokenFor(restored.app, 'pl-clerk'));
      expect((await clerk('GET', `/api/v1/documents/${valid.id}`)).json.number).toBe(valid.number);
      // The code is drawn from the QR text, and nothing is written back to the row.
      const svg = await clerk('GET', `/api/v1/documents/${valid.id}/qr.svg`);
      expect(svg.text).toMatch(/^<svg /);
      const columns = Object.keys(
        await restored.deps.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow(),
      );
      expect(columns).not.toContain('qr_svg');
    } finally {
      await restored.close();
    }
  });

  it('reads tables page by page without losing or repeating a row (pages of 2 rows here)', async () => {
    const paged = join(dir, 'paged.nbrbak');
    const a = connect(source);
    const written = await writeBackup(a.db, paged, PASS, FAST_SCRYPT, 2);
    await a.close();
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-paged-')), 'x.db')}`;
    const b = connect(url);
    try {
      await migrateToLatest(b.db);
      expect(await restoreBackup(b.db, paged, PASS)).toEqual(written);
      expect(written.audit_log).toBeGreaterThan(4);
      expect(written.staff).toBe(9);
    } finally {
      await b.close();
    }
  });

  it('starts a restored copy with its log and witness calls off until nbr mark-live (issue 22)', async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-copy-')), 'x.db')}`;
    const c = cli();
    expect(await c.run(['restore', '--in', file, '--database', url]), c.err.join('\n')).toBe(0);
    expect(c.out.at(-1)).toMatch(
      /a restored copy: its log and witness calls stay off until {2}nbr mark-live/,
    );
    const logSays = async (s: { log(): string }, re: RegExp) => {
      for (let i = 0; i < 50 && !re.test(s.log()); i++) await new Promise((r) => setTimeout(r, 100));
      return s.log();
    };
    const copy = await startService(url);
    try {
      expect(await logSays(copy, /restored copy/)).toMatch(
        /this database is a restored copy: its transparency log integrator and witness calls are OFF/,
      );
      expect(copy.log()).not.toMatch(/^log: .*verifier key/m);
    } finally {
      copy.proc.kill('SIGKILL');
    }
    const live = cli();
    expect(await live.run(['mark-live', '--database', url])).toBe(0);
    const handle = connect(url);
    try {
      expect(await isRestoredCopy(handle.db)).toBe(false);
      expect(
        (
          await handle.db
            .selectFrom('audit_log')
            .select('action')
            .orderBy('seq', 'desc')
            .executeTakeFirstOrThrow()
        ).action,
      ).toBe('registry.mark-live');
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    } finally {
      await handle.close();
    }
    const again = await startService(url);
    try {
      expect(await logSays(again, /^log: .*verifier key/m)).toMatch(/^log: .*verifier key/m);
    } finally {
      again.proc.kill('SIGKILL');
    }
  });

  it('leaves a restore that stopped half-way marked, and the service refuses to start on it', async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-stop-')), 'x.db')}`;
    const b = connect(url);
    try {
      await migrateToLatest(b.db);
      // The disk fills up when the audit trail goes in, after the whole file was checked.
      await sql`create trigger full_disk before insert on audit_log begin select raise(abort, 'database or disk is full'); end`.execute(
        b.db,
      );
      await expect(restoreBackup(b.db, file, PASS)).rejects.toThrow(/disk is full/);
      await expect(requireNoInterruptedRestore(b.db)).rejects.toThrow(
        /did not finish: restore the backup again/,
      );
    } finally {
      await b.close();
    }
    await expect(startService(url)).rejects.toThrow(
      /exited \(2\)[^]*a restore into this database did not finish/,
    );
  });

  it('restores nothing from a wrong passphrase, a changed byte or a cut file', async () => {
    const bytes = readFileSync(file);
    const changed = Buffer.from(bytes);
    changed[changed.length - 40] = changed[changed.length - 40]! ^ 1;
    const cut = bytes.subarray(0, bytes.length - 100);
    const cases: [Record<string, string>, Buffer, RegExp][] = [
      [{ NBR_BACKUP_PASSPHRASE: 'not the passphrase at all' }, bytes, /wrong passphrase/],
      [{ NBR_BACKUP_PASSPHRASE: PASS }, changed, /altered/],
      [{ NBR_BACKUP_PASSPHRASE: PASS }, cut, /incomplete|cut short/],
    ];
    for (const [env, content, message] of cases) {
      const damaged = join(dir, `damaged-${Math.random().toString(36).slice(2)}`);
      writeFileSync(damaged, content);
      const url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-restore-bad-')), 'x.db')}`;
      const c = cli(env);
      expect(await c.run(['restore', '--in', damaged, '--database', url])).toBe(2);
      expect(c.err[0]).toMatch(message);
      const db = connect(url);
      try {
        expect(await db.db.selectFrom('documents').select('id').execute()).toEqual([]);
        expect(await db.db.selectFrom('offices').select('id').execute()).toEqual([]);
      } finally {
        await db.close();
      }
    }
  });
});
