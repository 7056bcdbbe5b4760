import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { WatchpostError } from '../core/index.js';
import { parseExpr } from '../logql/index.js';
import { parsePromDuration } from '../core/go/index.js';

/**
 * Prometheus rule files with LogQL expressions (../shared/reference/alerting.md
 * §1), validated with Loki's messages (loki-http-api.md §9). Every error names
 * the file, the line, the group and the rule it is about.
 */

export interface RuleDesc {
  readonly alert: string | undefined;
  readonly record: string | undefined;
  readonly expr: string;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroupDesc {
  readonly name: string;
  /** undefined: the ruler's default evaluation interval. */
  readonly intervalMs: number | undefined;
  readonly limit: number;
  readonly rules: readonly RuleDesc[];
  /** The group as written, for the YAML rules API. */
  readonly source: Readonly<Record<string, unknown>>;
}

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Parses a whole rule file (`groups: [...]`); throws ERR_RULER_RULE_INVALID listing every problem. */
export function parseRuleFile(text: string, file: string): RuleGroupDesc[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err?.linePos?.[0]?.line ?? 1;
    throw invalid(`${file}:${line}: ${err?.message.split('\n')[0] ?? 'invalid YAML'}`);
  }
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  if (!isMap(root)) throw invalid(`${file}:${lineOf(root)}: a rule file is a map with a "groups" list`);
  const problems: string[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'groups') problems.push(`${file}:${lineOf(pair.key as YamlNode)}: field ${key} not found in type rulefmt.RuleGroups`);
  }
  const groupsNode = root.get('groups', true) as YamlNode | undefined;
  if (groupsNode === undefined || (isScalar(groupsNode) && groupsNode.value === null)) {
    if (problems.length > 0) throw invalid(problems.join('\n'));
    return [];
  }
  if (!isSeq(groupsNode)) throw invalid(`${file}:${lineOf(groupsNode)}: "groups" must be a list`);
  const groups: RuleGroupDesc[] = [];
  const seen = new Set<string>();
  for (const groupNode of groupsNode.items) {
    const where = `${file}:${lineOf(groupNode as YamlNode)}`;
    const raw = (groupNode as YamlNode & { toJSON(): unknown }).toJSON?.() ?? null;
    try {
      const group = validateGroup(raw, (index) => lineOf((isMap(groupNode) ? (groupNode.get('rules', true) as { items?: YamlNode[] } | undefined)?.items?.[index] : undefined) ?? (groupNode as YamlNode)), file);
      if (seen.has(group.name)) throw new Error(`${where}: groupname: "${group.name}" is repeated in the same file`);
      seen.add(group.name);
      groups.push(group);
    } catch (err) {
      problems.push((err as Error).message.startsWith(file) ? (err as Error).message : `${where}: ${(err as Error).message}`);
    }
  }
  if (problems.length > 0) throw invalid(problems.join('\n'));
  return groups;
}

/**
 * Validates one group as decoded from YAML (also the body of
 * `POST /loki/api/v1/rules/{namespace}`). `ruleLine` maps a rule index to
 * its line for messages.
 */
