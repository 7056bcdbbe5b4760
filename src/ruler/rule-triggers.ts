import type { Labels } from '../core/index.js';
import { collectSelectors, compileSelectorMatchers, parseExpr, type StreamSelector } from '../logql/index.js';
import type { RuleGroup } from './group.js';

/**
 * Which rules a push concerns: every stream selector in a rule's expression
 * is compiled once; a pushed stream that matches one of them makes that rule
 * due for evaluation now (the ruler's low-latency path).
 */
export interface RuleTriggers {
  /** Groups with the indexes of their rules whose selectors match any of `streams`. */
  match(tenant: string, streams: readonly Labels[]): Map<RuleGroup, Set<number>>;
}

interface Trigger {
  readonly group: RuleGroup;
  readonly ruleIndex: number;
  readonly matches: ((labels: Labels) => boolean)[];
}

export function createRuleTriggers(groups: readonly RuleGroup[]): RuleTriggers {
  const byTenant = new Map<string, Trigger[]>();
  for (const group of groups) {
    for (const [ruleIndex, rule] of group.rules.entries()) {
      let selectors: StreamSelector[];
      try {
        selectors = collectSelectors(parseExpr(rule.desc.expr));
      } catch {
        continue;
      }
      const list = byTenant.get(group.options.tenant) ?? [];
      list.push({ group, ruleIndex, matches: selectors.map((selector) => compileSelectorMatchers(selector)) });
      byTenant.set(group.options.tenant, list);
    }
  }
  return {
    match(tenant, streams) {
      const due = new Map<RuleGroup, Set<number>>();
      for (const trigger of byTenant.get(tenant) ?? []) {
        if (!streams.some((labels) => trigger.matches.some((matches) => matches(labels)))) continue;
        const set = due.get(trigger.group) ?? new Set<number>();
        set.add(trigger.ruleIndex);
        due.set(trigger.group, set);
      }
      return due;
    },
  };
}
