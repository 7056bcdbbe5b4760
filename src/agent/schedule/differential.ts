/** A result row as logged: column name → value as text, NULL as `--nullvalue` (''). */
export type ResultRow = Readonly<Record<string, string>>;

/** What osquery stores per scheduled query name between runs. */
export interface QueryState {
  readonly epoch: number;
  readonly counter: number;
  /** The rows of the last run, each serialised with sorted keys. */
  readonly rows: readonly string[];
  /** The SQL that produced them (osquery's `query.<name>` key); absent in state written before it was kept. */
  readonly sql?: string;
}

/** Why the stored results were not simply diffed against: osquery logs an INFO line for each. */
export type ResetReason = 'new' | 'epoch' | 'sql';

export interface DiffOutcome {
  /** Serialised rows (serializeRow's text). */
  readonly added: string[];
  readonly removed: string[];
  /** The counter the log line carries. */
  readonly counter: number;
  /** The state to store, or undefined when nothing needs storing (no change). */
  readonly next: QueryState | undefined;
  readonly reset?: ResetReason;
}

/** A row's identity: its JSON with keys in byte order (osquery's rows are std::maps). */
export function serializeRow(row: ResultRow): string {
  const keys = Object.keys(row).sort(compareBytes);
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    out += (i === 0 ? '' : ',') + JSON.stringify(k) + ':' + JSON.stringify(row[k]);
  }
  return out + '}';
}

/** Byte order of strings as osquery's std::string comparison sees them. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** std::map<string,string> ordering: (key, value) pairs in key order, compared lexicographically. */
function compareRows(a: ResultRow, b: ResultRow): number {
  const ka = Object.keys(a).sort(compareBytes);
  const kb = Object.keys(b).sort(compareBytes);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const byKey = compareBytes(ka[i]!, kb[i]!);
    if (byKey !== 0) return byKey;
    const byValue = compareBytes(a[ka[i]!]!, b[kb[i]!]!);
    if (byValue !== 0) return byValue;
  }
  return ka.length - kb.length;
}

/**
 * osquery's differential (Query::addNewResults and diff()), on rows already
 * serialised with serializeRow (equal rows have equal text):
 * - first run of a name, or a stored epoch other than `epoch`: every row is
 *   added, counter 0;
 * - otherwise `added` = current − previous and `removed` = previous − current
 *   as multisets of whole rows, `removed` in the stored multiset's (sorted)
 *   order; the counter grows by one when something changed, and is reset to
 *   0 when the SQL text changed (the rows are still diffed);
 * - nothing changed and the SQL is the same: counter kept, nothing stored.
 */
export function diffResults(previous: QueryState | undefined, current: readonly string[], epoch: number, sql: string): DiffOutcome {
  if (previous === undefined || previous.epoch !== epoch) {
    return { added: [...current], removed: [], counter: 0, next: { epoch, counter: 0, rows: current, sql }, reset: previous === undefined ? 'new' : 'epoch' };
  }
  const remaining = new Map<string, number>();
  for (const r of previous.rows) remaining.set(r, (remaining.get(r) ?? 0) + 1);
  const added: string[] = [];
  for (const row of current) {
    const n = remaining.get(row) ?? 0;
    if (n > 0) remaining.set(row, n - 1);
    else added.push(row);
  }
  const removed: string[] = [];
  for (const [row, n] of remaining) for (let i = 0; i < n; i++) removed.push(row);
  if (removed.length > 1) {
    const parsed = new Map(removed.map((r) => [r, JSON.parse(r) as ResultRow]));
    removed.sort((a, b) => compareRows(parsed.get(a)!, parsed.get(b)!));
  }
  const changed = added.length > 0 || removed.length > 0;
  const sqlChanged = previous.sql !== undefined && previous.sql !== sql;
  if (!changed && !sqlChanged) return { added, removed, counter: previous.counter, next: undefined };
  const counter = sqlChanged ? 0 : previous.counter + 1;
  return { added, removed, counter, next: { epoch, counter, rows: current, sql }, ...(sqlChanged ? { reset: 'sql' as const } : {}) };
}

/**
 * Serialises every row of a result (engine rows: values in column order,
 * NULL as null) as serializeRow would, without building row objects: the
 * column order is sorted once. A repeated column name keeps its last value,
 * as a std::map row does.
 */
export function serializeResultRows(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | null>>, nullValue: string): string[] {
  const lastIndex = new Map<string, number>();
  columns.forEach((c, i) => lastIndex.set(c, i));
  const order = [...lastIndex.keys()].sort(compareBytes).map((c) => ({ prefix: JSON.stringify(c) + ':', index: lastIndex.get(c)! }));
  const nullText = JSON.stringify(nullValue);
  const out = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    let text = '{';
    for (let k = 0; k < order.length; k++) {
      const col = order[k]!;
      const v = row[col.index];
      text += (k === 0 ? '' : ',') + col.prefix + (v === null || v === undefined ? nullText : JSON.stringify(v));
    }
    out[r] = text + '}';
  }
  return out;
}
