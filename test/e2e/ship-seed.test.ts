// The seed's promtail config (paths and URL changed) on osquery result lines:
// labels, timestamps, the promtail_custom_last_logins counter on /metrics, and
// a real Prometheus scraping it.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hasPrometheus, startPrometheus } from '../support/prometheus-process.js';
import { createShipFixture, spawnShip } from '../support/ship-process.js';
import { freePort } from '../support/watchpost-server.js';

const seed = readFileSync(new URL('../../src/shipper/config/testdata/seed-promtail.yaml', import.meta.url), 'utf8');

function osqueryLine(name: string, unixTime: number, username: string): string {
  return JSON.stringify({
    name,
    hostIdentifier: 'web-1',
    calendarTime: new Date(unixTime * 1000).toUTCString(),
    unixTime,
    epoch: 0,
    counter: 1,
    numerics: false,
    columns: { host: '10.0.0.5', pid: '4242', time: String(unixTime), tty: 'ssh', type: '7', username },
    action: 'added',
  });
}

async function setup(t: { after(fn: () => Promise<void>): void }) {
  const { dir, loki } = await createShipFixture(t, 'ship-seed-');
  const port = await freePort();
  const results = join(dir, 'osqueryd.results.log');
  const config = seed
    .replace('http_listen_port: 9080', `http_listen_port: ${port}`)
    .replace('/promtail/positions.yaml', join(dir, 'positions.yaml'))
    .replace('http://loki:3100/api/prom/push', loki.url)
    .replace('/var/log/osquery/osqueryd.results.log', results);
  writeFileSync(join(dir, 'promtail.yaml'), config);
  return { dir, loki, port, results, configFile: join(dir, 'promtail.yaml') };
}

async function metricsText(port: number): Promise<string> {
  return await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

test('the seed config ships osquery results with the seed\'s labels, timestamps and login counter', async (t) => {
  const { loki, port, results, configFile } = await setup(t);
  const now = Math.floor(Date.now() / 1000);
  writeFileSync(results, [osqueryLine('pack_incident-response_last', now - 10, 'alice'), osqueryLine('pack_other', now - 5, 'bob'), osqueryLine('pack_incident-response_last', now, 'carol')].join('\n') + '\n');
  const ship = spawnShip([`-config.file=${configFile}`]);
  t.after(async () => void (await ship.kill9()));
  await loki.waitForLines(3);
  const entries = loki.accepted.flatMap((p) => p.streams.flatMap((s) => s.entries.map((e) => ({ labels: s.labels, tsNs: e.tsNs }))));
  entries.sort((a, b) => (a.tsNs < b.tsNs ? -1 : 1));
  assert.deepEqual(entries, [
    { labels: `{filename="${results}", job="osquery_results", name="pack_incident-response_last"}`, tsNs: BigInt(now - 10) * 1_000_000_000n },
    { labels: `{filename="${results}", job="osquery_results", name="pack_other"}`, tsNs: BigInt(now - 5) * 1_000_000_000n },
    { labels: `{filename="${results}", job="osquery_results", name="pack_incident-response_last"}`, tsNs: BigInt(now) * 1_000_000_000n },
  ]);
  const text = await metricsText(port);
  assert.match(text, /# TYPE promtail_custom_last_logins counter/);
  assert.ok(text.includes(`promtail_custom_last_logins{filename="${results}",job="osquery_results",name="pack_incident-response_last"} 2`), text);
  assert.match(text, /promtail_sent_entries_total\{host="127\.0\.0\.1:\d+"\} 3/);
  assert.ok(text.includes(`promtail_read_lines_total{path="${results}"} 3`));
  assert.equal(await (await fetch(`http://127.0.0.1:${port}/ready`)).text(), 'Ready');
  assert.equal(await ship.stop(), 0);
});

test('a real Prometheus scrapes promtail_custom_last_logins and sees it increase after logins', { skip: !hasPrometheus() && 'needs Debian prometheus' }, async (t) => {
  const { loki, port, results, configFile } = await setup(t);
  writeFileSync(results, '');
  const ship = spawnShip([`-config.file=${configFile}`]);
  t.after(async () => void (await ship.kill9()));
  const prometheus = await startPrometheus([`127.0.0.1:${port}`]);
  t.after(() => prometheus.stop());
  const login = (user: string) => appendFileSync(results, `${osqueryLine('pack_incident-response_last', Math.floor(Date.now() / 1000), user)}\n`);
  login('alice');
  await loki.waitForLines(1);
  const deadline = Date.now() + 60_000;
  let series: Awaited<ReturnType<typeof prometheus.query>> = [];
  let increase: Awaited<ReturnType<typeof prometheus.query>> = [];
  let logins = 1;
  while (Date.now() < deadline) {
    series = await prometheus.query('promtail_custom_last_logins');
    increase = await prometheus.query('increase(promtail_custom_last_logins{name="pack_incident-response_last"}[5m]) > 0');
    if (series.length > 0 && increase.length > 0) break;
    login(`user${logins++}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  assert.equal(series.length, 1, 'promtail_custom_last_logins has one series');
  assert.equal(series[0]?.metric.name, 'pack_incident-response_last');
  assert.equal(series[0]?.metric.job, 'shipper'); // Prometheus's job label from its scrape config (the entry's job becomes exported_job)
  assert.equal(series[0]?.metric.exported_job, 'osquery_results');
  assert.ok(Number(increase[0]?.value[1]) > 0, JSON.stringify(increase));
});
