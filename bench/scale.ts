// The registry at 10k, 100k and 1M documents (issue 11), on SQLite and PostgreSQL: one registry per database,
// grown step by step by bench/scale-build.ts, and at each size the operations an office and an operator run,
// through the same in-process HTTP app as the service (authentication, budgets, JSON) or the same functions
// as the CLI. Medians of repeated runs; ratios against the smallest size in the same run.
//
// Usage: npx tsx bench/scale.ts [sqlite|postgres|both=both] [sizes=10000,100000,1000000] [operator-max=all]

import { rebuildTerms } from '../src/services/registry/name-terms.js';
import { openRow } from '../src/services/store/row-codec.js';
import { sql } from 'kysely';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { restoreBackup, writeBackup } from '../src/db/backup.js';
import { connect } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrations.js';
import { verifyAuditChain } from '../src/services/audit.js';
import { issueDocument } from '../src/services/registry/issuance.js';
import { integrateLog } from '../src/services/log/log-integrator.js';
import { statusCapacity } from '../src/services/status/status-capacity.js';
import { createStatusListPublisher } from '../src/services/status/status-list.js';
import {
  api,
  freshPostgres,
  testCipher,
  testRegistry,
  tokenFor,
  type TestRegistry,
} from '../test/helpers/registry.js';
import { startService } from '../test/helpers/service-process.js';
import { approvePassports, deskActors } from './desk.js';
import { grow, rareSurname } from './scale-build.js';

const which = process.argv[2] ?? 'both';
const sizes = (process.argv[3] ?? '10000,100000,1000000').split(',').map(Number);
// Above this size the operator's whole-registry tasks (audit verification, start-up, backup, restore) are left
// out: at a million they take most of an hour on two cores; the requests are measured at every size.
const operatorMax = Number(process.argv[4] ?? Number.POSITIVE_INFINITY);
const PASS = 'bench backup passphrase';
const STATUS_SIZE = 1 << 22;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const round = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 100) / 100);

