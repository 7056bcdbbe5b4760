/**
 * Reads osquery results log lines (no DOM) in the three shapes osquery writes:
 * event format (`"columns":{…},"action":"added"`, one row a line), snapshot
 * (`"snapshot":[…],"action":"snapshot"`) and batch (`"diffResults":{"added":[…],"removed":[…]}`).
 */
export interface OsqueryRow {
  readonly action: string;
  readonly columns: Readonly<Record<string, string>>;
}

export interface OsqueryLine {
  readonly name: string;
  readonly hostIdentifier: string;
  readonly unixTime: number | undefined;
  readonly counter: number | undefined;
  readonly rows: readonly OsqueryRow[];
}

type Columns = Record<string, string>;

function isColumns(value: unknown): value is Columns {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rowsOf(value: unknown, action: string): OsqueryRow[] {
  return Array.isArray(value) ? value.filter(isColumns).map((columns) => ({ action, columns })) : [];
}

/** The rows of one results line, or undefined when the line is not an osquery result. */
export function parseOsqueryLine(line: string): OsqueryLine | undefined {
  let doc: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (!isColumns(parsed)) return undefined;
    doc = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  let rows: OsqueryRow[];
  if (isColumns(doc.columns)) rows = [{ action: typeof doc.action === 'string' ? doc.action : '', columns: doc.columns }];
  else if (Array.isArray(doc.snapshot)) rows = rowsOf(doc.snapshot, 'snapshot');
  else if (isColumns(doc.diffResults)) rows = [...rowsOf(doc.diffResults.added, 'added'), ...rowsOf(doc.diffResults.removed, 'removed')];
  else return undefined;
  return {
    name: typeof doc.name === 'string' ? doc.name : '',
    hostIdentifier: typeof doc.hostIdentifier === 'string' ? doc.hostIdentifier : '',
    unixTime: typeof doc.unixTime === 'number' ? doc.unixTime : undefined,
    counter: typeof doc.counter === 'number' ? doc.counter : undefined,
    rows,
  };
}