export function validateGroup(raw: unknown, ruleLine: (index: number) => number = () => 1, file = ''): RuleGroupDesc {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('a group is a map');
  const group = raw as Record<string, unknown>;
  for (const key of Object.keys(group)) {
    if (!['name', 'interval', 'limit', 'rules', 'query_offset', 'labels'].includes(key)) {
      throw new Error(`field ${key} not found in type rulefmt.RuleGroup`);
    }
  }
  const name = group.name;
  if (typeof name !== 'string' || name === '') throw new Error('groupname must not be empty');
  const intervalMs = group.interval === undefined ? undefined : parseDurationField(group.interval, `group "${name}": interval`);
  const limit = group.limit === undefined ? 0 : Number(group.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new Error(`group "${name}": limit must be a non-negative integer`);
  const rulesRaw = group.rules ?? [];
  if (!Array.isArray(rulesRaw)) throw new Error(`group "${name}": rules must be a list`);
  const errors: string[] = [];
  const rules: RuleDesc[] = [];
  rulesRaw.forEach((ruleRaw: unknown, index: number) => {
    const problems = validateRule(ruleRaw, name);
    if (problems.length > 0) {
      const ruleName = ruleNameOf(ruleRaw);
      const at = file ? `${file}:${ruleLine(index)}: ` : '';
      errors.push(`${at}group "${name}", rule ${index + 1}${ruleName ? ` ("${ruleName}")` : ''}: ${problems.join(', ')}`);
      return;
    }
    rules.push(toRuleDesc(ruleRaw as Record<string, unknown>));
  });
  if (errors.length > 0) throw new Error(errors.join('\n'));
  return { name, intervalMs, limit, rules, source: group };
}

function ruleNameOf(raw: unknown): string {
  if (raw === null || typeof raw !== 'object') return '';
  const rule = raw as Record<string, unknown>;
  return typeof rule.alert === 'string' ? rule.alert : typeof rule.record === 'string' ? rule.record : '';
}

/** Loki's rule checks, in its words; returns every problem found. */
function validateRule(raw: unknown, groupName: string): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ['a rule is a map'];
  const rule = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(rule)) {
    if (!['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations'].includes(key)) {
      problems.push(`field ${key} not found in type rulefmt.Rule`);
    }
  }
  const hasAlert = rule.alert !== undefined && rule.alert !== '';
  const hasRecord = rule.record !== undefined && rule.record !== '';
  if (!hasAlert && !hasRecord) problems.push("one of 'record' or 'alert' must be set");
  if (hasAlert && hasRecord) problems.push("only one of 'record' and 'alert' must be set");
  if (typeof rule.expr !== 'string' || rule.expr.trim() === '') {
    problems.push("field 'expr' must be set in rule");
  } else {
    try {
      parseExpr(rule.expr);
    } catch (err) {
      const what = hasRecord && !hasAlert ? 'record' : 'alert';
      problems.push(`could not parse expression for ${what} '${ruleNameOf(rule)}' in group '${groupName}': ${(err as Error).message}`);
    }
  }
  if (hasRecord && !hasAlert) {
    if (rule.annotations !== undefined) problems.push("invalid field 'annotations' in recording rule");
    if (rule.for !== undefined) problems.push("invalid field 'for' in recording rule");
    if (rule.keep_firing_for !== undefined) problems.push("invalid field 'keep_firing_for' in recording rule");
    if (typeof rule.record !== 'string' || !metricNamePattern.test(rule.record)) {
      problems.push(`invalid recording rule name: ${String(rule.record)}`);
    }
  }
  for (const [field, message] of [['labels', 'invalid label name'], ['annotations', 'invalid annotation name']] as const) {
    const map = rule[field];
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      problems.push(`${field} must be a map`);
      continue;
    }
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if (!labelNamePattern.test(key) || (field === 'labels' && key === '__name__')) problems.push(`${message}: ${key}`);
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') problems.push(`${field}.${key} must be a string`);
    }
  }
  for (const field of ['for', 'keep_firing_for'] as const) {
    if (rule[field] === undefined) continue;
    try {
      parseDurationField(rule[field], field);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  return problems;
}

function toRuleDesc(rule: Record<string, unknown>): RuleDesc {
  const stringMap = (value: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  return {
    alert: typeof rule.alert === 'string' && rule.alert !== '' ? rule.alert : undefined,
    record: typeof rule.record === 'string' && rule.record !== '' ? rule.record : undefined,
    expr: rule.expr as string,
    forMs: rule.for === undefined ? 0 : parseDurationField(rule.for, 'for'),
    keepFiringForMs: rule.keep_firing_for === undefined ? 0 : parseDurationField(rule.keep_firing_for, 'keep_firing_for'),
    labels: stringMap(rule.labels),
    annotations: stringMap(rule.annotations),
  };
}

function parseDurationField(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new Error(`${field}: not a valid duration string: "${String(value)}"`);
  const parsed = parsePromDuration(value);
  if (!parsed.ok) throw new Error(`${field}: ${parsed.error}`);
  return Math.round(parsed.value / 1_000_000);
}

function invalid(message: string): WatchpostError {
  return new WatchpostError('ERR_RULER_RULE_INVALID', message);
}