async function timeEach(n: number, f: (i: number) => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function once(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function measure(kind: string, r: TestRegistry, url: string, size: number) {
  const { clerk, approver } = await deskActors(r);
  const desk = api(r.app, await tokenFor(r.app, 'pl-clerk'), { contract: false });
  const out: Record<string, number> = { documents: size };
  out.logIntegrateMs = round(
    await once(async () => {
      while (((await integrateLog(r.deps))?.added ?? 0) > 0);
    }),
  );
  // Issuance: passports with portraits through the services, the holder's earlier passport looked up.
  const apps = await approvePassports(r.deps, clerk, approver, 40, {
    surname: 'Замерная',
    givenNames: 'Ала',
    sex: 'F',
    birthDate: '1991-02-03',
  });
  out.issueMs = round(await timeEach(apps.length, (i) => issueDocument(r.deps, clerk, apps[i]!)));
  // Lookups of documents spread over the registry (found through their log index).
  const picks = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const idx = Math.floor(((i + 0.5) / 50) * size);
      const leaf = await r.handle.db
        .selectFrom('log_leaves')
        .select('document_id')
        .where('idx', '=', idx)
        .executeTakeFirstOrThrow();
      const doc = await r.handle.db
        .selectFrom('documents')
        .select('number')
        .where('id', '=', leaf.document_id)
        .executeTakeFirstOrThrow();
      return openRow(r.deps.cipher, 'documents', doc, leaf.document_id).number;
    }),
  );
  const ok = async (p: Promise<{ status: number; text: string }>) => {
    const res = await p;
    if (res.status !== 200) throw new Error(`${res.status} ${res.text.slice(0, 200)}`);
    return res;
  };
  out.lookupMs = round(
    await timeEach(picks.length, (i) => ok(desk('POST', '/api/v1/documents/lookup', { number: picks[i] }))),
  );
  const rare = (i: number) =>
    rareSurname(Math.floor(((i + 0.5) / 30) * (size / 50)) * 50)
      .slice(0, 9)
      .toLowerCase();
  out.searchRareNameMs = round(
    await timeEach(30, (i) => ok(desk('POST', '/api/v1/applicants/search', { q: rare(i) }))),
  );
  out.searchCommonPrefixMs = round(
    await timeEach(20, () => ok(desk('POST', '/api/v1/applicants/search', { q: 'кав' }))),
  );
  out.searchTwoWordsMs = round(
    await timeEach(20, () => ok(desk('POST', '/api/v1/applicants/search', { q: 'шчэр ган' }))),
  );
  out.searchBirthDateMs = round(
    await timeEach(20, (i) =>
      ok(desk('POST', '/api/v1/applicants/search', { birthDate: `19${50 + (i % 50)}-03-0${1 + (i % 9)}` })),
    ),
  );
  for (const [name, path] of [
    ['listDocumentsMs', '/api/v1/documents'],
    ['listRevokedMs', '/api/v1/documents?state=revoked'],
    ['listByTypeMs', '/api/v1/documents?type=passport'],
    ['listByDateMs', '/api/v1/documents?from=2020-01-01&to=2030-12-31'],
    ['listApplicationsIssuedMs', '/api/v1/applications?state=issued'],
  ] as const)
    out[name] = round(await timeEach(20, () => ok(desk('GET', path))));
  out.statusCapacityMs = round(await once(() => statusCapacity(r.deps)));
  out.statusListPublishMs = round(await once(() => createStatusListPublisher(r.deps).current()));
  if (size > operatorMax) return out;
  out.auditVerifyMs = round(
    await once(async () => {
      const v = await verifyAuditChain(r.handle.db);
      if (!v.ok) throw new Error(`audit chain broken at ${v.brokenAt}`);
    }),
  );
  // Start-up of the real service on this database (migrations checked, keys, log copy in memory).
  out.startupMs = round(
    await once(async () => {
      const s = await startService(url, { NBR_STATUS_LIST_SIZE: String(STATUS_SIZE) });
      s.proc.kill('SIGTERM');
      await s.exited;
    }),
  );
  const file = join(mkdtempSync(join(tmpdir(), 'nbr-scale-bak-')), 'registry.nbrbak');
  out.backupMs = round(await once(() => writeBackup(r.handle.db, file, PASS)));
  out.backupMB = round(statSync(file).size / 1e6);
  let target: { url: string; drop?: () => Promise<void> };
  if (kind === 'postgres') target = await freshPostgres();
  else target = { url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-scale-restore-')), 'registry.db')}` };
  const t = connect(target.url);
  await migrateToLatest(t.db);
  out.restoreMs = round(
    await once(() =>
      restoreBackup(t.db, file, PASS, { derive: async (db) => rebuildTerms(db, await testCipher(db)) }),
    ),
  );
  await t.close();
  await target.drop?.();
  rmSync(file);
  return out;
}

for (const kind of which === 'both' ? ['sqlite', 'postgres'] : [which]) {
  let url: string;
  let drop: (() => Promise<void>) | undefined;
  if (kind === 'postgres') ({ url, drop } = await freshPostgres());
  else url = `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-scale-')), 'registry.db')}`;
  const r = await testRegistry({ databaseUrl: url, config: { statusListSize: STATUS_SIZE } });
  const { clerk, approver } = await deskActors(r);
  const rows: Record<string, number>[] = [];
  let have = 0;
  for (const size of sizes) {
    const t = performance.now();
    await grow(r.deps, clerk, approver, have, size - have);
    have = size;
    // What autovacuum (PostgreSQL: since version 13 also after inserts) or `PRAGMA optimize` (SQLite) does
    // after a bulk load: planner statistics, and on PostgreSQL the visibility map that index-only scans need.
    await sql`${sql.raw(kind === 'postgres' ? 'vacuum analyze' : 'analyze')}`.execute(r.handle.db);
    const buildSeconds = (performance.now() - t) / 1000;
    const row = { buildS: round(buildSeconds), ...(await measure(kind, r, url, size)) };
    rows.push(row);
    console.log(JSON.stringify({ database: kind, ...row }));
  }
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  console.log(
    JSON.stringify({
      database: kind,
      ratios: `${last.documents} vs ${first.documents}`,
      issue: round(last.issueMs! / first.issueMs!),
      lookup: round(last.lookupMs! / first.lookupMs!),
      searchRareName: round(last.searchRareNameMs! / first.searchRareNameMs!),
      backupPerDocument: round(last.backupMs! / last.documents! / (first.backupMs! / first.documents!)),
      restorePerDocument: round(last.restoreMs! / last.documents! / (first.restoreMs! / first.documents!)),
    }),
  );
  await r.close();
  await drop?.();
}
