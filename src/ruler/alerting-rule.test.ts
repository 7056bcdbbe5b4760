import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabels } from '../core/index.js';
import type { Sample } from '../logql/index.js';
import { AlertingRule, resolvedRetentionMs } from './alerting-rule.js';
import type { RuleDesc } from './rule-file.js';

const minute = 60_000;

function rule(overrides: Partial<RuleDesc> = {}): AlertingRule {
  const desc: RuleDesc = {
    alert: 'SSHLogin',
    record: undefined,
    expr: 'count_over_time({job="x"}[1m]) > 0',
    forMs: 0,
    keepFiringForMs: 0,
    labels: { severity: 'info' },
    annotations: { summary: 'login by {{ $labels.user }}' },
    ...overrides,
  };
  // A stand-in expander: these tests are about states, not templates.
  return new AlertingRule(desc, { expand: (text, data) => text.replace('{{ $labels.user }}', data.labels.user ?? '') });
}

function sample(labels: Record<string, string>, value = 1): Sample {
  return { labels, key: formatLabels(labels), tsMs: 0, value };
}

/** Steps: evaluation time, the samples present, the expected state per alert key after it. */
type Step = [tsMs: number, samples: Sample[], states: Record<string, string>];

const alice = { user: 'alice' };
const aliceKey = formatLabels({ user: 'alice', alertname: 'SSHLogin', severity: 'info' });

const cases: Array<{ name: string; overrides: Partial<RuleDesc>; steps: Step[] }> = [
  {
    name: 'for: 0 fires on the first evaluation and resolves when the sample goes',
    overrides: {},
    steps: [
      [0, [sample(alice)], { [aliceKey]: 'firing' }],
      [minute, [], { [aliceKey]: 'inactive' }],
    ],
  },
  {
    name: 'for: 2m stays pending until 2m have passed, then fires',
    overrides: { forMs: 2 * minute },
    steps: [
      [0, [sample(alice)], { [aliceKey]: 'pending' }],
      [minute, [sample(alice)], { [aliceKey]: 'pending' }],
      [2 * minute, [sample(alice)], { [aliceKey]: 'firing' }],
    ],
  },
  {
    name: 'a pending alert that disappears is deleted, never resolved',
    overrides: { forMs: 5 * minute },
    steps: [
      [0, [sample(alice)], { [aliceKey]: 'pending' }],
      [minute, [], {}],
    ],
  },
  {
    name: 'keep_firing_for keeps a firing alert firing after its sample goes, then resolves it',
    overrides: { keepFiringForMs: 2 * minute },
    steps: [
      [0, [sample(alice)], { [aliceKey]: 'firing' }],
      [minute, [], { [aliceKey]: 'firing' }],
      [2 * minute, [], { [aliceKey]: 'firing' }],
      [3 * minute, [], { [aliceKey]: 'inactive' }],
    ],
  },
  {
    name: 'a resolved alert is forgotten after 15 minutes',
    overrides: {},
    steps: [
      [0, [sample(alice)], { [aliceKey]: 'firing' }],
      [minute, [], { [aliceKey]: 'inactive' }],
      [minute + resolvedRetentionMs + 1, [], {}],
    ],
  },
];

for (const { name, overrides, steps } of cases) {
  test(`AlertingRule: ${name}`, () => {
    const r = rule(overrides);
    for (const [tsMs, samples, states] of steps) {
      r.evaluate(tsMs, samples);
      const got = Object.fromEntries(r.alerts().map((a) => [a.key, a.state]));
      assert.deepEqual(got, states, `at ${tsMs} ms`);
    }
  });
}

test('AlertingRule: labels get alertname and rule labels; annotations are expanded per sample', () => {
  const r = rule();
  r.evaluate(0, [sample({ user: 'bob', __name__: 'x' })]);
  const [alert] = r.alerts();
  assert.deepEqual(alert?.labels, { user: 'bob', alertname: 'SSHLogin', severity: 'info' });
  assert.deepEqual(alert?.annotations, { summary: 'login by bob' });
});

test('AlertingRule: two samples with the same alert labels are an error and change nothing', () => {
  const r = rule({ labels: { user: 'fixed' } });
  assert.throws(() => r.evaluate(0, [sample({ user: 'a' }), sample({ user: 'b' })]), /same labelset after applying alert labels/);
  assert.equal(r.alerts().length, 0);
});

test('AlertingRule: firing alerts are re-sent after resend_delay, resolutions at once, with endsAt bounds', () => {
  const r = rule();
  r.evaluate(0, [sample(alice)]);
  const first = r.takeAlertsToSend(0, minute, 10_000);
  assert.equal(first.length, 1);
  assert.equal(first[0]?.validUntilMs, 4 * minute);
  r.evaluate(10_000, [sample(alice)]);
  assert.equal(r.takeAlertsToSend(10_000, minute, 10_000).length, 0, 'not before resend_delay');
  r.evaluate(70_000, [sample(alice)]);
  assert.equal(r.takeAlertsToSend(70_000, minute, 10_000).length, 1, 'after resend_delay');
  r.evaluate(80_000, []);
  const resolved = r.takeAlertsToSend(80_000, minute, 10_000);
  assert.equal(resolved.length, 1);
  assert.equal(resolved[0]?.resolvedAtMs, 80_000);
});

test('AlertingRule: pending alerts are never sent', () => {
  const r = rule({ forMs: minute });
  r.evaluate(0, [sample(alice)]);
  assert.equal(r.takeAlertsToSend(0, minute, 10_000).length, 0);
});

test('AlertingRule: restored alerts keep their state, so a restart does not page again', () => {
  const r = rule();
  r.evaluate(0, [sample(alice)]);
  r.takeAlertsToSend(0, minute, 10_000);
  const restarted = rule();
  restarted.restore(JSON.parse(JSON.stringify(r.alerts())));
  restarted.evaluate(10_000, [sample(alice)]);
  assert.equal(restarted.takeAlertsToSend(10_000, minute, 10_000).length, 0);
  assert.equal(restarted.alerts()[0]?.activeAtMs, 0);
});

test('AlertingRule: exceeding the group limit clears the alerts and errors', () => {
  const r = rule();
  assert.throws(() => r.evaluate(0, [sample({ user: 'a' }), sample({ user: 'b' })], 1), /exceeded limit of 1 with 2 alerts/);
  assert.equal(r.alerts().length, 0);
});
