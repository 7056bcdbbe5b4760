import type { LokiStream } from '../api.js';

export type AddFilter = (filter: { kind: 'label' | 'json'; name: string; value: string }) => void;

interface Row {
  readonly tsNs: bigint;
  readonly ts: string;
  readonly labels: Record<string, string>;
  readonly line: string;
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

function formatTime(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n);
  const d = new Date(ms);
  return `${d.toISOString().replace('T', ' ').replace('Z', '')}`;
}

/** Leaf fields of a JSON object as [path, text] pairs, skipping arrays and nulls as Loki's json parser does. */
function jsonLeaves(value: unknown, path: string[] = []): Array<[string[], string]> {
  if (value === null || Array.isArray(value)) return [];
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => jsonLeaves(v, [...path, k]));
  return [[path, String(value)]];
}

/**
 * Renders log entries newest first: time, stream labels (each a button that
 * adds the matcher to the selector) and the line; JSON lines get a
 * pretty-printed field list whose fields add `| json | field="value"`.
 */
export function renderLogs(parent: HTMLElement, streams: readonly LokiStream[], addFilter: AddFilter, options: { forward?: boolean; max?: number } = {}): number {
  const rows: Row[] = [];
  for (const stream of streams) for (const [ts, line] of stream.values) rows.push({ tsNs: BigInt(ts), ts, labels: stream.stream, line });
  rows.sort((a, b) => (a.tsNs === b.tsNs ? 0 : (a.tsNs > b.tsNs) !== (options.forward ?? false) ? -1 : 1));
  const list = el('ol', { class: 'logs', 'aria-label': 'Log lines' });
  for (const row of rows.slice(0, options.max ?? 5000)) list.append(renderRow(row, addFilter));
  parent.replaceChildren(list);
  if (rows.length === 0) parent.replaceChildren(el('p', { class: 'empty' }, 'No log lines in this range.'));
  return rows.length;
}

/** Prepends entries as they arrive (live tail), keeping at most `max`. */
export function prependLogs(list: HTMLElement, stream: LokiStream, addFilter: AddFilter, max = 1000): void {
  for (const [ts, line] of stream.values) list.prepend(renderRow({ tsNs: BigInt(ts), ts, labels: stream.stream, line }, addFilter));
  while (list.childElementCount > max) list.lastElementChild?.remove();
}

function renderRow(row: Row, addFilter: AddFilter): HTMLElement {
  const item = el('li', { class: 'log-row' });
  const head = el('div', { class: 'log-head' });
  head.append(el('time', { datetime: new Date(Number(row.tsNs / 1_000_000n)).toISOString() }, formatTime(row.tsNs)));
  const labels = el('span', { class: 'labels' });
  for (const [name, value] of Object.entries(row.labels).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const chip = el('button', { type: 'button', class: 'chip', title: `Add ${name}="${value}" to the selector` }, `${name}=${value}`);
    chip.addEventListener('click', () => addFilter({ kind: 'label', name, value }));
    labels.append(chip);
  }
  head.append(labels);
  item.append(head);
  let parsed: unknown;
  try {
    parsed = row.line.trimStart().startsWith('{') ? JSON.parse(row.line) : undefined;
  } catch {
    parsed = undefined;
  }
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) {
    const details = el('details', { class: 'json' });
    const summary = el('summary', {}, row.line.length > 200 ? `${row.line.slice(0, 200)}…` : row.line);
    details.append(summary);
    details.append(el('pre', { class: 'json-pretty' }, JSON.stringify(parsed, null, 2)));
    const fields = el('div', { class: 'fields', role: 'group', 'aria-label': 'JSON fields' });
    for (const [path, text] of jsonLeaves(parsed)) {
      const name = sanitizeKey(path);
      const button = el('button', { type: 'button', class: 'chip field', title: `Add | json | ${name}="${text}"` }, `${path.join('.')}=${text}`);
      button.addEventListener('click', () => addFilter({ kind: 'json', name, value: text }));
      fields.append(button);
    }
    details.append(fields);
    item.append(details);
  } else {
    item.append(el('pre', { class: 'line' }, row.line));
  }
  return item;
}
