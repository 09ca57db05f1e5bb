// The audit chain detects tampering (and `nbr audit verify` reports the first broken entry); a database filled
// at an older schema version keeps all its data after migrating to the latest.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { dbCommands } from '../../src/cli/commands/db.js';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { connect } from '../../src/db/connect.js';
import { migrateToLatest, MIGRATIONS } from '../../src/db/migrations.js';
import { verifyAuditChain } from '../../src/services/audit.js';
import { api, NAVITSKAYA, testCipher, testRegistry, tokenFor } from '../helpers/registry.js';
import { requireSealed } from '../../src/services/store/data-keys.js';
import { migrateToSealed } from '../../src/services/store/reseal.js';
import { openRow } from '../../src/services/store/row-codec.js';

function cli() {
  const out: string[] = [];
  const ctx = {
    env: {},
    out: (l: string) => out.push(l),
    // Standard error (progress, a summary line) is not what a script reads; failures land there too.
    err: (l: string) => (/^checked \d+ audit entries/.test(l) ? undefined : out.push(l)),
    clock: Date.now,
    documentTypes: new DocumentTypeRegistry(),
    readStdin: async () => '',
  };
  return { out, run: (argv: string[]) => runCli(argv, ctx, dbCommands) };
}

describe('audit log', () => {
  it('chains every staff action and reports the first tampered entry', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nbr-audit-')), 'registry.db');
    const r = await testRegistry({ databaseUrl: `sqlite:${file}` });
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    for (let i = 0; i < 3; i++) await clerk('POST', '/api/v1/applicants', NAVITSKAYA);
    const entries = await r.handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['office.create', 'staff.create', 'token.create', 'applicant.create']),
    );
    // No personal data in the log: no names, no birth dates.
    expect(JSON.stringify(entries)).not.toMatch(/Навіцкая|NAVITSKAIA|1990-03-15/);

    const ok = cli();
    expect(await ok.run(['audit', 'verify', '--database', `sqlite:${file}`])).toBe(0);
    expect(ok.out[0]).toBe(`audit chain intact: ${entries.length} entries`);

    // Rewrite history: change the action of entry 5.
    await r.handle.db
      .updateTable('audit_log')
      .set({ action: 'applicant.read' })
      .where('seq', '=', 5)
      .execute();
    const broken = cli();
    expect(await broken.run(['audit', 'verify', '--database', `sqlite:${file}`])).toBe(1);
    expect(broken.out[0]).toMatch(/^AUDIT CHAIN BROKEN at entry 5: entry content does not match its hash/);

    // Deleting the last entries is caught by the chain head.
    await r.handle.db
      .updateTable('audit_log')
      .set({ action: entries[4]!.action })
      .where('seq', '=', 5)
      .execute();
    await r.handle.db.deleteFrom('audit_log').where('seq', '=', entries.length).execute();
    const truncated = await verifyAuditChain(r.handle.db);
    expect(truncated.ok).toBe(false);
    await r.close();
  });
});

describe('audit trail for admins', () => {
  it('shows office admins their office only, cabinet admins everything, newest first, page by page', async () => {
    const r = await testRegistry();
    try {
      const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
      for (let i = 0; i < 3; i++) await clerk('POST', '/api/v1/applicants', NAVITSKAYA);
      await api(r.app, await tokenFor(r.app, 'lt-clerk'))('POST', '/api/v1/applicants', NAVITSKAYA);
      const pl = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
      const first = (await pl('GET', '/api/v1/audit?limit=2')).json;
      expect(first.items).toHaveLength(2);
      expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
      const all: { office: string | null; action: string; actor: string | null; seq: number }[] = [
        ...first.items,
      ];
      for (let cursor = first.nextCursor; cursor; ) {
        const next = (await pl('GET', `/api/v1/audit?limit=2&cursor=${cursor}`)).json;
        all.push(...next.items);
        cursor = next.nextCursor;
      }
      expect(new Set(all.map((e) => e.office))).toEqual(new Set(['PL-WAW']));
      expect(all.filter((e) => e.action === 'applicant.create')).toHaveLength(3);
      expect(all.find((e) => e.action === 'applicant.create')!.actor).toBe('PL clerk');
      expect(JSON.stringify(all)).not.toMatch(/Навіцкая|NAVITSKAIA|1990-03-15/);

      const cabinet = api(r.app, await tokenFor(r.app, 'cabinet'));
      const lt = (await cabinet('GET', `/api/v1/audit?officeId=${r.offices.LT}&action=applicant.create`)).json
        .items;
      expect(lt.map((e: { office: string }) => e.office)).toEqual(['LT-VNO']);
      expect((await cabinet('GET', '/api/v1/audit/verify')).json).toMatchObject({ ok: true });
      expect((await pl('GET', '/api/v1/audit?cursor=abc')).status).toBe(400);
    } finally {
      await r.close();
    }
  });
});

