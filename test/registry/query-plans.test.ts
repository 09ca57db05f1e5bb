// Every statement a request runs uses an index (issue 11: at a million documents a full scan of a big table
// costs seconds, and inside a write transaction it stops the office). The test runs the whole desk through
// the HTTP API (registration, search, lists with every filter, issuance, revocation, status list, log,
// verification, audit), records every statement the service executed, and asks each database for its plan:
// SQLite's EXPLAIN QUERY PLAN, PostgreSQL's EXPLAIN with sequential scans disabled (so that the plan shows
// whether an index can serve the query at all, whatever the small test tables would make cheapest). A
// statement that can only read a big table whole fails the test, with its plan.
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { api, NAVITSKAYA, registryOn, testDialects, tokenFor } from '../helpers/registry.js';
import { revokeAsTwo } from '../helpers/revoke.js';

const dialects = await testDialects('the query-plan test');

/** Partial indexes: a scan of one reads its few rows, not the table (SQLite plans show them as SCAN). */
const PARTIAL_INDEXES = ['status_entries_revoked_only_idx'];

/** Tables that grow with the documents, the people or the staff's work. */
const BIG = [
  'applicants',
  'applicant_terms',
  'photos',
  'applications',
  'application_photos',
  'documents',
  'document_photos',
  'document_events',
  'status_entries',
  'log_leaves',
  'log_tiles',
  'audit_log',
  'revocation_requests',
  'staff_requests',
  'sessions',
  'personal_data_reads',
];

/**
 * Reads of a whole big table that are the point of the request, not a missing index: verifying the whole
 * audit chain (a cabinet admin's explicit check, `GET /audit/verify`); counting the status list's entries
 * (at most once a minute, services/status/status-capacity.ts; its cost at a million is in docs/benchmarks.md).
 */
const WHOLE_BY_DESIGN = [
  /^select .* from "audit_log" order by "seq"( asc)? limit/i,
  /^select count\(\*\) as "n" from "status_entries"$/i,
];

