import { compareBytes, serializeRow, type ResultRow } from './differential.js';

/** The fields every result line starts with, in osquery's order. */
export interface ResultHeader {
  readonly name: string;
  readonly hostIdentifier: string;
  /** Seconds since the epoch when the query ran. */
  readonly unixTime: number;
  readonly epoch: number;
  readonly counter: number;
  readonly numerics: boolean;
  /** Decoration name → value; omitted from the line when empty. */
  readonly decorations: Readonly<Record<string, string>>;
  /** `--decorations_top_level`: merge the decorations into the line instead of a `decorations` object. */
  readonly decorationsTopLevel?: boolean;
}

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** osquery's calendarTime: UTC asctime() without its newline, plus " UTC" ("Mon May  2 22:27:32 2016 UTC"). */
export function formatCalendarTime(unixTimeS: number): string {
  const d = new Date(unixTimeS * 1000);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()} UTC`;
}

/** A row as JSON with keys in byte order (rows are std::maps in osquery). */
export function formatRow(row: ResultRow): string {
  return serializeRow(row);
}

function formatDecorations(decorations: Readonly<Record<string, string>>): string {
  return formatRow(decorations);
}

/** `"name":…,"hostIdentifier":…,…,"numerics":…` plus top-level decorations when asked; no braces. */
function formatCommon(h: ResultHeader): string {
  let out =
    `"name":${JSON.stringify(h.name)},"hostIdentifier":${JSON.stringify(h.hostIdentifier)},` +
    `"calendarTime":${JSON.stringify(formatCalendarTime(h.unixTime))},"unixTime":${h.unixTime},` +
    `"epoch":${h.epoch},"counter":${h.counter},"numerics":${h.numerics}`;
  if (h.decorationsTopLevel) {
    for (const k of Object.keys(h.decorations).sort(compareBytes)) out += `,${JSON.stringify(k)}:${JSON.stringify(h.decorations[k])}`;
  }
  return out;
}

function decorationsField(h: ResultHeader): string {
  if (h.decorationsTopLevel || Object.keys(h.decorations).length === 0) return '';
  return `,"decorations":${formatDecorations(h.decorations)}`;
}

/** Event format (`--logger_event_type=true`): one line per added, then per removed row. */
export function formatEventLines(h: ResultHeader, added: readonly ResultRow[], removed: readonly ResultRow[]): string[] {
  const head = '{' + formatCommon(h) + decorationsField(h);
  const lines: string[] = [];
  for (const row of added) lines.push(`${head},"columns":${formatRow(row)},"action":"added"}`);
  for (const row of removed) lines.push(`${head},"columns":${formatRow(row)},"action":"removed"}`);
  return lines;
}

/** Batch format (`--logger_event_type=false`): one line with `diffResults` first. */
export function formatBatchLine(h: ResultHeader, added: readonly ResultRow[], removed: readonly ResultRow[]): string {
  const diff = `{"added":[${added.map(formatRow).join(',')}],"removed":[${removed.map(formatRow).join(',')}]}`;
  return `{"diffResults":${diff},${formatCommon(h)}${decorationsField(h)}}`;
}

/** Snapshot line (default): every row in one `snapshot` array, written even when empty. */
export function formatSnapshotLine(h: ResultHeader, rows: readonly ResultRow[]): string {
  return `{"snapshot":[${rows.map(formatRow).join(',')}],"action":"snapshot",${formatCommon(h)}${decorationsField(h)}}`;
}

/** Snapshot rows as events (`--logger_snapshot_event_type=true`): one line per row, none for zero rows. */
export function formatSnapshotEventLines(h: ResultHeader, rows: readonly ResultRow[]): string[] {
  const head = '{' + formatCommon(h) + decorationsField(h);
  return rows.map((row) => `${head},"columns":${formatRow(row)},"action":"snapshot"}`);
}
