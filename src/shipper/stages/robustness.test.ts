import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { createSeededRandom } from '../../../test/support/seeded-random.js';
import { buildPipeline } from './build-pipeline.js';
import { createTestContext, makeEntry } from './testdata/stage-test-kit.js';
import type { PipelineEntry } from './types.js';

// Every stage on one pipeline; odd inputs must never throw out of process() or flush().
const stages = parse(`
- cri: {}
- docker: {}
- json: {expressions: {ts: unixTime, n: name, obj: columns, len: "length(columns)"}}
- logfmt: {mapping: {level: , ts2: time}}
- regex: {expression: '(?P<word>\\w+)\\s+(?P<num>\\d+)?'}
- timestamp: {source: ts, format: Unix, fallback_formats: [RFC3339Nano, 'Jan _2 15:04:05', UnixMs]}
- timestamp: {source: ts2, format: '2006-01-02 15:04:05.000 MST', location: Europe/Berlin, action_on_failure: skip}
- labels: {name: n, level: , word: }
- structured_metadata: {num: }
- decolorize:
- replace: {expression: '(\\d+)|(?P<w>[a-z]+)', replace: '{{ .Value | ToUpper }}{{ .level }}'}
- template: {source: level, template: '{{ regexReplaceAll "(w)" .Value "$1$1" | printf "%q" }}'}
- drop: {source: [level], value: drop-me}
- match: {selector: '{level=~"warn|error"} |~ "(?i)fail"', stages: [{static_labels: {failed: "yes"}}]}
- tenant: {source: n}
- limit: {rate: 1000000, burst: 1000000}
- metrics:
    sizes: {type: Histogram, source: num, config: {buckets: [1, 10, 100]}}
    words: {type: Counter, source: word, config: {action: inc}}
    level: {type: Gauge, source: num, config: {action: add}}
- multiline: {firstline: '^\\S', max_lines: 5}
- pack: {labels: [word], ingest_timestamp: false}
`) as unknown[];

const fragments = [
  '{"unixTime":1796320790,"name":"pack_x","columns":{"a":"1"}}',
  '{"unixTime":"1e400","name":null,"columns":[1,{"b":null}]}',
  '{"unixTime":-1.5,"name":{"x":1}}',
  '2019-01-01T01:00:00.000000001Z stderr P part ',
  '2019-01-01T01:00:00.000000001Z stdout F full',
  '{"log":"x\\n","stream":"stderr","time":"not a time"}',
  'level=warn time="2024-01-01 10:00:00.000 CET" msg=fail',
  'level=drop-me',
  'level="unterminated',
  '\u001b[31mred\u001b[0m word 12',
  '  continuation',
  '\ud800 lone surrogate',
  '9999999999999999999999 99999999999999999999999',
  '',
  '{',
  'x'.repeat(3000),
];

test('every stage together survives 5,000 random lines without throwing', () => {
  const random = createSeededRandom(42);
  const ctx = createTestContext();
  const pipeline = buildPipeline(stages, ctx);
  const out: PipelineEntry[] = [];
  let inputs = 0;
  for (let i = 0; i < 5000; i++) {
    let line = fragments[Math.floor(random() * fragments.length)] as string;
    if (random() < 0.3) {
      const cut = Math.floor(random() * (line.length + 1));
      line = line.slice(0, cut) + String.fromCharCode(Math.floor(random() * 0x2100)) + line.slice(cut + 1);
    }
    const labels: Record<string, string> = random() < 0.5 ? { job: 'fuzz' } : { job: 'fuzz', level: 'error' };
    pipeline.process(makeEntry(line, labels, BigInt(i)), out);
    inputs++;
    if (i % 100 === 0) {
      ctx.now += 1000;
      pipeline.flush(ctx.now, out, false);
    }
  }
  pipeline.flush(ctx.now, out, true);
  assert.equal(pipeline.heldMinSeq(), undefined);
  assert.ok(out.length > 0 && out.length <= inputs);
  for (const entry of out) {
    assert.equal(typeof entry.line, 'string');
    assert.equal(typeof entry.tsNs, 'bigint');
    for (const value of Object.values(entry.labels)) assert.equal(typeof value, 'string');
  }
  pipeline.close();
});
