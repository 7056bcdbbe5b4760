import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatLabels } from '../../core/index.js';
import { createEngine } from './engine.js';
import { formatFloat } from './format-float.js';
import { createMemoryQuerier } from './memory-querier.js';
import { parseCaseDuration, parseCaseFile, readLabels, readString, type EvalCase } from './testing/case-file.js';
import type { QueryRequest, QueryResult } from './types.js';

// Runs every src/logql/testdata/engine/*.test file (format: testing/case-file.ts)
// through the real parser and pipeline against an in-memory querier.
const dir = fileURLToPath(new URL('../testdata/engine/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.test')).sort();

function seconds(tsNs: bigint): string {
  const whole = tsNs / 1_000_000_000n;
  const frac = (tsNs % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return frac === '' ? `${whole}` : `${whole}.${frac}`;
}

/** The result as expectation lines (see case-file.ts). */
function render(result: QueryResult): string[] {
  switch (result.resultType) {
    case 'matrix':
      return result.series.map((s) => `${s.key} ${s.points.map((p) => `${formatFloat(p.value)}@${p.tsMs / 1000}`).join(' ')}`);
    case 'vector':
      return result.samples.map((s) => `${s.key} ${formatFloat(s.value)}`);
    case 'scalar':
      return [`scalar ${formatFloat(result.value)}`];
    case 'streams':
      return result.streams.flatMap((s) => [s.key, ...s.entries.map((e) => `${seconds(e.tsNs)} ${JSON.stringify(e.line)}`)]);
  }
}

/** Expectation lines in the rendered form (labels re-printed canonically, entry ts in seconds). */
function normalize(line: string): string {
  if (line.startsWith('{')) {
    const [labels, rest] = readLabels(line);
    return rest === '' ? formatLabels(labels) : `${formatLabels(labels)} ${rest}`;
  }
  const m = /^(\S+)\s+([`"].*)$/.exec(line);
  if (m !== null && !line.startsWith('scalar')) return `${seconds(parseCaseDuration(m[1] as string))} ${JSON.stringify(readString(m[2] as string)[0])}`;
  return line;
}

function toRequest(c: EvalCase): QueryRequest {
  const base = { tenant: 'fake', query: c.query, limit: 100, direction: 'backward' as const };
  switch (c.mode) {
    case 'instant':
      return { ...base, startNs: c.atNs, endNs: c.atNs, stepMs: 0, instant: true };
    case 'range':
      return { ...base, startNs: c.startNs, endNs: c.endNs, stepMs: c.stepMs, instant: false };
    case 'logs':
      return { ...base, startNs: c.startNs, endNs: c.endNs, stepMs: 1000, instant: false, limit: c.limit, direction: c.direction, intervalMs: c.intervalMs };
  }
}

for (const file of files) {
  const cases = parseCaseFile(readFileSync(join(dir, file), 'utf8'));
  const querier = createMemoryQuerier({ batchSize: 3 });
  for (const p of cases.pushes) querier.push('fake', p.labels, [{ tsNs: p.tsNs, line: p.line, metadata: p.metadata }]);
  const engine = createEngine(querier);
  for (const c of cases.evals) {
    test(`${file}:${c.lineNo} ${c.query}`, async () => {
      const errorLine = c.expect.find((l) => l.startsWith('expect error '));
      const run = engine.query(toRequest(c));
      if (errorLine !== undefined) {
        const [want] = readString(errorLine.slice('expect error '.length));
        await assert.rejects(run, (err: Error) => {
          assert.equal(err.message, want);
          return true;
        });
        return;
      }
      assert.deepEqual(render(await run), c.expect.map(normalize));
    });
  }
}
