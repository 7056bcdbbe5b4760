// `watchpost server --rules-dir DIR --webhook-url URL` (issue 8's interface): rule files
// directly in DIR are tenant `fake`; a matching push alerts at once through the webhook;
// the Loki and Prometheus rules APIs show the rule and its alert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookReceiver } from '../../src/ruler/testing/webhook-receiver.js';
import { startServerProcess } from '../support/watchpost-server.js';
import { deferredCleanup } from '../support/deferred-cleanup.js';

const rules = `groups:
  - name: auth
    rules:
      - alert: RootLogin
        expr: sum by (host) (count_over_time({job="auth"} |= "Accepted" |= "for root " [5m])) > 0
        for: 0s
        labels: {severity: warning}
        annotations: {summary: "root logged in on {{ $labels.host }}"}
`;

test('watchpost server runs the rules in --rules-dir, notifies --webhook-url on ingest, and serves the rules APIs', { timeout: 60_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'wp-server-ruler-'));
  const defer = deferredCleanup(t);
  defer(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'rules'));
  writeFileSync(join(root, 'rules', 'auth.yaml'), rules);
  const hook = await startWebhookReceiver();
  defer(() => hook.close());
  const server = await startServerProcess(join(root, 'data'), ['--rules-dir', join(root, 'rules'), '--webhook-url', hook.url]);
  defer(() => server.stop());

  const push = await fetch(`${server.url}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ streams: [{ stream: { job: 'auth', host: 'db1' }, values: [[String(Date.now() * 1e6), 'sshd[9]: Accepted publickey for root from 10.0.0.9 port 22 ssh2']] }] }),
  });
  assert.equal(push.status, 204);
  const body = (await hook.waitFor(() => true, 20_000)) as { version: string; status: string; alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }> };
  assert.equal(body.version, '4');
  assert.equal(body.status, 'firing');
  assert.deepEqual(body.alerts[0]?.labels, { alertname: 'RootLogin', host: 'db1', severity: 'warning' });
  assert.deepEqual(body.alerts[0]?.annotations, { summary: 'root logged in on db1' });

  const prom = (await (await fetch(`${server.url}/prometheus/api/v1/rules`)).json()) as { status: string; data: { groups: Array<{ name: string; file: string; rules: Array<{ name: string; state: string; health: string; alerts: unknown[] }> }> } };
  assert.equal(prom.status, 'success');
  assert.equal(prom.data.groups[0]?.file, 'auth.yaml');
  assert.equal(prom.data.groups[0]?.rules[0]?.state, 'firing');
  assert.equal(prom.data.groups[0]?.rules[0]?.health, 'ok');
  const yaml = await fetch(`${server.url}/loki/api/v1/rules`);
  assert.equal(yaml.status, 200);
  assert.match(await yaml.text(), /^auth\.yaml:\n {2}- name: auth\n/);
  const missing = await fetch(`${server.url}/loki/api/v1/rules/auth.yaml/nope`);
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), 'group does not exist\n');
});
