// Sealing and opening rows by the declaration in personal-columns.ts: the one place where people's data
// crosses between its plain form in the services and its sealed form in the database. Services hand rows (or
// the `set` of an update) through sealRow before writing and through openRow after reading; a null stays null.

import type { FieldCipher } from '../../crypto/field-cipher.js';
import { PERSONAL_COLUMNS, type SealedTable } from './personal-columns.js';

type Row = Record<string, unknown>;

/**
 * The row with its sealed columns encrypted. `rowKey` is the row's id when the row itself does not carry it
 * (the `set` of an update); columns absent from the row are left absent.
 */
export function sealRow<R extends object>(
  cipher: FieldCipher,
  table: SealedTable,
  plain: R,
  rowKey?: string,
): R {
  const row = plain as Row;
  const spec = PERSONAL_COLUMNS[table];
  const key = rowKey ?? String(row[spec.rowKey]);
  const out: Row = { ...row };
  for (const column of spec.sealed) {
    const v = row[column];
    if (typeof v === 'string') out[column] = cipher.sealText({ table, column, row: key }, v);
    else if (v !== undefined && v !== null) throw new Error(`${table}.${column} must be text`);
  }
  for (const column of spec.sealedBytes) {
    const v = row[column];
    if (v instanceof Uint8Array) out[column] = cipher.sealBytes({ table, column, row: key }, v);
    else if (v !== undefined && v !== null) throw new Error(`${table}.${column} must be bytes`);
  }
  return out as R;
}

/** The row with its sealed columns opened (only those it holds; a select may ask for a few). */
export function openRow<R extends object>(
  cipher: FieldCipher,
  table: SealedTable,
  sealed: R,
  rowKey?: string,
): R {
  const row = sealed as Row;
  const spec = PERSONAL_COLUMNS[table];
  const key = rowKey ?? String(row[spec.rowKey]);
  const out: Row = { ...row };
  for (const column of spec.sealed) {
    const v = row[column];
    if (typeof v === 'string') out[column] = cipher.openText({ table, column, row: key }, v);
  }
  for (const column of spec.sealedBytes) {
    const v = row[column];
    if (v instanceof Uint8Array) out[column] = cipher.openBytes({ table, column, row: key }, v);
  }
  return out as R;
}

export const openRows = <R extends object>(cipher: FieldCipher, table: SealedTable, rows: R[]): R[] =>
  rows.map((r) => openRow(cipher, table, r));
