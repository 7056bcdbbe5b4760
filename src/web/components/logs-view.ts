import type { LokiStream } from '../api.js';
import type { QueryFilter } from '../query-text.js';

export type AddFilter = (filter: QueryFilter) => void;

interface Row {
  readonly tsNs: bigint;
  readonly labels: Record<string, string>;
  readonly line: string;
}

export interface RenderLogsOptions {
  /** Oldest first instead of newest first. */
  readonly forward?: boolean;
  /** Rows drawn at most (default 5000). */
  readonly max?: number;
  /** Accessible name of the list (default "Log lines"). */
  readonly label?: string;
}

/** Loki's json-parser label name for a nested key path (`columns.host` → `columns_host`). */
export function sanitizeKey(path: readonly string[]): string {
  const joined = path.map((p) => p.trim().replace(/[^A-Za-z0-9_]/g, '_')).join('_');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local time with milliseconds, `2026-12-03 10:00:00.123`. */
export function formatLogTime(tsNs: bigint): string {
  const d = new Date(Number(tsNs / 1_000_000n));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Leaf fields of a JSON object as [path, text] pairs, skipping arrays and nulls as Loki's json parser does. */
export function jsonLeaves(value: unknown, path: string[] = []): Array<[string[], string]> {
  if (value === null || Array.isArray(value)) return [];
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => jsonLeaves(v, [...path, k]));
  return [[path, String(value)]];
}

/** Labels every stream has with the same value (shown once above the lines instead of on each). */
export function commonLabels(streams: readonly LokiStream[]): Record<string, string> {
  const first = streams[0];
  if (!first) return {};
  const common: Record<string, string> = {};
  for (const [name, value] of Object.entries(first.stream)) {
    if (streams.every((s) => s.stream[name] === value)) common[name] = value;
  }
  return common;
}

function labelChips(labels: Record<string, string>, addFilter: AddFilter): HTMLElement {
  const box = el('span', { class: 'labels' });
  for (const [name, value] of Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const chip = el('button', { type: 'button', class: 'chip', title: `Add ${name}="${value}" to the selector`, 'aria-label': `Filter by label ${name}=${value}` }, `${name}=${value}`);
    chip.addEventListener('click', () => addFilter({ kind: 'label', name, value }));
    box.append(chip);
  }
  return box;
}

/**
 * Renders log entries newest first: time, the labels not common to every
 * stream (each a button that adds the matcher to the selector) and the line.
 * JSON lines expand to a pretty-printed object and field buttons that add
 * `| json | field="value"`; that part is built when first opened. Returns
 * the number of entries.
 */
export function renderLogs(parent: HTMLElement, streams: readonly LokiStream[], addFilter: AddFilter, options: RenderLogsOptions = {}): number {
  const rows: Row[] = [];
  for (const stream of streams) for (const [ts, line] of stream.values) rows.push({ tsNs: BigInt(ts), labels: stream.stream, line });
  if (rows.length === 0) {
    parent.replaceChildren(el('p', { class: 'empty' }, 'No log lines in this range.'));
    return 0;
  }
  const forward = options.forward ?? false;
  rows.sort((a, b) => (a.tsNs === b.tsNs ? 0 : (a.tsNs > b.tsNs) !== forward ? -1 : 1));
  const common = commonLabels(streams);
  const list = el('ol', { class: 'logs', 'aria-label': options.label ?? 'Log lines' });
  const fragment = document.createDocumentFragment();
  for (const row of rows.slice(0, options.max ?? 5000)) fragment.append(renderRow(row, addFilter, common));
  list.append(fragment);
  const children: Node[] = [];
  if (Object.keys(common).length > 0) {
    const head = el('p', { class: 'common-labels' }, 'Common labels: ');
    head.append(labelChips(common, addFilter));
    children.push(head);
  }
  children.push(list);
  parent.replaceChildren(...children);
  return rows.length;
}

/** Prepends entries as they arrive (live tail), keeping at most `max`. */
export function prependLogs(list: HTMLElement, stream: LokiStream, addFilter: AddFilter, max = 1000): void {
  for (const [ts, line] of stream.values) list.prepend(renderRow({ tsNs: BigInt(ts), labels: stream.stream, line }, addFilter, {}));
  while (list.childElementCount > max) list.lastElementChild?.remove();
}

function parseJsonObject(line: string): object | undefined {
  if (!line.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function renderRow(row: Row, addFilter: AddFilter, common: Record<string, string>): HTMLElement {
  const item = el('li', { class: 'log-row' });
  const head = el('div', { class: 'log-head' });
  head.append(el('time', { datetime: new Date(Number(row.tsNs / 1_000_000n)).toISOString() }, formatLogTime(row.tsNs)));
  const own = Object.fromEntries(Object.entries(row.labels).filter(([name]) => !(name in common)));
  if (Object.keys(own).length > 0) head.append(labelChips(own, addFilter));
  item.append(head);
  const parsed = parseJsonObject(row.line);
  if (parsed === undefined) {
    item.append(el('pre', { class: 'line' }, row.line));
    return item;
  }
  const details = el('details', { class: 'json' });
  details.append(el('summary', { class: 'line' }, row.line.length > 300 ? `${row.line.slice(0, 300)}…` : row.line));
  details.addEventListener(
    'toggle',
    () => {
      if (details.childElementCount > 1) return;
      details.append(el('pre', { class: 'json-pretty' }, JSON.stringify(parsed, null, 2)));
      const fields = el('div', { class: 'fields', role: 'group', 'aria-label': 'JSON fields: add as filter' });
      for (const [path, text] of jsonLeaves(parsed)) {
        const name = sanitizeKey(path);
        const button = el('button', { type: 'button', class: 'chip field', title: `Add | json | ${name}="${text}"` }, `${path.join('.')}=${text}`);
        button.addEventListener('click', () => addFilter({ kind: 'json', name, value: text }));
        fields.append(button);
      }
      details.append(fields);
    },
  );
  item.append(details);
  return item;
}
