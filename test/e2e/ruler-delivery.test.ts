// The ruler against real Debian components: Alertmanager (v2 API) receives a
// rule's alert and later its resolution; Prometheus with its remote-write
// receiver stores a recording rule's samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createMemoryQuerier } from '../../src/logql/index.js';
import { createRuler, createTemplateExpander } from '../../src/ruler/index.js';
import { alertmanagerAvailable, startAlertmanager } from '../support/alertmanager.js';
import { hasPrometheus, startPrometheus } from '../support/prometheus-process.js';
import { deferredCleanup } from '../support/deferred-cleanup.js';

const rules = `groups:
  - name: ssh
    interval: 1h
    rules:
      - alert: SSHLogin
        expr: sum by (user, src_ip) (count_over_time({job="auth"} |= "Accepted" | regexp "for (?P<user>[^ ]+) from (?P<src_ip>[^ ]+) port" [1m])) > 0
        labels: {severity: info}
        annotations: {summary: "{{ $labels.user }} from {{ $labels.src_ip }}"}
      - record: auth:accepted:count1m
        expr: sum by (user) (count_over_time({job="auth"} |= "Accepted" | regexp "for (?P<user>[^ ]+) from" [1m]))
`;

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a rule\'s alert reaches a real Alertmanager with labels and annotations, then resolves; recorded samples reach a real Prometheus', { skip: !alertmanagerAvailable().ok || !hasPrometheus() ? 'needs prometheus-alertmanager and prometheus' : false }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'wp-ruler-e2e-'));
  const defer = deferredCleanup(t);
  defer(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'rules'));
  writeFileSync(join(root, 'rules', 'ssh.yaml'), rules);
  const am = await startAlertmanager();
  defer(() => am.stop());
  const prometheus = await startPrometheus([], ['--web.enable-remote-write-receiver']);
  defer(() => prometheus.stop());

  const querier = createMemoryQuerier();
  const engine = createEngine(querier);
  const ruler = createRuler({
    rulesDirs: [join(root, 'rules')],
    dataDir: join(root, 'data'),
    query: (tenant, expr, ts) => engine.instantVector(tenant, expr, ts),
    expand: createTemplateExpander(),
    alertmanagerUrls: [am.url],
    remoteWriteUrls: [`${prometheus.url}/api/v1/write`],
    externalUrl: 'http://127.0.0.1:3100',
  });
  ruler.start();
  defer(() => ruler.stop());

  // The login happened 65 s ago; the first evaluation is as of 60 s ago, when it was fresh.
  const now = Date.now();
  querier.push('fake', { job: 'auth', host: 'h1' }, [{ tsNs: BigInt(now - 65_000) * 1_000_000n, line: 'Accepted password for alice from 10.0.0.5 port 5555 ssh2' }]);
  await ruler.manager.evaluateAll(now - 60_000);
  await ruler.notifier.drain();

  const alerts = await until('the alert in Alertmanager', async () => {
    const list = await am.alerts();
    return list.length > 0 ? list : undefined;
  });
  assert.deepEqual(alerts[0]?.labels, { alertname: 'SSHLogin', severity: 'info', user: 'alice', src_ip: '10.0.0.5' });
  assert.deepEqual(alerts[0]?.annotations, { summary: 'alice from 10.0.0.5' });

  const recorded = await until('the recorded series in Prometheus', async () => {
    const result = await prometheus.query('auth:accepted:count1m');
    return result.length > 0 ? result : undefined;
  });
  assert.deepEqual(recorded[0]?.metric, { __name__: 'auth:accepted:count1m', user: 'alice' });
  assert.equal(recorded[0]?.value[1], '1');

  // Now the login has left the 1m window: the alert resolves (endsAt = now) and Alertmanager drops it.
  await ruler.manager.evaluateAll(Date.now());
  await ruler.notifier.drain();
  await until('the alert to resolve in Alertmanager', async () => ((await am.alerts()).length === 0 ? true : undefined));
});
