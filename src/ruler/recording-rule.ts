import { formatLabels, type Labels } from '../core/index.js';
import type { Sample } from '../logql/index.js';
import type { RuleDesc } from './rule-file.js';

/** A series written by a recording rule: `{__name__="<record>", …}` at the evaluation time. */
export interface RecordedSample {
  readonly labels: Labels;
  readonly key: string;
  readonly tsMs: number;
  readonly value: number;
}

/**
 * Turns one evaluation's samples into the recorded series (alerting.md §2):
 * `__name__` set to the rule's name, rule labels override sample labels.
 * Two samples with the same resulting labels are an error, as in Prometheus.
 */
export function recordSamples(desc: RuleDesc, tsMs: number, samples: readonly Sample[]): RecordedSample[] {
  const out: RecordedSample[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    const labels: Record<string, string> = { ...sample.labels, ...desc.labels, __name__: desc.record ?? '' };
    for (const [name, value] of Object.entries(labels)) if (value === '') delete labels[name];
    const key = formatLabels(labels);
    if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying rule labels');
    seen.add(key);
    out.push({ labels, key, tsMs, value: sample.value });
  }
  return out;
}
