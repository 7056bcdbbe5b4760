import type { ColumnType } from '../specs/index.js';
import type { CellValue } from '../tables/table.js';

/** A value ready for sqlite3_result_*: text, integer (number or bigint), double, or NULL. */
export type SqlValue = string | number | bigint | null;

const integerText = /^\s*[-+]?\d+\s*$/;
const doubleText = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * Converts a generator's cell to the column's declared type the way osquery's
 * dynamic rows do: a missing TEXT cell is '', a missing, empty or unparsable
 * numeric cell is NULL.
 */
export function toSqlValue(value: CellValue, type: ColumnType): SqlValue {
  if (type === 'TEXT' || type === 'BLOB') {
    if (value === undefined || value === null) return '';
    if (typeof value === 'boolean') return value ? '1' : '0';
    return typeof value === 'string' ? value : String(value);
  }
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (type === 'DOUBLE') {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'bigint') return Number(value);
    return doubleText.test(value) ? Number(value) : null;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'bigint') return value;
  if (!integerText.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : clampBigInt(BigInt(value.trim()));
}

const int64Max = 2n ** 63n - 1n;
const int64Min = -(2n ** 63n);

function clampBigInt(v: bigint): bigint {
  // UNSIGNED BIGINT values above int64 wrap the way osquery stores them in SQLite.
  if (v > int64Max) return v - 2n ** 64n;
  return v < int64Min ? int64Min : v;
}
