import { formatLabels, WatchpostError, type Labels } from '../../core/index.js';
import type { LabelReplace } from '../syntax/ast.js';
import { compileGoRegex, type GoRegex } from '../pipeline/index.js';
import { createStepSeries, type StepSeries } from './series.js';

/**
 * `label_replace(v, dst, replacement, src, regex)` (Prometheus): when the
 * fully anchored regex matches the value of `src` ("" when absent), `dst` is
 * set to the expanded replacement (`$1`, `${name}`); an empty result removes
 * `dst`. Series whose regex does not match pass unchanged.
 */
export function applyLabelReplace(node: LabelReplace, input: readonly StepSeries[], steps: number): StepSeries[] {
  const regex = compileGoRegex(node.regex, { anchored: true });
  const byKey = new Map<string, StepSeries>();
  for (const series of input) {
    const labels = replaceLabels(series.labels, node, regex);
    const key = labels === series.labels ? series.key : formatLabels(labels);
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, labels === series.labels ? series : { ...series, labels, key });
      continue;
    }
    for (let i = 0; i < steps; i++) {
      if (series.present[i] === 1 && existing.present[i] === 1) {
        throw new WatchpostError('ERR_QUERY_EXECUTION', 'vector cannot contain metrics with the same labelset');
      }
    }
    const merged = createStepSeries(existing.labels, key, steps);
    for (let i = 0; i < steps; i++) {
      const from = existing.present[i] === 1 ? existing : series;
      merged.present[i] = from.present[i] as number;
      merged.values[i] = from.values[i] as number;
    }
    byKey.set(key, merged);
  }
  return [...byKey.values()];
}

function replaceLabels(labels: Labels, node: LabelReplace, regex: GoRegex): Labels {
  const source = labels[node.src] ?? '';
  const match = regex.regexp.exec(source);
  if (match === null) return labels;
  const value = expandTemplate(node.replacement, match, regex.groupNames);
  const out: Record<string, string> = { ...labels };
  if (value === '') delete out[node.dst];
  else out[node.dst] = value;
  return out;
}

/** Go's `Regexp.Expand`: `$1`, `${1}`, `$name`, `${name}`, `$$`; unknown groups expand to "". */
export function expandTemplate(template: string, match: RegExpExecArray, groupNames: readonly (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] as string;
    if (ch !== '$' || i + 1 >= template.length) {
      out += ch;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      name = close < 0 ? '' : template.slice(i + 2, close);
      if (close < 0 || !/^\w+$/.test(name)) {
        out += ch;
        continue;
      }
      end = close;
    } else {
      const m = /^\w+/.exec(template.slice(i + 1));
      if (m === null) {
        out += ch;
        continue;
      }
      name = m[0];
      end = i + name.length;
    }
    out += groupValue(match, groupNames, name);
    i = end;
  }
  return out;
}

function groupValue(match: RegExpExecArray, groupNames: readonly (string | undefined)[], name: string): string {
  if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
  const index = groupNames.indexOf(name);
  return index < 0 ? '' : (match[index] ?? '');
}
