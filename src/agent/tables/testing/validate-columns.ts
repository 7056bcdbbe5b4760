import { loadTableSpecs } from '../../specs/index.js';
import type { Row } from '../table.js';

/**
 * Column shape checks after osquery's ValidationMap (tests/integration/tables):
 * each named column of every row must satisfy its check.
 */
export type ColumnCheck =
  | 'NonEmptyString'
  | 'NonNegativeInt'
  | 'Int'
  | 'IntOrEmpty'
  | 'NonNegativeOrEmptyInt'
  | 'Bool'
  | 'Double'
  | 'String'
  | RegExp
  | ((value: string) => boolean);

export type ValidationMap = Readonly<Record<string, ColumnCheck>>;

const checks: Record<Exclude<ColumnCheck, RegExp | ((v: string) => boolean)>, (v: string) => boolean> = {
  NonEmptyString: (v) => v !== '',
  NonNegativeInt: (v) => /^\d+$/.test(v),
  Int: (v) => /^-?\d+$/.test(v),
  IntOrEmpty: (v) => v === '' || /^-?\d+$/.test(v),
  NonNegativeOrEmptyInt: (v) => v === '' || /^\d+$/.test(v),
  Bool: (v) => v === '0' || v === '1',
  Double: (v) => /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v),
  String: () => true,
};

/**
 * Returns one message per violation (empty when all rows pass), and flags
 * any key a generator emits that the table's spec does not declare.
 */
export function validateRows(table: string, rows: readonly Row[], map: ValidationMap): string[] {
  const spec = loadTableSpecs().get(table);
  if (!spec) return [`no spec for table ${table}`];
  const declared = new Set(spec.columns.map((c) => c.name));
  const problems: string[] = [];
  for (const name of Object.keys(map)) if (!declared.has(name)) problems.push(`${table}.${name} is not a column of the spec`);
  rows.forEach((row, i) => {
    for (const key of Object.keys(row)) if (!declared.has(key)) problems.push(`row ${i}: ${table} has no column ${key}`);
    for (const [column, check] of Object.entries(map)) {
      const raw = row[column];
      const value = raw === undefined || raw === null ? '' : String(raw);
      const ok = typeof check === 'string' ? checks[check](value) : check instanceof RegExp ? check.test(value) : check(value);
      if (!ok) problems.push(`row ${i}: ${table}.${column} = ${JSON.stringify(value)} fails ${String(check)}`);
    }
  });
  return problems;
}
