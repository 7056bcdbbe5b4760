import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { createShipperMetrics } from './metrics.js';

// promtail.md §4: names, types and labels as promtail registers them.
const expected: Array<[string, string, string[]]> = [
  ['promtail_encoded_bytes_total', 'counter', ['host']],
  ['promtail_sent_bytes_total', 'counter', ['host']],
  ['promtail_sent_entries_total', 'counter', ['host']],
  ['promtail_dropped_bytes_total', 'counter', ['host', 'reason', 'tenant']],
  ['promtail_dropped_entries_total', 'counter', ['host', 'reason', 'tenant']],
  ['promtail_batch_retries_total', 'counter', ['host', 'tenant']],
  ['promtail_request_duration_seconds', 'histogram', ['host', 'status_code']],
  ['promtail_read_bytes_total', 'gauge', ['path']],
  ['promtail_file_bytes_total', 'gauge', ['path']],
  ['promtail_read_lines_total', 'counter', ['path']],
  ['promtail_files_active_total', 'gauge', []],
  ['promtail_targets_active_total', 'gauge', []],
  ['promtail_targets_failed_total', 'counter', ['reason']],
];

for (const [name, type, labels] of expected) {
  test(`createShipperMetrics() registers ${name} as a ${type} with labels [${labels.join(', ')}]`, async () => {
    const registry = new Registry();
    const m = createShipperMetrics(registry);
    m.initClient('loki:3100', '');
    m.requestDuration.observe({ host: 'loki:3100', status_code: '204' }, 0.1);
    m.readBytes.set({ path: '/x' }, 1);
    m.fileBytes.set({ path: '/x' }, 1);
    m.readLines.inc({ path: '/x' });
    m.targetsFailed.inc({ reason: 'no_path' });
    const metric = (await registry.getMetricsAsJSON()).find((x) => x.name === name);
    assert.ok(metric, `${name} registered`);
    assert.equal(metric.type, type);
    const first = metric.values[0];
    assert.deepEqual(Object.keys(first?.labels ?? {}).filter((l) => l !== 'le').sort(), labels);
  });
}

test('createShipperMetrics() pre-initialises drop counters per reason at 0, as promtail does', async () => {
  const registry = new Registry();
  createShipperMetrics(registry).initClient('loki:3100', 'team');
  const text = await registry.metrics();
  for (const reason of ['ingester_error', 'rate_limited', 'stream_limited', 'line_too_long']) {
    assert.ok(text.includes(`promtail_dropped_entries_total{host="loki:3100",tenant="team",reason="${reason}"} 0`), reason);
  }
});
