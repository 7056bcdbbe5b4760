import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { createLogger, formatLabels } from '../../core/index.js';
import { Spool } from '../buffer/spool.js';
import type { ClientConfig } from '../config/types.js';
import { createShipperMetrics, type ShipperMetrics } from '../metrics.js';
import { createFakeLoki, type FakeLoki } from '../testing/fake-loki.js';
import { computeBackoffMs } from './backoff.js';
import { LokiPushClient, type LokiPushClientOptions } from './loki-push.js';

const logger = createLogger({ write: () => {} });

function clientConfig(url: string, over: Partial<ClientConfig> = {}): ClientConfig {
  return {
    url,
    name: 'test',
    tenantId: '',
    batchWaitMs: 20,
    batchSizeBytes: 1 << 20,
    backoff: { minPeriodMs: 5, maxPeriodMs: 20, maxRetries: 10 },
    timeoutMs: 2000,
    externalLabels: {},
    headers: {},
    dropRateLimitedBatches: false,
    tls: { insecureSkipVerify: false },
    encoding: 'protobuf',
    ...over,
  };
}

interface Harness {
  loki: FakeLoki;
  client: LokiPushClient;
  metrics: ShipperMetrics;
  push(n: number, from?: number, tenant?: string): void;
  drain(): Promise<void>;
}

let seq = 0;
async function setup(
  t: { after(fn: () => Promise<void> | void): void },
  over: Partial<ClientConfig> = {},
  extra: Partial<LokiPushClientOptions> = {},
): Promise<Harness> {
  const loki = await createFakeLoki();
  const metrics = createShipperMetrics(new Registry());
  const client = new LokiPushClient({ config: clientConfig(loki.url, over), metrics, logger, random: () => 0, ...extra });
  const timer = setInterval(() => client.tick(), 5);
  t.after(async () => {
    clearInterval(timer);
    await client.close();
    await loki.close();
  });
  return {
    loki,
    client,
    metrics,
    push(n, from = 0, tenant = '') {
      for (let i = from; i < from + n; i++) {
        const labels = { job: 'test' };
        client.add({ labels, key: formatLabels(labels), tsNs: BigInt(i + 1), line: `line ${i}`, tenant, seq: ++seq });
      }
    },
    async drain() {
      client.sealAll();
      while (!client.idle()) await client.changed();
    },
  };
}

async function metricValue(m: ShipperMetrics, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await m.registry.getMetricsAsJSON()).find((x) => x.name === name);
  const v = metric?.values.find((x) => Object.entries(labels).every(([k, val]) => (x.labels as Record<string, unknown>)[k] === val));
  return Number(v?.value ?? NaN);
}

