// Long CLI work says how far it got (issue 24, item 15): on a terminal a progress line on standard error
// (done/total, rate, time left), otherwise one summary line at the end, nothing with --quiet; what scripts
// read on standard output stays as it was.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbCommands } from '../../src/cli/commands/db.js';
import { runCli } from '../../src/cli/main.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { KEY_PASSPHRASE, testRegistry, type TestRegistry } from '../helpers/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'nbr-progress-'));
const source = `sqlite:${join(dir, 'source.db')}`;
let r: TestRegistry;
beforeAll(async () => {
  r = await testRegistry({ databaseUrl: source });
  await issuePassport(r);
});
afterAll(() => r.close());

function cli(terminal: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const status: string[] = [];
  const ctx = {
    env: {
      NBR_BACKUP_PASSPHRASE: 'backup passphrase for tests',
      NBR_KEY_PASSPHRASE: KEY_PASSPHRASE,
      NBR_DATA_KEY_FILE: r.deps.config.dataKeyFile,
    },
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    ...(terminal ? { status: (t: string) => status.push(t) } : {}),
    clock: Date.now,
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => '',
  };
  return { out, err, status, run: (argv: string[]) => runCli(argv, ctx, dbCommands) };
}

describe('progress of long work', () => {
  it('backup, restore and audit verify: a progress line on a terminal, one summary line otherwise', async () => {
    const tty = cli(true);
    expect(await tty.run(['backup', '--out', join(dir, 'a.nbrbak'), '--database', source])).toBe(0);
    const last = tty.status.filter((s) => s !== '').at(-1)!;
    const [, done, total] = /^rows backed up: (\d+)\/(\d+) \(\d+\/s, .+ left\)$/.exec(last)!;
    expect(Number(done)).toBe(Number(total));
    expect(tty.status.at(-1)).toBe(''); // the line is cleared before the summary
    expect(tty.err).toEqual([expect.stringMatching(/^backed up \d+ rows in \d+ s$/)]);

    const piped = cli(false);
    expect(await piped.run(['backup', '--out', join(dir, 'b.nbrbak'), '--database', source])).toBe(0);
    expect(piped.status).toEqual([]);
    expect(piped.err).toEqual([expect.stringMatching(/^backed up \d+ rows in \d+ s$/)]);
    // Standard output as before: what a script reads.
    expect(piped.out[0]).toMatch(/^backup written to .*b\.nbrbak: \d+ offices/);
    expect(piped.out.map((l) => l.replace('b.nbrbak', 'a.nbrbak'))).toEqual(tty.out);

    const restore = cli(true);
    const target = `sqlite:${join(dir, 'restored.db')}`;
    expect(await restore.run(['restore', '--in', join(dir, 'a.nbrbak'), '--database', target])).toBe(0);
    expect(restore.status.some((s) => /^rows restored: \d+\/\d+/.test(s))).toBe(true);
    expect(restore.err).toEqual([expect.stringMatching(/^restored \d+ rows in \d+ s$/)]);
    // The search index is not in the file: the restore rebuilt it from the sealed names, with the data key.
    const { connect } = await import('../../src/db/connect.js');
    const copy = connect(target);
    const terms = async (db: typeof copy.db) =>
      await db
        .selectFrom('applicant_terms')
        .select(['term', 'applicant_id'])
        .orderBy('term')
        .orderBy('applicant_id')
        .execute();
    expect((await terms(copy.db)).length).toBeGreaterThan(10);
    expect(await terms(copy.db)).toEqual(await terms(r.deps.db));
    await copy.close();

    const audit = cli(true);
    expect(await audit.run(['audit', 'verify', '--database', target])).toBe(0);
    expect(audit.status.some((s) => /^audit entries: \d+\/\d+/.test(s))).toBe(true);
    expect(audit.out).toEqual([expect.stringMatching(/^audit chain intact: \d+ entries$/)]);
  });

  it('says nothing on standard error with --quiet', async () => {
    const quiet = cli(true);
    expect(await quiet.run(['backup', '--out', join(dir, 'q.nbrbak'), '--database', source, '--quiet'])).toBe(
      0,
    );
    expect(quiet.status).toEqual([]);
    expect(quiet.err).toEqual([]);
    expect(quiet.out[0]).toMatch(/^backup written to /);
    const audit = cli(false);
    expect(await audit.run(['audit', 'verify', '--database', source, '--quiet'])).toBe(0);
    expect(audit.err).toEqual([]);
  });
});
