// nbr log monitor: follows the log and reconciles every leaf with a document issued through the workflow;
// a leaf and document written straight into the database (an insider with database access and a stolen key)
// is reported, with a non-zero exit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { signDocument } from '../../src/core/sign-document.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { inProcessCli } from '../helpers/cli-context.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, type TestRegistry, testRegistry } from '../helpers/registry.js';

let r: TestRegistry;
let url: string;
beforeAll(async () => {
  url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-monitor-')), 'registry.db')}`;
  r = await testRegistry({ databaseUrl: url });
});
afterAll(() => r.close());

describe('nbr log monitor', () => {
  it('passes a log of issued documents and raises the alarm for a leaf written around the workflow', async () => {
    const genuine = await issuePassport(r);
    await issuePassport(r, { surname: 'Другая', givenNames: 'Асоба', sex: 'F', birthDate: '1977-07-07' });
    await integrateLog(r.deps);
    const dir = mkdtempSync(join(tmpdir(), 'nbr-monitor-copy-'));
    for (const [file, path] of [
      ['trust.jws', '/trust-list'],
      ['root.jwk.json', '/trust-list/root.jwk.json'],
    ] as const)
      writeFileSync(join(dir, file), (await api(r.app)('GET', path)).text);
    const { ctx, out, err } = inProcessCli(r);
    const args = ['log', 'monitor', '--from', 'http://registry.test/log', '--dir', join(dir, 'copy')];
    const monitor = () =>
      runCli(
        [...args, '--trust', join(dir, 'trust.jws'), '--root', join(dir, 'root.jwk.json'), '--database', url],
        ctx,
      );
    expect(await monitor(), err.join('\n')).toBe(0);
    expect(out.at(-1)).toBe('all 2 entries match issued documents');
    // Not a terminal: one summary line of the sync on standard error (issue 24, item 15).
    expect(err).toContainEqual(expect.stringMatching(/^fetched 1 entry bundles in \d+ s$/));
    // And of the reconciliation with the database, which walks every entry.
    expect(err).toContainEqual(
      expect.stringMatching(/^reconciled 2 log entries with the database in \d+ s$/),
    );

    // The insider: a document signed with the office's key, with a leaf, straight into the database.
    const db = r.deps.db;
    const doc = await db
      .selectFrom('documents')
      .selectAll()
      .where('id', '=', genuine.id)
      .executeTakeFirstOrThrow();
    const app = await db
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', doc.application_id)
      .executeTakeFirstOrThrow();
    const now = Math.floor(r.clock.t / 1000);
    const stolen = r.deps.keyring.signerFor('PL-WAW', 'passport', now)!;
    const signed = await signDocument(
      {
        type: 'passport',
        office: 'PL-WAW',
        issuedAt: now,
        statusIndex: 99,
        logIndex: 2,
        fields: { ...genuine.data, number: 'PA7777777' },
      },
      stolen.signer,
      r.deps.documentTypes,
    );
    await db
      .insertInto('applications')
      .values({ ...app, id: 'forged-app', state: 'issued', decided_by: app.created_by })
      .execute();
    await db
      .insertInto('documents')
      .values({
        ...doc,
        id: 'forged-doc',
        application_id: 'forged-app',
        // Written without the data key file (an insider with database access only): plain values, no beacons.
        number: 'PA7777777',
        number_bx: null,
        status_index: 99,
        qr_text: signed.qrText,
      })
      .execute();
    await db
      .insertInto('log_leaves')
      .values({ idx: 2, entry: signed.logEntry, document_id: 'forged-doc' })
      .execute();
    await integrateLog(r.deps);
    out.length = 0;
    expect(await monitor()).toBe(1);
    expect(err.join('\n')).toMatch(/ALARM: log entry 2 has no document issued through the workflow/);
    expect(out.at(-1)).toBe('1 entries unmatched');
  });
});
