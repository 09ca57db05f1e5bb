// kill -9 in the middle of `nbr data-key rotate` and `nbr data-key migrate` (issue 25): the next run resumes,
// nothing is lost, and no row is left half-sealed (a row's columns are re-sealed in one transaction with the
// walk's cursor). Run as real child processes on a SQLite file the test keeps open beside them.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealedKeyId } from '../../src/crypto/field-cipher.js';
import type { Database } from '../../src/db/schema.js';
import { openFieldCipher, PLAINTEXT_MARKER, requireSealed } from '../../src/services/store/data-keys.js';
import { loadDataKeyFile } from '../../src/crypto/data-key-file.js';
import { PERSONAL_COLUMNS, SEALED_TABLES } from '../../src/services/store/personal-columns.js';
import { openRow } from '../../src/services/store/row-codec.js';
import { grow } from '../../bench/scale-build.js';
import { deskActors } from '../../bench/desk.js';
import { KEY_PASSPHRASE, testRegistry, type TestRegistry, tokenFor, api } from '../helpers/registry.js';

const ROOT = resolve(import.meta.dirname, '../..');
let r: TestRegistry;
let url: string;

/** Every row of every sealed table, with the table, its declared columns and the sealed ones' names. */
async function* sealedRows(db: Kysely<Database>) {
  for (const table of SEALED_TABLES) {
    const spec = PERSONAL_COLUMNS[table];
    const columns = [...spec.sealed, ...spec.sealedBytes];
    const rows = (await (db as Kysely<any>).selectFrom(table).selectAll().execute()) as Record<
      string,
      unknown
    >[];
    for (const row of rows) yield { table, spec, columns, row };
  }
}

/** Every sealed value of the database, opened, by table/row/column (the registry's content). */
async function content(db: Kysely<Database>): Promise<Map<string, string>> {
  const cipher = await openFieldCipher(db, loadDataKeyFile(r.deps.config.dataKeyFile, KEY_PASSPHRASE), {
    create: false,
    now: () => new Date().toISOString(),
  });
  const out = new Map<string, string>();
  for await (const { table, spec, columns, row } of sealedRows(db)) {
    const opened = openRow(cipher, table, row);
    for (const c of columns)
      out.set(`${table}/${row[spec.rowKey]}/${c}`, Buffer.from(String(opened[c] ?? '')).toString('base64'));
  }
  return out;
}

/** The data keys each sealed value names, with a count; "plain" for a value that is not sealed. */
async function keysInUse(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for await (const { columns, row } of sealedRows(db))
    for (const c of columns) {
      const v = row[c] as string | Uint8Array | null;
      if (v === null) continue;
      const id = sealedKeyId(v) ?? 'plain';
      out[id] = (out[id] ?? 0) + 1;
    }
  return out;
}

/** Runs `nbr data-key ...` as a process; with killAt, SIGKILLs it once the walk's cursor has moved. */
async function dataKey(args: string[], killAt?: string): Promise<{ code: number | string; err: string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), 'data-key', ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
        NBR_DATA_KEY_FILE: r.deps.config.dataKeyFile,
        DATABASE_URL: url,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const exited = new Promise<number | string>((done) =>
    proc.once('exit', (code, sig) => done(code ?? sig ?? -1)),
  );
  if (killAt) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const cursor = await r.deps.db
        .selectFrom('counters')
        .select('hash')
        .where('name', '=', killAt)
        .executeTakeFirst();
      // Past the first table: some rows re-sealed, most not.
      if (cursor?.hash && !cursor.hash.includes('"applicants"')) break;
      if (Date.now() > deadline) throw new Error(`the walk did not start: ${err}`);
      await new Promise((t) => setTimeout(t, 5));
    }
    proc.kill('SIGKILL');
  }
  return { code: await exited, err };
}

beforeAll(async () => {
  url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-data-key-')), 'registry.db')}`;
  r = await testRegistry({ databaseUrl: url });
  const { clerk, approver } = await deskActors(r);
  await grow(r.deps, clerk, approver, 0, 400, 100);
}, 120_000);
afterAll(() => r?.close());

