import type { QueryResult } from '../sql/index.js';

/** osqueryi's output modes (`.mode`), plus json as `--json` prints it. */
export type OutputMode = 'pretty' | 'line' | 'csv' | 'list' | 'column' | 'json' | 'json_pretty';

export interface FormatOptions {
  readonly mode: OutputMode;
  /** Printed for NULL; osqueryi's --nullvalue, default ''. */
  readonly nullValue?: string;
  /** Separator of list mode (default '|'); csv always uses ','. */
  readonly separator?: string;
  /** Whether csv/list/column print a header row (default true). */
  readonly headers?: boolean;
}

/** Renders one statement's result exactly as osqueryi prints it in the given mode. */
export function formatResult(result: QueryResult, options: FormatOptions): string {
  const nullValue = options.nullValue ?? '';
  const cells = result.rows.map((r) => r.map((v) => (v === null ? nullValue : v)));
  switch (options.mode) {
    case 'json':
      return formatJson(result.columns, cells);
    case 'json_pretty':
      return JSON.stringify(cells.map((r) => rowObject(result.columns, r)), null, 2) + '\n';
    case 'line':
      return formatLine(result.columns, cells);
    case 'csv':
      return formatDelimited(result.columns, cells, ',', options.headers ?? true, csvQuote);
    case 'list':
      return formatDelimited(result.columns, cells, options.separator ?? '|', options.headers ?? true, (s) => s);
    case 'column':
      return formatColumn(result.columns, cells, options.headers ?? true);
    case 'pretty':
      return formatPretty(result.columns, cells);
  }
}

/** A row as osquery's Row map: keys sorted, later duplicates win. */
function rowObject(columns: readonly string[], row: readonly string[]): Record<string, string> {
  const map = new Map<string, string>();
  columns.forEach((c, i) => map.set(c, row[i] ?? ''));
  const out: Record<string, string> = {};
  for (const key of [...map.keys()].sort(byteOrder)) out[key] = map.get(key) as string;
  return out;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function formatJson(columns: readonly string[], rows: readonly string[][]): string {
  const lines = rows.map((r) => '  ' + JSON.stringify(rowObject(columns, r)));
  return '[\n' + lines.join(',\n') + '\n]\n';
}

/** Printed width of a string: UTF-8 code points, as osquery's utf8StringSize counts. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function formatPretty(columns: readonly string[], rows: readonly string[][]): string {
  if (rows.length === 0) return '';
  // Duplicate column names collapse to one, as osquery's Row map does.
  const unique = [...new Set(columns)];
  const index = new Map(columns.map((c, i) => [c, i]));
  const lengths = unique.map((c) => Math.max(width(c), ...rows.map((r) => width(r[index.get(c) as number] ?? ''))));
  const rule = '+' + lengths.map((l) => '-'.repeat(l + 2)).join('+') + '+\n';
  const line = (values: readonly string[]): string =>
    '|' + values.map((v, i) => ' ' + v + ' '.repeat((lengths[i] as number) - width(v) + 1)).join('|') + '|\n';
  let out = rule + line(unique) + rule;
  for (const r of rows) out += line(unique.map((c) => r[index.get(c) as number] ?? ''));
  return out + rule;
}

function formatLine(columns: readonly string[], rows: readonly string[][]): string {
  const w = Math.max(5, ...columns.map(width));
  return rows
    .map((r) => columns.map((c, i) => `${' '.repeat(w - width(c))}${c} = ${r[i] ?? ''}\n`).join(''))
    .join('\n');
}

// eslint-disable-next-line no-control-regex
const needsCsvQuote = /[\x00-\x20",\x7f-\uffff]/;

function csvQuote(s: string): string {
  // SQLite's shell quotes a field holding a control character, space, quote or comma, or a non-ASCII byte.
  if (s === '' || !needsCsvQuote.test(s)) return s;
  return '"' + s.replaceAll('"', '""') + '"';
}

function formatDelimited(
  columns: readonly string[],
  rows: readonly string[][],
  separator: string,
  headers: boolean,
  quote: (s: string) => string,
): string {
  const lines: string[] = [];
  if (headers) lines.push(columns.map(quote).join(separator));
  for (const r of rows) lines.push(r.map(quote).join(separator));
  return lines.length ? lines.join('\n') + '\n' : '';
}

function formatColumn(columns: readonly string[], rows: readonly string[][], headers: boolean): string {
  const widths = columns.map((c, i) => Math.max(10, width(c), ...rows.map((r) => width(r[i] ?? ''))));
  const pad = (values: readonly string[]): string =>
    values.map((v, i) => v + ' '.repeat((widths[i] as number) - width(v))).join('  ').trimEnd() + '\n';
  let out = '';
  if (headers) out += pad(columns) + pad(widths.map((w) => '-'.repeat(w)));
  for (const r of rows) out += pad(r);
  return out;
}
