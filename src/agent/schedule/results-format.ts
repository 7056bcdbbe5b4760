import { compareBytes, serializeRow } from './differential.js';

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

function formatDecorations(decorations: Readonly<Record<string, string>>): string {
  return serializeRow(decorations);
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

// Rows below are serialised already (serializeRow / serializeResultRows): JSON objects with keys in byte order.

/** Event format (`--logger_event_type=true`): one line per row, `action` as given (added, removed, snapshot). */
export function formatEventLines(h: ResultHeader, rows: readonly string[], action: 'added' | 'removed' | 'snapshot'): string[] {
  const head = '{' + formatCommon(h) + decorationsField(h) + ',"columns":';
  const tail = `,"action":"${action}"}`;
  return rows.map((row) => head + row + tail);
}

/** Batch format (`--logger_event_type=false`): one line with `diffResults` first. */
export function formatBatchLine(h: ResultHeader, added: readonly string[], removed: readonly string[]): string {
  return `{"diffResults":{"added":[${added.join(',')}],"removed":[${removed.join(',')}]},${formatCommon(h)}${decorationsField(h)}}`;
}

/** Snapshot line (default): every row in one `snapshot` array, written even when empty. */
export function formatSnapshotLine(h: ResultHeader, rows: readonly string[]): string {
  return `{"snapshot":[${rows.join(',')}],"action":"snapshot",${formatCommon(h)}${decorationsField(h)}}`;
}