describe.each(dialects)('query plans on %s', (_name, kind) => {
  let r: Awaited<ReturnType<typeof registryOn>>;
  const statements = new Map<string, readonly unknown[]>();

  beforeAll(async () => {
    r = await registryOn(kind, {
      onQuery: (q) => {
        if (!statements.has(q.sql)) statements.set(q.sql, q.parameters);
      },
    });
  });
  afterAll(() => r.dispose());

  async function runTheDesk(): Promise<void> {
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    const cabinet = api(r.app, await tokenFor(r.app, 'cabinet'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const anyone = api(r.app);
    const first = await issuePassport(r, NAVITSKAYA, 'pl');
    const second = await issuePassport(r, { ...NAVITSKAYA, givenNames: 'Алена' }, 'pl'); // supersedes nothing
    const again = await issuePassport(r, NAVITSKAYA, 'pl'); // another record of the same person
    await integrateLog(r.deps);
    const applicant = (await clerk('GET', `/api/v1/documents/${first.id}`)).json.applicantId;
    await clerk('PUT', `/api/v1/applicants/${applicant}`, { ...NAVITSKAYA, birthPlace: 'Гродна' });
    for (const body of [
      { q: 'навіц' },
      { q: 'navits kats' },
      { q: 'нав', birthDate: NAVITSKAYA.birthDate },
      { birthDate: NAVITSKAYA.birthDate },
      { q: 'на', cursor: applicant },
    ])
      expect((await clerk('POST', '/api/v1/applicants/search', body)).status).toBe(200);
    for (const qs of [
      '',
      '?state=issued',
      '?type=passport',
      '?from=2026-01-01&to=2026-12-31',
      '?state=revoked&type=passport',
      `?cursor=${second.id}`,
      `?applicantId=${applicant}`,
      `?order=oldest&cursor=${second.id}`,
    ])
      expect((await clerk('GET', `/api/v1/documents${qs}`)).status).toBe(200);
    for (const qs of [
      '',
      '?state=submitted',
      '?state=issued',
      `?cursor=${applicant}`,
      `?applicantId=${applicant}`,
      '?mine=true',
      '?state=draft&mine=true',
      `?state=submitted&order=oldest&cursor=${applicant}`,
    ])
      expect((await clerk('GET', `/api/v1/applications${qs}`)).status).toBe(200);
    await clerk('POST', '/api/v1/documents/lookup', { number: second.number });
    for (const path of [
      `/api/v1/applicants/${applicant}`,
      `/api/v1/applicants/${applicant}/photo`,
      `/api/v1/documents/${first.id}/events`,
      `/api/v1/documents/${first.id}/print`,
      `/api/v1/documents/${first.id}/print?layout=td3`,
      `/api/v1/documents/${first.id}/qr.svg`,
    ])
      expect((await clerk('GET', path)).status, path).toBe(200);
    await revokeAsTwo(r.app, again.id, { reason: 'lost' });
    expect((await admin('GET', '/api/v1/audit?limit=5')).status).toBe(200);
    expect((await cabinet('GET', '/api/v1/audit?limit=5&action=document.issue')).status).toBe(200);
    expect((await cabinet('GET', '/api/v1/reports/cross-office-passports')).status).toBe(200);
    expect((await admin('GET', '/api/v1/staff-requests')).status).toBe(200);
    // The menu's counts (issue 24, item 9), for each role that has some, and GET /documents/{id} with its
    // pending revocation.
    for (const who of [admin, cabinet, clerk, approver])
      expect((await who('GET', '/api/v1/session/work')).status).toBe(200);
    expect((await clerk('GET', `/api/v1/documents/${first.id}`)).status).toBe(200);
    expect((await anyone('GET', '/status-list')).status).toBe(200);
    expect((await anyone('GET', '/log/checkpoint')).status).toBe(200);
    expect((await anyone('POST', '/api/v1/verify', { qr: second.qrText })).status).toBe(200);
    expect((await anyone('GET', '/healthz')).status).toBe(200);
  }

  async function plan(sql: string, parameters: readonly unknown[]): Promise<string[]> {
    if (kind === 'pg') {
      // One connection for both statements: a transaction.
      return r.handle.db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
        const out = await trx.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`explain ${sql}`, [...parameters]),
        );
        return out.rows.map((row) => row['QUERY PLAN']);
      });
    }
    const out = await r.handle.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
    );
    return out.rows.map((row) => row.detail);
  }

  /**
   * What makes a plan cost the size of a big table. PostgreSQL: a sequential scan even with them disabled (no
   * index can serve the query). SQLite, planning as if each big table held a million rows (below): reading a
   * big table or a whole index of it row by row (SCAN), or sorting every match to return one page.
   */
  function fullScans(sql: string, lines: string[]): string[] {
    const found: string[] = [];
    const paged = /\blimit\b/i.test(sql);
    for (const line of lines) {
      for (const table of BIG) {
        if (kind === 'pg') {
          if (new RegExp(`Seq Scan on ${table}\\b`).test(line)) found.push(table);
        } else if (
          new RegExp(`^SCAN ${table}\\b`).test(line.trim()) &&
          // A scan of a partial index reads only the rows it holds (the revoked entries: migration 020).
          !PARTIAL_INDEXES.some((i) => line.includes(`INDEX ${i}`))
        )
          found.push(table);
        else if (new RegExp(`^USE TEMP B-TREE FOR ORDER BY`).test(line.trim()) && paged) found.push('sort');
      }
    }
    return [...new Set(found)];
  }

  /**
   * SQLite plans by sqlite_stat1 (https://sqlite.org/fileformat2.html#stat1tab): tell it each big table
   * holds a million rows, the first column of an index picks one in 25 (an office, a state) and each further
   * column narrows that again, so that it plans as it would at scale rather than for the few test rows.
   */
  async function planAsAtScale(): Promise<void> {
    const db = r.handle.db;
    await db.executeQuery(CompiledQuery.raw('analyze'));
    const indexes = await db.executeQuery<{ tbl: string; name: string }>(
      CompiledQuery.raw("select tbl_name as tbl, name from sqlite_master where type = 'index'"),
    );
    await db.executeQuery(CompiledQuery.raw('delete from sqlite_stat1'));
    for (const { tbl, name } of indexes.rows) {
      if (!BIG.includes(tbl)) continue;
      const cols = await db.executeQuery(CompiledQuery.raw(`pragma index_info("${name}")`));
      const stat = [
        1_000_000,
        ...cols.rows.map((_, i) => Math.max(1, Math.round(1_000_000 / 25 ** (i + 1)))),
      ];
      await db.executeQuery(
        CompiledQuery.raw('insert into sqlite_stat1 values (?, ?, ?)', [tbl, name, stat.join(' ')]),
      );
    }
    for (const tbl of BIG)
      await db.executeQuery(
        CompiledQuery.raw('insert into sqlite_stat1 values (?, null, ?)', [tbl, '1000000']),
      );
    await db.executeQuery(CompiledQuery.raw('analyze sqlite_schema')); // reload the statistics
  }

  it('reads every big table through an index, in every statement of the desk', async () => {
    statements.clear(); // the migrations' and the fixture's statements are not requests
    await runTheDesk();
    if (kind !== 'pg') await planAsAtScale();
    expect(statements.size).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const [sql, parameters] of statements) {
      if (!/^\s*(select|update|delete|with)/i.test(sql)) continue;
      if (WHOLE_BY_DESIGN.some((p) => p.test(sql))) continue;
      const lines = await plan(sql, parameters);
      const scans = fullScans(sql, lines);
      if (process.env.SHOW_PLANS && lines.some((l) => /SCAN|Seq Scan|Sort/.test(l)))
        console.log(`${sql}\n    ${lines.join('\n    ')}`);
      if (scans.length) offenders.push(`${scans.join(', ')}: ${sql}\n    ${lines.join('\n    ')}`);
    }
    expect(offenders, offenders.join('\n\n')).toEqual([]);
    // A clerk's own list is read through the creator's index, not by walking the office's applications.
    const mine = [...statements].find(([sql]) => /"a"\."created_by" = /.test(sql));
    expect(mine).toBeDefined();
    expect((await plan(mine![0], mine![1])).join('\n')).toMatch(/applications_creator_idx/);
  });
});