describe('migrations', () => {
  it('keep the data of a database filled at the first schema version', async () => {
    const names = Object.keys(MIGRATIONS);
    expect(names.length).toBeGreaterThan(1);
    const file = join(mkdtempSync(join(tmpdir(), 'nbr-migrate-')), 'registry.db');
    const old = connect(`sqlite:${file}`);
    await migrateToLatest(old.db, names[0]);
    // Fill every table the first version has, as the service at that version would.
    const t = '2026-11-26T00:00:00.000Z';
    await old.db
      .insertInto('offices')
      .values({ id: 'o1', code: 'PL-WAW', name: 'x', country: 'PL', series: 'PA', created_at: t })
      .execute();
    await old.db
      .insertInto('staff')
      .values({
        id: 's1',
        office_id: 'o1',
        username: 'u',
        display_name: 'U',
        password_hash: 'h',
        role: 'clerk',
        disabled: 0,
        created_at: t,
      } as never)
      .execute();
    await old.db
      .insertInto('applicants')
      .values({
        id: 'a1',
        office_id: 'o1',
        surname: 'Рудзь',
        given_names: 'Ганна',
        patronymic: null,
        surname_latin: 'RUDZ',
        given_names_latin: 'HANNA',
        latin_override: 0,
        sex: 'F',
        birth_date: '1990-01-01',
        birth_place: null,
        personal_number: null,
        search_key: 'рудзь',
        created_by: 's1',
        created_at: t,
      })
      .execute();
    await old.db
      .insertInto('applications')
      .values({
        id: 'p1',
        office_id: 'o1',
        applicant_id: 'a1',
        document_type: 'passport',
        data: '{}',
        state: 'issued',
        created_by: 's1',
        decided_by: null,
        decision_reason: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await old.db
      .insertInto('documents')
      .values({
        id: 'd1',
        office_id: 'o1',
        application_id: 'p1',
        applicant_id: 'a1',
        document_type: 'passport',
        number: 'PA1234567',
        status_index: 7,
        kid: 'k',
        qr_text: 'NB1:X',
        data: '{}',
        mrz: null,
        state: 'issued',
        issued_at: t,
        issued_by: 's1',
        revoked_at: null,
        revoked_by: null,
        revocation_reason: null,
        qr_svg: null,
      } as never)
      .execute();
    // The cached QR SVG column goes with migration 022; everything else stays.
    const { qr_svg: _svg, ...before } = (await old.db
      .selectFrom('documents')
      .selectAll()
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    const staffBefore = await old.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
    await old.close();

    const latest = connect(`sqlite:${file}`);
    const result = await migrateToLatest(latest.db);
    expect(result.results?.map((m) => m.migrationName)).toEqual(names.slice(1));
    const after = await latest.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual({
      ...before,
      superseded_by: null,
      personal_number: null,
      number_bx: null,
      personal_number_bx: null,
    });
    // Accounts keep their password and role, and start unlocked with no failures counted.
    expect(await latest.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow()).toEqual({
      ...staffBefore,
      failed_logins: 0,
      locked_until: null,
      activation_expires_at: null, // their own password, not an activation code (migration 017)
    });
    expect((await latest.db.selectFrom('applicants').selectAll().executeTakeFirstOrThrow()).surname).toBe(
      'Рудзь',
    );
    // The name-search terms are built for the applicants that were there (migration 014).
    const terms = await latest.db.selectFrom('applicant_terms').select('term').orderBy('term').execute();
    expect(terms.map((t) => t.term)).toEqual(['ганна', 'hanna', 'рудзь', 'rudz'].sort());
    // Rows from before encryption at rest keep the service from starting until they are sealed (issue 25).
    await expect(requireSealed(latest.db)).rejects.toThrow(/nbr data-key migrate/);
    const cipher = await testCipher(latest.db);
    expect(await migrateToSealed(latest.db, cipher, { postgres: false })).toBeGreaterThan(5);
    await requireSealed(latest.db);
    const sealed = await latest.db.selectFrom('applicants').selectAll().executeTakeFirstOrThrow();
    expect(sealed.surname).toMatch(/^ev1:d1:/);
    expect(openRow(cipher, 'applicants', sealed).surname).toBe('Рудзь');
    const doc = await latest.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow();
    expect(openRow(cipher, 'documents', doc)).toMatchObject({ number: 'PA1234567', qr_text: 'NB1:X' });
    expect(doc.number_bx).toMatch(/^[0-9a-f]{16}$/);
    // The plain words are gone from the search index; beacons of their prefixes took their place.
    const beacons = await latest.db.selectFrom('applicant_terms').select('term').execute();
    expect(beacons.every((t) => /^[0-9a-f]{8}$/.test(t.term))).toBe(true);
    expect(beacons.length).toBeGreaterThan(8);
    await latest.close();
  });
});
