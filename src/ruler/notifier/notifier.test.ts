import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { alertmanagerAvailable, startAlertmanager } from '../../../test/support/alertmanager.js';
import { startWebhookReceiver } from '../testing/webhook-receiver.js';
import { createNotifier } from './notifier.js';
import { formatAlertTime, type PostableAlert } from './postable-alert.js';

const nowMs = Date.parse('2026-01-01T00:05:00Z');
const firing: PostableAlert = {
  labels: { alertname: 'SSHLogin', host: 'h1', user: 'alice' },
  annotations: { summary: 'alice logged in' },
  startsAt: formatAlertTime(nowMs),
  endsAt: formatAlertTime(nowMs + 4 * 60_000),
  generatorURL: 'http://127.0.0.1:3100/explore',
};

test('webhook receives Alertmanager\'s version 4 payload, firing then resolved', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  let clock = nowMs;
  const notifier = createNotifier({ alertmanagerUrls: [], webhookUrls: [receiver.url], externalUrl: 'http://127.0.0.1:3100', nowMs: () => clock });
  notifier.send([firing]);
  await notifier.drain();
  clock += 60_000;
  notifier.send([{ ...firing, endsAt: formatAlertTime(clock) }]);
  await notifier.drain();
  assert.equal(receiver.bodies.length, 2);
  const [first, second] = receiver.bodies as Array<Record<string, unknown>>;
  assert.deepEqual(first, {
    receiver: 'webhook',
    status: 'firing',
    alerts: [
      {
        status: 'firing',
        labels: firing.labels,
        annotations: firing.annotations,
        startsAt: '2026-01-01T00:05:00.000Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: firing.generatorURL,
        fingerprint: (first?.alerts as Array<{ fingerprint: string }>)[0]?.fingerprint,
      },
    ],
    groupLabels: { alertname: 'SSHLogin' },
    commonLabels: firing.labels,
    commonAnnotations: firing.annotations,
    externalURL: 'http://127.0.0.1:3100',
    version: '4',
    groupKey: '{}:{alertname="SSHLogin"}',
    truncatedAlerts: 0,
  });
  assert.match((first?.alerts as Array<{ fingerprint: string }>)[0]?.fingerprint ?? '', /^[0-9a-f]{16}$/);
  assert.equal(second?.status, 'resolved');
  assert.equal((second?.alerts as Array<{ endsAt: string }>)[0]?.endsAt, '2026-01-01T00:06:00.000Z');
});

test('notifier retries 5xx, drops other 4xx, and counts failures in /metrics', async (t) => {
  const retried = await startWebhookReceiver([503, 500]);
  const refused = await startWebhookReceiver([400, 400, 400]);
  t.after(() => Promise.all([retried.close(), refused.close()]));
  const registry = new Registry();
  const notifier = createNotifier({
    alertmanagerUrls: [],
    webhookUrls: [retried.url, refused.url],
    externalUrl: '',
    registry,
    attempts: 3,
    nowMs: () => nowMs,
  });
  notifier.send([firing]);
  await notifier.drain();
  assert.equal(retried.bodies.length, 3, 'two failures, then success');
  assert.equal(refused.bodies.length, 1, 'a 400 is final');
  const metrics = await registry.metrics();
  assert.match(metrics, new RegExp(`watchpost_ruler_notifications_errors_total\\{destination="${refused.url}"\\} 1`));
  assert.match(metrics, new RegExp(`watchpost_ruler_notifications_sent_total\\{destination="${retried.url}"\\} 1`));
});

test('a real Alertmanager shows the alert with its labels and annotations, then as resolved', { skip: alertmanagerAvailable().ok ? false : alertmanagerAvailable().reason }, async (t) => {
  const am = await startAlertmanager();
  t.after(() => am.stop());
  const start = Date.now();
  const notifier = createNotifier({ alertmanagerUrls: [am.url], webhookUrls: [], externalUrl: 'http://127.0.0.1:3100' });
  const alert: PostableAlert = { ...firing, startsAt: formatAlertTime(start), endsAt: formatAlertTime(start + 4 * 60_000) };
  notifier.send([alert]);
  await notifier.drain();
  const active = await am.alerts();
  assert.equal(active.length, 1);
  assert.deepEqual(active[0]?.labels, alert.labels);
  assert.deepEqual(active[0]?.annotations, alert.annotations);
  assert.equal(active[0]?.status.state, 'active');
  notifier.send([{ ...alert, endsAt: formatAlertTime(Date.now()) }]);
  await notifier.drain();
  // Alertmanager's GET lists only unresolved alerts by default: a resolved one leaves the list.
  const deadline = Date.now() + 5000;
  let after = await am.alerts();
  while (after.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await am.alerts();
  }
  assert.equal(after.length, 0);
});
