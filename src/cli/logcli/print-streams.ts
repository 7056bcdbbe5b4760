import { formatLabels, type Labels } from '../../core/index.js';

/** A stream of a Loki `streams` result as the API returns it. */
export interface ApiStream {
  readonly stream: Labels;
  readonly values: ReadonlyArray<readonly [string, string, ...unknown[]]>;
}

export type OutputMode = 'default' | 'raw' | 'jsonl';

export interface PrintOptions {
  readonly mode: OutputMode;
  readonly noLabels: boolean;
  readonly forward: boolean;
  /** IANA zone for timestamps (logcli's --timezone: Local or UTC). */
  readonly utc: boolean;
  /** Writes one output line (stdout). */
  readonly write: (text: string) => void;
  /** Writes a diagnostic line (stderr), e.g. the common labels. */
  readonly note: (text: string) => void;
  readonly quiet: boolean;
}

/** Labels shared, with equal values, by every stream (logcli's commonLabels). */
export function commonLabels(streams: readonly ApiStream[]): Labels {
  const [first, ...rest] = streams;
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first.stream)) if (rest.every((s) => s.stream[name] === value)) common[name] = value;
  return common;
}

/** Go's time.RFC3339 (seconds) or RFC3339Nano (jsonl) for a Unix-nanosecond string, in UTC or local time. */
export function formatTimestamp(tsNs: string, utc: boolean, nano: boolean): string {
  const ns = BigInt(tsNs);
  const ms = Number(ns / 1_000_000n);
  const date = new Date(ms);
  const offsetMin = utc ? 0 : -date.getTimezoneOffset();
  const local = new Date(ms + offsetMin * 60_000);
  const base = local.toISOString().slice(0, 19);
  let fraction = '';
  if (nano) {
    const frac = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
    if (frac !== '') fraction = `.${frac}`;
  }
  if (offsetMin === 0) return `${base}${fraction}Z`;
  const sign = offsetMin > 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${base}${fraction}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * Prints a log result as logcli does: common labels once on stderr, then
 * every entry of every stream merged in time order, each as
 * `<RFC3339> <labels minus common, padded> <line>` (default), the bare line
 * (raw) or `{"labels":…,"line":…,"timestamp":…}` (jsonl).
 */
export function printStreams(streams: readonly ApiStream[], options: PrintOptions): number {
  const common = commonLabels(streams);
  if (Object.keys(common).length > 0 && !options.quiet && options.mode === 'default') options.note(`Common labels: ${formatLabels(common)}`);
  const rows: Array<{ tsNs: bigint; ts: string; labels: Labels; line: string }> = [];
  let maxLabelsLen = 0;
  for (const stream of streams) {
    const own: Record<string, string> = {};
    for (const [name, value] of Object.entries(stream.stream)) if (!(name in common)) own[name] = value;
    maxLabelsLen = Math.max(maxLabelsLen, formatLabels(own).length);
    for (const [ts, line] of stream.values) rows.push({ tsNs: BigInt(ts), ts, labels: own, line });
  }
  rows.sort((a, b) => (a.tsNs === b.tsNs ? 0 : (a.tsNs < b.tsNs) === options.forward ? -1 : 1));
  for (const row of rows) {
    if (options.mode === 'raw') options.write(row.line);
    else if (options.mode === 'jsonl') {
      // logcli prints the stream's labels minus the common ones here too.
      const entry: Record<string, unknown> = options.noLabels ? {} : { labels: row.labels };
      entry.line = row.line;
      entry.timestamp = formatTimestamp(row.ts, options.utc, true);
      options.write(JSON.stringify(entry));
    } else {
      const ts = formatTimestamp(row.ts, options.utc, false);
      const line = row.line.trim();
      options.write(options.noLabels ? `${ts} ${line}` : `${ts} ${formatLabels(row.labels).padEnd(maxLabelsLen)} ${line}`);
    }
  }
  return rows.length;
}
