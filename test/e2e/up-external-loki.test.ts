// `watchpost up` with an external Loki (here a second Watchpost server standing in for a
// Loki cluster, speaking the same HTTP API): lines are stored there, queries through
// up's API are answered from there, and the built-in detections still alert.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookReceiver } from '../../src/ruler/testing/webhook-receiver.js';
import { startUp, until } from '../support/up-process.js';
import { freePort, startServerProcess } from '../support/watchpost-server.js';
import { deferredCleanup } from '../support/deferred-cleanup.js';

test('watchpost up with loki.url stores in and queries the external Loki, and detections alert', { timeout: 120_000 }, async (t) => {
  const root = mkdtempSync(join(tmpdir(), 'wp-up-ext-'));
  const defer = deferredCleanup(t);
  defer(() => rmSync(root, { recursive: true, force: true }));
  const loki = await startServerProcess(join(root, 'loki'));
  defer(() => loki.stop());
  const hook = await startWebhookReceiver();
  defer(() => hook.close());
  const authLog = join(root, 'auth.log');
  writeFileSync(authLog, '');
  writeFileSync(join(root, 'watchpost.yaml'), `loki:\n  url: ${loki.url}\n`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const up = startUp(['--config', join(root, 'watchpost.yaml'), '--data-dir', join(root, 'up'), '--http-listen-port', String(port), '--webhook-url', hook.url, '--auth-log', authLog, '--host-identifier', 'edge-1']);
  defer(() => up.stop());
  await until('watchpost up to be ready', async () => ((await fetch(`${url}/ready`)).status === 200 ? true : undefined), 60_000, up.output);

  appendFileSync(authLog, 'Dec  3 10:00:00 edge-1 sshd[42]: Accepted password for alice from 10.1.2.3 port 50000 ssh2\n');

  const query = new URLSearchParams({ query: '{job="auth", host="edge-1"}', start: String((Date.now() - 600_000) * 1e6), limit: '10' });
  const stored = await until('the line in the external Loki', async () => {
    const body = (await (await fetch(`${loki.url}/loki/api/v1/query_range?${query}`)).json()) as { data: { result: Array<{ values: [string, string][] }> } };
    return body.data.result.length > 0 ? body.data.result : undefined;
  }, 30_000, up.output);
  assert.match(stored[0]?.values[0]?.[1] ?? '', /Accepted password for alice/);

  const viaUp = (await (await fetch(`${url}/loki/api/v1/query_range?${query}`)).json()) as { status: string; data: { resultType: string; result: Array<{ stream: Record<string, string> }> } };
  assert.equal(viaUp.data.resultType, 'streams');
  assert.equal(viaUp.data.result[0]?.stream.host, 'edge-1');

  const alert = (await hook.waitFor((b) => JSON.stringify(b).includes('"SSHLogin"'), 30_000)) as { alerts: Array<{ labels: Record<string, string> }> };
  assert.deepEqual(
    { user: alert.alerts[0]?.labels.user, src_ip: alert.alerts[0]?.labels.src_ip, host: alert.alerts[0]?.labels.host },
    { user: 'alice', src_ip: '10.1.2.3', host: 'edge-1' },
  );
});
