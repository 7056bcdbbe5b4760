import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { createShipperMetrics } from '../metrics.js';
import type { OutEntry } from '../sinks/batch.js';
import type { LokiPushClient } from '../sinks/loki-push.js';
import type { PipelineEntry } from '../stages/index.js';
import { Delivery, formatDryRunTime } from './delivery.js';

function setup(limits = { maxLineSizeBytes: 0, maxLineSizeTruncate: false, maxStreams: 0 }) {
  const added: OutEntry[] = [];
  const client = { host: 'loki:3100', add: (e: OutEntry) => added.push(e), writable: () => true, pendingMinSeq: () => Infinity } as unknown as LokiPushClient;
  const metrics = createShipperMetrics(new Registry());
  return { added, metrics, delivery: new Delivery({ clients: [client], limits, metrics }) };
}

let seq = 0;
const entry = (labels: Record<string, string>, line = 'l', extra: Partial<PipelineEntry> = {}): PipelineEntry => ({
  labels,
  extracted: {},
  tsNs: 1n,
  line,
  source: { seq: ++seq },
  ...extra,
});

test('Delivery drops __ labels and empty values, keys streams as formatLabels, takes __tenant_id__', () => {
  const { added, delivery } = setup();
  delivery.deliver([entry({ job: 'a', __path__: '/x', empty: '', __tenant_id__: 't1', z: 'q' })]);
  delivery.deliver([entry({ job: 'a', z: 'q' }, 'm', { tenant: 't2' })]);
  assert.deepEqual(added.map((e) => [e.key, e.tenant]), [['{job="a", z="q"}', 't1'], ['{job="a", z="q"}', 't2']]);
  assert.deepEqual(added[0]?.labels, { job: 'a', z: 'q' });
});

test('Delivery tells label sets apart whatever it remembers of recent ones', () => {
  const { added, delivery } = setup();
  const sets = Array.from({ length: 12 }, (_, i) => ({ job: 'a', n: String(i % 10) }));
  delivery.deliver(sets.map((l) => entry(l)));
  assert.deepEqual(added.map((e) => e.key), sets.map((l) => `{job="a", n="${l.n}"}`));
});

test('Delivery drops lines over max_line_size counting line_too_long, or truncates them', async () => {
  const drop = setup({ maxLineSizeBytes: 4, maxLineSizeTruncate: false, maxStreams: 0 });
  drop.delivery.deliver([entry({ job: 'a' }, 'toolong'), entry({ job: 'a' }, 'ok')]);
  assert.deepEqual(drop.added.map((e) => e.line), ['ok']);
  const text = await drop.metrics.registry.metrics();
  assert.ok(text.includes('promtail_dropped_entries_total{host="loki:3100",tenant="",reason="line_too_long"} 1'));
  const cut = setup({ maxLineSizeBytes: 4, maxLineSizeTruncate: true, maxStreams: 0 });
  cut.delivery.deliver([entry({ job: 'a' }, 'toolong')]);
  assert.deepEqual(cut.added.map((e) => e.line), ['tool']);
});

test('formatDryRunTime() writes promtail\'s dry-run layout in UTC', () => {
  assert.equal(formatDryRunTime(1_700_000_000_123_400_000n), '2023-11-14T22:13:20.1234+0000');
  assert.equal(formatDryRunTime(1_700_000_000_000_000_000n), '2023-11-14T22:13:20+0000');
});
