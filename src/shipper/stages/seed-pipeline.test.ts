import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPipeline } from './build-pipeline.js';
import { createTestContext, makeEntry, readMetric, readOsqueryResultLines, readSeedPipelineStages } from './testdata/stage-test-kit.js';
import type { PipelineEntry } from './types.js';

// The seed's pipeline_stages, verbatim from issue #5 (config/testdata/seed-promtail.yaml).
const seedStages = readSeedPipelineStages();
const lines = readOsqueryResultLines();
const fileLabels = { job: 'osquery_results', filename: '/var/log/osquery/osqueryd.results.log' };

test('seed pipeline: labels, timestamps and extracted values of osquery result lines', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(seedStages, ctx);
  const out: PipelineEntry[] = [];
  for (const line of lines) pipeline.process(makeEntry(line, fileLabels, 5n), out);
  assert.equal(out.length, 5);
  assert.deepEqual(
    out.map((e) => ({ labels: e.labels, tsNs: e.tsNs, line: e.line })),
    [
      { labels: { ...fileLabels, name: 'pack_incident-response_last' }, tsNs: 1796320790000000000n, line: lines[0] },
      { labels: { ...fileLabels, name: 'pack_osquery-monitoring_osquery_info' }, tsNs: 1796320795000000000n, line: lines[1] },
      { labels: { ...fileLabels, name: 'pack_incident-response_last' }, tsNs: 1796320800000000000n, line: lines[2] },
      { labels: { ...fileLabels, name: 'pack_incident-response_last' }, tsNs: 1796320801000000000n, line: lines[3] },
      { labels: { ...fileLabels, name: 'process_snapshot' }, tsNs: 1796320802000000000n, line: lines[4] },
    ],
  );
  assert.deepEqual(out[0]?.extracted, {
    ...fileLabels,
    timestamp: 1796320790,
    ip: '10.0.0.5',
    name: 'pack_incident-response_last',
    username: 'alice',
  });
  // A column the query did not return is JSON null → Go nil.
  assert.equal(out[1]?.extracted.ip, null);
});

test('seed pipeline: promtail_custom_last_logins counts the last-login results per label set', async () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(seedStages, ctx);
  const out: PipelineEntry[] = [];
  for (const line of lines) pipeline.process(makeEntry(line, fileLabels), out);
  assert.deepEqual(await readMetric(ctx.registry, 'promtail_custom_last_logins'), [
    'promtail_custom_last_logins{filename="/var/log/osquery/osqueryd.results.log",job="osquery_results",name="pack_incident-response_last"} 3',
  ]);
  const text = await ctx.registry.metrics();
  assert.match(text, /# HELP promtail_custom_last_logins count last logins\n# TYPE promtail_custom_last_logins counter\n/);
  assert.match(text, /promtail_custom_last_logins\{filename="\/var\/log\/osquery\/osqueryd.results.log",job="osquery_results",name="pack_incident-response_last"\} 3/);
});

test('seed pipeline: close() unregisters the custom metric', () => {
  const ctx = createTestContext();
  const pipeline = buildPipeline(seedStages, ctx);
  assert.notEqual(ctx.registry.getSingleMetric('promtail_custom_last_logins'), undefined);
  pipeline.close();
  assert.equal(ctx.registry.getSingleMetric('promtail_custom_last_logins'), undefined);
});