describe('nbr data-key under kill -9', () => {
  it('rotate: killed half-way, resumes, and retires the old key with nothing lost', async () => {
    const before = await content(r.deps.db);
    expect(before.size).toBeGreaterThan(2_000);
    expect(await keysInUse(r.deps.db)).toEqual({ d1: expect.any(Number) });
    const killed = await dataKey(['rotate', '--batch', '5', '--settle', '0'], 'reseal_rotate');
    expect(killed.code).toBe('SIGKILL');
    const mixed = await keysInUse(r.deps.db);
    expect(Object.keys(mixed).sort()).toEqual(['d1', 'd2']); // half-way: both keys in use, nothing plain
    expect(await content(r.deps.db)).toEqual(before);
    const done = await dataKey(['rotate', '--settle', '0']);
    expect(done.code, done.err).toBe(0);
    expect(done.err).toMatch(/resuming the rotation/);
    expect(done.err).toMatch(/retired d1/);
    expect(await keysInUse(r.deps.db)).toEqual({ d2: expect.any(Number) });
    const d1 = await r.deps.db
      .selectFrom('data_keys')
      .selectAll()
      .where('id', '=', 'd1')
      .executeTakeFirstOrThrow();
    expect(d1).toMatchObject({ state: 'retired', wrapped: null });
    expect(await content(r.deps.db)).toEqual(before);
    // The running registry took the new key: it opens the re-sealed rows and seals new ones with d2.
    const { refreshFieldCipher } = await import('../../src/services/store/data-keys.js');
    await refreshFieldCipher(
      r.deps.db,
      loadDataKeyFile(r.deps.config.dataKeyFile, KEY_PASSPHRASE),
      r.deps.cipher,
    );
    expect(r.deps.cipher.activeKeyId).toBe('d2');
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const found = await clerk('POST', '/api/v1/applicants/search', { q: 'Навіцкая' });
    expect(found.json.items.length).toBeGreaterThan(0);
  }, 180_000);

  it('migrate: killed half-way, the service still refuses; the next run seals every row', async () => {
    // A registry from before encryption at rest: every value back in plain text, the marker set, no beacons.
    const db = r.deps.db;
    const before = await content(db);
    for await (const { table, spec, columns, row } of sealedRows(db)) {
      const opened = openRow(r.deps.cipher, table, row);
      const set = Object.fromEntries(columns.map((c) => [c, opened[c]]));
      await (db as Kysely<any>)
        .updateTable(table)
        .set(set)
        .where(spec.rowKey, '=', row[spec.rowKey])
        .execute();
    }
    await db.updateTable('applicants').set({ birth_date_bx: null, personal_number_bx: null }).execute();
    await db.insertInto('counters').values({ name: PLAINTEXT_MARKER, value: 1 }).execute();
    expect(Object.keys(await keysInUse(db))).toEqual(['plain']);
    const killed = await dataKey(['migrate', '--batch', '5'], 'reseal_migrate');
    expect(killed.code).toBe('SIGKILL');
    const mixed = await keysInUse(db);
    expect(Object.keys(mixed).sort()).toEqual(['d2', 'plain']);
    // Each row is whole: all of its sealed columns plain, or all sealed.
    for await (const { table, spec, columns, row } of sealedRows(db)) {
      const kinds = new Set(
        columns
          .map((c) => row[c] as string | Uint8Array | null)
          .filter((v) => v !== null)
          .map((v) => (sealedKeyId(v) ? 'sealed' : 'plain')),
      );
      expect(kinds.size, `${table} ${row[spec.rowKey]}`).toBeLessThanOrEqual(1);
    }
    expect(
      await db.selectFrom('counters').select('name').where('name', '=', PLAINTEXT_MARKER).executeTakeFirst(),
    ).toBeTruthy();
    await expect(requireSealed(db)).rejects.toThrow(/plain text/);
    const done = await dataKey(['migrate']);
    expect(done.code, done.err).toBe(0);
    expect(await keysInUse(db)).toEqual({ d2: expect.any(Number) });
    expect(await content(db)).toEqual(before);
    expect(
      await db.selectFrom('counters').select('name').where('name', '=', PLAINTEXT_MARKER).executeTakeFirst(),
    ).toBeUndefined();
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    expect(
      (await clerk('POST', '/api/v1/applicants/search', { birthDate: '1950-01-01' })).json.items.length,
    ).toBeGreaterThan(0);
  }, 180_000);
});
