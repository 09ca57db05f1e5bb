// Every column of the live schema is declared sealed, a beacon or public (services/store/personal-columns.ts):
// a new column that holds people's data cannot skip encryption unnoticed (issue 25, item 6). Read from the
// migrated database itself, on SQLite and PostgreSQL.

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { PERSONAL_COLUMNS } from '../../src/services/store/personal-columns.js';
import { registryOn, testDialects } from '../helpers/registry.js';

describe.each(await testDialects('the column declaration test'))('declared columns on %s', (_name, kind) => {
  it('cover every column of every table, and no column that is not there', async () => {
    const r = await registryOn(kind, { staff: false });
    try {
      const live: Record<string, string[]> = {};
      if (kind === 'pg') {
        const rows = await sql<{ table_name: string; column_name: string }>`
          select table_name, column_name from information_schema.columns
          where table_schema = 'public' and table_name not like 'kysely_%'`.execute(r.deps.db);
        for (const row of rows.rows)
          live[row.table_name] = [...(live[row.table_name] ?? []), row.column_name];
      } else {
        const tables = await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(
          r.deps.db,
        );
        for (const t of tables.rows) {
          const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(
            r.deps.db,
          );
          live[t.name] = cols.rows.map((c) => c.name);
        }
      }
      const declared = Object.fromEntries(
        Object.entries(PERSONAL_COLUMNS).map(([t, spec]) => [
          t,
          [...spec.sealed, ...spec.sealedBytes, ...spec.beacons, ...spec.public].sort(),
        ]),
      );
      const sortedLive = Object.fromEntries(Object.entries(live).map(([t, c]) => [t, [...c].sort()]));
      expect(sortedLive).toEqual(declared);
      // A column is declared once.
      for (const [t, cols] of Object.entries(declared)) expect(new Set(cols).size, t).toBe(cols.length);
    } finally {
      await r.dispose();
    }
  });
});
