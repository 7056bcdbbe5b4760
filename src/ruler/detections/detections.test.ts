import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createEngine, createMemoryQuerier } from '../../logql/index.js';
import { RuleGroup } from '../group.js';
import { readRuleDirs } from '../manager.js';
import { createTemplateExpander } from '../template.js';
import { builtinDetectionsDir } from './builtin-dir.js';

interface DetectionCase {
  name: string;
  alert: string;
  streams: Array<{ labels: Record<string, string>; lines: Array<string | { repeat: number; line: string }> }>;
  expect: Array<Record<string, string>>;
}

const cases = parse(readFileSync(new URL('../testdata/detection-cases.yaml', import.meta.url), 'utf8')) as DetectionCase[];
const namespaces = readRuleDirs([builtinDetectionsDir()]);
const startMs = Date.parse('2026-12-03T10:00:00Z');

test('every built-in alert has a description, a severity and at least one positive and one negative case', () => {
  const alerts = new Set<string>();
  for (const ns of namespaces) {
    for (const group of ns.groups) {
      for (const rule of group.rules) {
        assert.ok(rule.alert, `${ns.file}: only alerting rules ship as detections`);
        assert.ok(rule.annotations.description, `${rule.alert}: description`);
        assert.match(rule.labels.severity ?? '', /^(info|warning|critical)$/, `${rule.alert}: severity`);
        alerts.add(rule.alert);
      }
    }
  }
  for (const alert of alerts) {
    assert.ok(cases.some((c) => c.alert === alert && c.expect.length > 0), `${alert}: a positive case`);
  }
  assert.ok(alerts.size >= 10);
});

for (const detection of cases) {
  test(`detection: ${detection.name}`, async () => {
    const querier = createMemoryQuerier();
    let tsMs = startMs;
    for (const stream of detection.streams) {
      const entries = [];
      for (const item of stream.lines) {
        const [line, times] = typeof item === 'string' ? [item, 1] : [item.line, item.repeat];
        for (let i = 0; i < times; i++) {
          entries.push({ tsNs: BigInt(tsMs) * 1_000_000n, line });
          tsMs += 1000;
        }
      }
      querier.push('fake', stream.labels, entries);
    }
    const engine = createEngine(querier);
    const firing: Array<Record<string, string>> = [];
    for (const ns of namespaces) {
      for (const desc of ns.groups) {
        if (!desc.rules.some((rule) => rule.alert === detection.alert)) continue;
        const group = new RuleGroup({
          tenant: 'fake',
          namespace: ns.namespace,
          desc: { ...desc, rules: desc.rules.filter((rule) => rule.alert === detection.alert) },
          defaultIntervalMs: 10_000,
          query: (tenant, expr, at) => engine.instantVector(tenant, expr, at),
          expand: createTemplateExpander(),
          externalLabels: {},
          externalUrl: '',
          resendDelayMs: 60_000,
          onAlerts: () => undefined,
          onRecorded: () => undefined,
        });
        await group.evaluate(tsMs + 1000);
        for (const rule of group.rules) {
          assert.equal(rule.status.lastError, '', `${rule.desc.alert}: ${rule.desc.expr}`);
          for (const alert of rule.alerting?.alerts() ?? []) if (alert.state === 'firing') firing.push({ ...alert.labels });
        }
      }
    }
    const unique = [...new Map(firing.map((labels) => [JSON.stringify(Object.entries(labels).sort()), labels])).values()];
    assert.equal(unique.length, detection.expect.length, `alerts: ${JSON.stringify(unique)}`);
    for (const want of detection.expect) {
      const match = unique.find((labels) => Object.entries(want).every(([name, value]) => labels[name] === String(value)));
      assert.ok(match, `expected an alert with ${JSON.stringify(want)}; got ${JSON.stringify(unique)}`);
    }
  });
}
