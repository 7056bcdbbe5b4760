import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createMemoryQuerier } from '../logql/index.js';
import { createRuler } from './ruler.js';
import { createTemplateExpander } from './template.js';
import { startWebhookReceiver } from './testing/webhook-receiver.js';

const ruleFile = `groups:
  - name: logins
    interval: 1h
    rules:
      - alert: LoginSeen
        expr: sum by (user) (count_over_time({job="auth"} |= "Accepted" | regexp "for (?P<user>[^ ]+) from" [5m])) > 0
        labels: {severity: info}
        annotations: {summary: "{{ $labels.user }} logged in"}
`;

function setup(t: TestContext): { rulesDir: string; dataDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'wp-ruler-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const rulesDir = join(root, 'rules');
  mkdirSync(rulesDir);
  writeFileSync(join(rulesDir, 'logins.yaml'), ruleFile);
  return { rulesDir, dataDir: join(root, 'data') };
}

test('a push that matches a rule\'s selector is evaluated at once (interval 1h) and notified', async (t) => {
  const { rulesDir, dataDir } = setup(t);
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const querier = createMemoryQuerier();
  const engine = createEngine(querier);
  const ruler = createRuler({ rulesDirs: [rulesDir], dataDir, query: (tenant, expr, ts) => engine.instantVector(tenant, expr, ts), expand: createTemplateExpander(), webhookUrls: [receiver.url] });
  ruler.start();
  t.after(() => ruler.stop());
  const labels = { job: 'auth', host: 'h1' };
  querier.push('fake', labels, [{ tsNs: BigInt(Date.now() - 1000) * 1_000_000n, line: 'sshd[1]: Accepted password for alice from 10.0.0.5 port 2222 ssh2' }]);
  ruler.notifyIngest('fake', [labels]);
  const body = (await receiver.waitFor(() => true)) as { status: string; alerts: Array<{ labels: Record<string, string>; annotations: Record<string, string> }> };
  assert.equal(body.status, 'firing');
  assert.deepEqual(body.alerts[0]?.labels, { alertname: 'LoginSeen', severity: 'info', user: 'alice' });
  assert.deepEqual(body.alerts[0]?.annotations, { summary: 'alice logged in' });
});

test('a push for another selector or tenant does not evaluate the rule', async (t) => {
  const { rulesDir, dataDir } = setup(t);
  let evaluations = 0;
  const ruler = createRuler({ rulesDirs: [rulesDir], dataDir, query: async () => (evaluations++, []), expand: createTemplateExpander() });
  ruler.start();
  t.after(() => ruler.stop());
  ruler.notifyIngest('fake', [{ job: 'other' }]);
  ruler.notifyIngest('tenant-b', [{ job: 'auth' }]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(evaluations, 0);
  ruler.notifyIngest('fake', [{ job: 'auth' }]);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(evaluations, 1);
});

test('after a restart a firing alert is neither lost nor sent again before resend_delay', async (t) => {
  const { rulesDir, dataDir } = setup(t);
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const sample = [{ labels: { user: 'alice' }, key: '{user="alice"}', tsMs: 0, value: 1 }];
  const make = () => createRuler({ rulesDirs: [rulesDir], dataDir, query: async () => sample, expand: createTemplateExpander(), webhookUrls: [receiver.url] });
  const first = make();
  first.start();
  const now = Date.now();
  await first.manager.evaluateAll(now);
  await first.notifier.drain();
  await first.stop();
  assert.equal(receiver.bodies.length, 1);
  const second = make();
  second.start();
  t.after(() => second.stop());
  assert.equal(second.manager.groups[0]?.rules[0]?.alerting?.state(), 'firing', 'restored as firing');
  await second.manager.evaluateAll(now + 10_000);
  await second.notifier.drain();
  assert.equal(receiver.bodies.length, 1, 'no second page');
});

test('a reload with a broken rule file keeps the running rules and reports the file and line', (t) => {
  const { rulesDir, dataDir } = setup(t);
  const ruler = createRuler({ rulesDirs: [rulesDir], dataDir, query: async () => [], expand: createTemplateExpander() });
  ruler.start();
  t.after(() => ruler.stop());
  writeFileSync(join(rulesDir, 'broken.yaml'), 'groups:\n  - name: bad\n    rules:\n      - alert: X\n        expr: sum(\n');
  assert.throws(() => ruler.reload(), /broken\.yaml:4: group "bad", rule 1 \("X"\): could not parse expression for alert 'X' in group 'bad': parse error/);
  assert.equal(ruler.manager.groups.length, 1);
  assert.equal(ruler.manager.groups[0]?.options.desc.name, 'logins');
});

test('scheduled group evaluations run one at a time, while an evaluation on ingest does not wait for them', async (t) => {
  const { rulesDir, dataDir } = setup(t);
  writeFileSync(
    join(rulesDir, 'slow.yaml'),
    ['a', 'b', 'c'].map((g) => `  - name: slow-${g}\n    interval: 50ms\n    rules:\n      - alert: Slow${g}\n        expr: count_over_time({job="slow-${g}"}[1m]) > 0\n`).reduce((acc, g) => acc + g, 'groups:\n'),
  );
  // The first scheduled evaluation blocks until released; nothing else scheduled may start meanwhile.
  let release: () => void = () => undefined;
  const blocked = new Promise<void>((resolve) => (release = resolve));
  let scheduledStarted = 0;
  let ingestEvaluated: () => void = () => undefined;
  const ingestDone = new Promise<void>((resolve) => (ingestEvaluated = resolve));
  const ruler = createRuler({
    rulesDirs: [rulesDir],
    dataDir,
    expand: createTemplateExpander(),
    query: async (_tenant, expr) => {
      if (expr.includes('job="auth"')) {
        ingestEvaluated();
        return [];
      }
      scheduledStarted++;
      if (scheduledStarted === 1) await blocked;
      return [];
    },
  });
  ruler.start();
  t.after(() => ruler.stop());
  while (scheduledStarted === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  ruler.notifyIngest('fake', [{ job: 'auth' }]);
  await ingestDone;
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(scheduledStarted, 1, 'no other scheduled evaluation started while the first one ran');
  release();
  while (scheduledStarted < 3) await new Promise((resolve) => setTimeout(resolve, 10));
});
