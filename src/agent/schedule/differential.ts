/** A result row as logged: column name → value as text, NULL as `--nullvalue` (''). */
export type ResultRow = Readonly<Record<string, string>>;

/** What osquery stores per scheduled query name between runs. */
export interface QueryState {
  readonly epoch: number;
  readonly counter: number;
  /** The rows of the last run, each serialised with sorted keys. */
  readonly rows: readonly string[];
}

export interface DiffOutcome {
  readonly added: ResultRow[];
  readonly removed: ResultRow[];
  /** The counter the log line carries. */
  readonly counter: number;
  /** The state to store for the next run. */
  readonly next: QueryState;
  /** Whether anything changed (and an event line is due). */
  readonly changed: boolean;
  /** First run of the name or a new epoch: the batch format logs a line even with no rows. */
  readonly initial: boolean;
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

/** Byte order of UTF-16 strings as osquery's std::string comparison sees them (code points). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ba, bb);
}

/**
 * osquery's differential (Query::addNewResults): `added` = current − previous
 * and `removed` = previous − current as multisets of whole rows. On the first
 * run of a name, or when the stored epoch differs from `epoch`, every row is
 * added and the counter is 0; otherwise the counter grows by one only when
 * something changed.
 */
export function diffResults(previous: QueryState | undefined, current: readonly ResultRow[], epoch: number): DiffOutcome {
  const serialized = current.map(serializeRow);
  if (previous === undefined || previous.epoch !== epoch) {
    return {
      added: [...current],
      removed: [],
      counter: 0,
      next: { epoch, counter: 0, rows: serialized },
      changed: current.length > 0,
      initial: true,
    };
  }
  const remaining = new Map<string, number>();
  for (const r of previous.rows) remaining.set(r, (remaining.get(r) ?? 0) + 1);
  const added: ResultRow[] = [];
  for (let i = 0; i < current.length; i++) {
    const key = serialized[i]!;
    const n = remaining.get(key) ?? 0;
    if (n > 0) remaining.set(key, n - 1);
    else added.push(current[i]!);
  }
  const removed: ResultRow[] = [];
  for (const [key, n] of remaining) {
    for (let i = 0; i < n; i++) removed.push(JSON.parse(key) as ResultRow);
  }
  const changed = added.length > 0 || removed.length > 0;
  const counter = changed ? previous.counter + 1 : previous.counter;
  return { added, removed, counter, next: { epoch, counter, rows: serialized }, changed, initial: false };
}
