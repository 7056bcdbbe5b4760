import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLabels, type Labels } from '../../core/index.js';
import { createEngine } from './engine.js';
import { createMemoryQuerier } from './memory-querier.js';

/**
 * Log queries stop reading a stream once its entries fall past the cut-off of
 * the best `limit` held so far: the answer must equal a brute-force pick of
 * the `limit` best distinct entries (ties on time ordered by labels, exact
 * duplicates once), in both directions, with enough entries to prune.
 */
const cases = [
  { name: 'backward, limit 5', direction: 'backward', limit: 5 },
  { name: 'forward, limit 7', direction: 'forward', limit: 7 },
  { name: 'backward, limit 600 (held entries pruned to the best, then a cut-off)', direction: 'backward', limit: 600 },
  { name: 'forward, limit 200 (pruned)', direction: 'forward', limit: 200 },
] as const;

function makeData(): { labels: Labels; entries: { tsNs: bigint; line: string }[] }[] {
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  const streams = [];
  for (let s = 0; s < 6; s++) {
    const entries = [];
    // Coarse timestamps: many ties across and within streams; some exact duplicates.
    for (let i = 0; i < 900; i++) {
      const tsNs = BigInt(1000 + rnd(60)) * 1_000_000_000n;
      entries.push({ tsNs, line: `level=${rnd(3) === 0 ? 'error' : 'info'} n=${rnd(5)}` });
    }
    streams.push({ labels: { app: 'x', pod: `p${s}` }, entries });
  }
  return streams;
}

for (const c of cases) {
  test(`evaluateLogQuery keeps the best entries across streams: ${c.name}`, async () => {
    const data = makeData();
    const querier = createMemoryQuerier({ batchSize: 100 });
    // Streams read later sort first on equal times: they win ties against what is held.
    for (const s of [...data].reverse()) querier.push('t', s.labels, s.entries);
    const engine = createEngine(querier);
    const query = '{app="x"} | logfmt | level="info"';
    const result = await engine.query({ tenant: 't', query, startNs: 0n, endNs: 10_000n * 1_000_000_000n, stepMs: 0, instant: false, limit: c.limit, direction: c.direction });
    assert.equal(result.resultType, 'streams');

    const all: { tsNs: bigint; key: string; line: string }[] = [];
    for (const s of data) {
      for (const e of s.entries) {
        const m = /level=(\w+) n=(\d)/.exec(e.line) as RegExpExecArray;
        if (m[1] !== 'info') continue;
        all.push({ tsNs: e.tsNs, key: formatLabels({ ...s.labels, level: 'info', n: m[2] as string }), line: e.line });
      }
    }
    const backward = c.direction === 'backward';
    all.sort((a, b) => (a.tsNs !== b.tsNs ? ((a.tsNs < b.tsNs) !== backward ? -1 : 1) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const seen = new Set<string>();
    const want: string[] = [];
    for (const e of all) {
      const id = `${e.tsNs} ${e.key} ${e.line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      want.push(id);
      if (want.length === c.limit) break;
    }
    const got: string[] = [];
    for (const s of result.streams) for (const e of s.entries) got.push(`${e.tsNs} ${s.key} ${e.line}`);
    assert.deepEqual(got.sort(), want.sort());
  });
}