test('LokiPushClient sends protobuf+snappy batches with promtail headers, in order', async (t) => {
  const h = await setup(t, { tenantId: 'team-a' });
  h.push(100);
  await h.drain();
  assert.deepEqual(h.loki.acceptedLines(), Array.from({ length: 100 }, (_, i) => `line ${i}`));
  const req = h.loki.accepted[0]!;
  assert.equal(req.headers['content-type'], 'application/x-protobuf');
  assert.equal(req.headers['x-scope-orgid'], 'team-a');
  assert.match(String(req.headers['user-agent']), /^promtail\//);
  assert.equal(req.streams[0]?.labels, '{job="test"}');
  assert.equal(await metricValue(h.metrics, 'promtail_sent_entries_total', { host: h.client.host }), 100);
});

test('LokiPushClient seals a batch before it would pass batchsize', async (t) => {
  const h = await setup(t, { batchSizeBytes: 30, batchWaitMs: 60_000 });
  h.push(10); // "line N" = 6 bytes: 5 per batch
  await h.drain();
  assert.deepEqual(h.loki.accepted.map((p) => p.streams[0]?.entries.length), [5, 5]);
});

test('LokiPushClient keeps one batch per tenant and sends X-Scope-OrgID per batch', async (t) => {
  const h = await setup(t, { tenantId: 'default' });
  h.push(2, 0, 'a');
  h.push(2, 2, '');
  await h.drain();
  const byTenant = Object.fromEntries(h.loki.accepted.map((p) => [p.headers['x-scope-orgid'], p.streams[0]?.entries.length]));
  assert.deepEqual(byTenant, { a: 2, default: 2 });
});

test('LokiPushClient sends JSON when asked, with external labels merged under entry labels', async (t) => {
  const h = await setup(t, { encoding: 'json', externalLabels: { cluster: 'c1', job: 'ignored' } });
  h.push(1);
  await h.drain();
  assert.equal(h.loki.accepted[0]?.headers['content-type'], 'application/json');
  assert.equal(h.loki.accepted[0]?.streams[0]?.labels, '{cluster="c1", job="test"}');
});

test('LokiPushClient sends basic auth and bearer tokens', async (t) => {
  const h = await setup(t, { basicAuth: { username: 'u', password: 'p' } });
  h.push(1);
  await h.drain();
  assert.equal(h.loki.accepted[0]?.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
});

const retryCases = [
  { name: '500', answer: { status: 500, body: 'boom' } as const },
  { name: '429', answer: { status: 429, body: 'slow down' } as const },
  { name: 'a network error', answer: 'hangup' as const },
];
for (const c of retryCases) {
  test(`LokiPushClient retries ${c.name} and then delivers once`, async (t) => {
    const h = await setup(t);
    h.loki.answerWith((n) => (n < 3 ? c.answer : { status: 204 }));
    h.push(5);
    await h.drain();
    assert.deepEqual(h.loki.acceptedLines(), ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    assert.equal(await metricValue(h.metrics, 'promtail_batch_retries_total', { host: h.client.host }), 3);
    assert.equal(h.client.droppedEntries, 0);
  });
}

test('LokiPushClient drops a 400 without retrying and counts it with reason ingester_error', async (t) => {
  const h = await setup(t);
  h.loki.answerWith((n) => (n === 0 ? { status: 400, body: 'bad labels' } : { status: 204 }));
  h.push(3);
  await h.drain();
  h.push(2, 3);
  await h.drain();
  assert.equal(h.loki.received.length, 2);
  assert.deepEqual(h.loki.acceptedLines(), ['line 3', 'line 4']);
  assert.equal(await metricValue(h.metrics, 'promtail_dropped_entries_total', { host: h.client.host, reason: 'ingester_error' }), 3);
  assert.equal(await metricValue(h.metrics, 'promtail_dropped_bytes_total', { host: h.client.host, reason: 'ingester_error' }), 18);
  assert.equal(await metricValue(h.metrics, 'promtail_dropped_entries_total', { host: h.client.host, reason: 'rate_limited' }), 0);
  assert.equal(await metricValue(h.metrics, 'promtail_batch_retries_total', { host: h.client.host }), 0);
});

test('LokiPushClient without a buffer drops after max_retries (rate_limited after 429s)', async (t) => {
  const h = await setup(t, { backoff: { minPeriodMs: 1, maxPeriodMs: 2, maxRetries: 2 } });
  h.loki.answerWith(() => ({ status: 429 }));
  h.push(4);
  await h.drain();
  assert.equal(h.loki.received.length, 3);
  assert.equal(await metricValue(h.metrics, 'promtail_dropped_entries_total', { host: h.client.host, reason: 'rate_limited' }), 4);
});

test('LokiPushClient with a buffer keeps batches on disk through an outage and delivers them in order', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'spool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const spool = new Spool(dir, 2000);
  let down = true;
  const h = await setup(t, { batchSizeBytes: 60, backoff: { minPeriodMs: 2, maxPeriodMs: 10, maxRetries: 3 } }, { spool, maxQueuedBatches: 2 });
  h.loki.answerWith(() => (down ? 'hangup' : { status: 204 }));
  let pushed = 0;
  // Push until the spool is full and the memory queue too: the client is no longer writable.
  while ((h.client.writable() || spool.isEmpty) && pushed < 5000) {
    if (h.client.writable()) {
      h.push(10, pushed);
      pushed += 10;
      h.client.sealAll();
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  assert.equal(h.client.writable(), false, 'backpressure once the buffer is full');
  assert.ok(spool.sizeBytes > 0);
  assert.equal(h.client.pendingMinSeq() < Number.POSITIVE_INFINITY, true);
  down = false;
  await h.drain();
  assert.deepEqual(h.loki.acceptedLines(), Array.from({ length: pushed }, (_, i) => `line ${i}`));
  assert.equal(spool.isEmpty, true);
  assert.equal(h.client.droppedEntries, 0);
});

test('computeBackoffMs() doubles from min_period up to max_period', () => {
  const cfg = { minPeriodMs: 500, maxPeriodMs: 5000, maxRetries: 10 };
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => computeBackoffMs(cfg, n, () => 0)), [500, 1000, 2000, 4000, 5000]);
  assert.deepEqual([1, 2, 3].map((n) => computeBackoffMs(cfg, n, () => 0.999)), [999.5, 1999, 3998]);
});

test('LokiPushClient drops entries of streams past limits_config.max_streams per batch, counted as stream_limited', async (t) => {
  const h = await setup(t, { batchWaitMs: 60_000 }, { maxStreams: 1 });
  h.push(2);
  const other = { job: 'other' };
  h.client.add({ labels: other, key: formatLabels(other), tsNs: 9n, line: 'elsewhere', tenant: '', seq: ++seq });
  await h.drain();
  assert.deepEqual(h.loki.acceptedLines(), ['line 0', 'line 1']);
  assert.equal(await metricValue(h.metrics, 'promtail_dropped_entries_total', { host: h.client.host, reason: 'stream_limited' }), 1);
});
