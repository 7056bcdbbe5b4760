import type { Alert } from '../alerting-rule.js';
import type { RuleGroup } from '../group.js';
import { formatGoFloatE, formatRfc3339Nano } from './go-format.js';

/** Filters of GET /prometheus/api/v1/rules. */
export interface RulesFilter {
  readonly type?: 'alert' | 'record' | undefined;
  readonly files?: readonly string[];
  readonly groups?: readonly string[];
  readonly ruleNames?: readonly string[];
}

/** An alert as the Prometheus rules and alerts APIs show it. */
export function renderAlert(alert: Alert): Record<string, unknown> {
  return {
    labels: alert.labels,
    annotations: alert.annotations,
    state: alert.state,
    activeAt: formatRfc3339Nano(alert.activeAtMs),
    value: formatGoFloatE(alert.value),
  };
}

/**
 * The `data` of GET /prometheus/api/v1/rules (loki-http-api.md §9.1) for one
 * tenant's groups: groups sorted by file, then name.
 */
export function renderPrometheusRules(groups: readonly RuleGroup[], filter: RulesFilter = {}): { groups: unknown[] } {
  const out: unknown[] = [];
  const sorted = [...groups].sort((a, b) => compare(a.options.namespace, b.options.namespace) || compare(a.options.desc.name, b.options.desc.name));
  for (const group of sorted) {
    if (filter.files?.length && !filter.files.includes(group.options.namespace)) continue;
    if (filter.groups?.length && !filter.groups.includes(group.options.desc.name)) continue;
    const rules: unknown[] = [];
    for (const rule of group.rules) {
      const isAlert = rule.alerting !== undefined;
      if (filter.type === 'alert' && !isAlert) continue;
      if (filter.type === 'record' && isAlert) continue;
      const name = rule.desc.alert ?? rule.desc.record ?? '';
      if (filter.ruleNames?.length && !filter.ruleNames.includes(name)) continue;
      const common = {
        labels: rule.desc.labels,
        health: rule.status.health,
        lastError: rule.status.lastError,
        lastEvaluation: formatRfc3339Nano(rule.status.lastEvaluationMs),
        evaluationTime: rule.status.evaluationSeconds,
      };
      if (rule.alerting) {
        const alerts = rule.alerting.alerts().filter((a) => a.state !== 'inactive');
        rules.push({
          state: rule.alerting.state(),
          name,
          query: rule.desc.expr,
          duration: rule.desc.forMs / 1000,
          keepFiringFor: rule.desc.keepFiringForMs / 1000,
          labels: common.labels,
          annotations: rule.desc.annotations,
          alerts: alerts.map(renderAlert),
          health: common.health,
          lastError: common.lastError,
          type: 'alerting',
          lastEvaluation: common.lastEvaluation,
          evaluationTime: common.evaluationTime,
        });
      } else {
        rules.push({ name, query: rule.desc.expr, ...common, type: 'recording' });
      }
    }
    if (rules.length === 0 && (filter.type || filter.ruleNames?.length)) continue;
    out.push({
      name: group.options.desc.name,
      file: group.options.namespace,
      rules,
      interval: group.intervalMs / 1000,
      limit: group.options.desc.limit,
      lastEvaluation: formatRfc3339Nano(group.lastEvaluationMs),
      evaluationTime: group.evaluationSeconds,
    });
  }
  return { groups: out };
}

/** The `data` of GET /prometheus/api/v1/alerts: every pending or firing alert. */
export function renderPrometheusAlerts(groups: readonly RuleGroup[]): { alerts: unknown[] } {
  const alerts: unknown[] = [];
  for (const group of groups) {
    for (const rule of group.rules) {
      for (const alert of rule.alerting?.alerts() ?? []) if (alert.state !== 'inactive') alerts.push(renderAlert(alert));
    }
  }
  return { alerts };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
