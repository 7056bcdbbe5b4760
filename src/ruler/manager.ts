import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WatchpostError, type Labels, type Logger } from '../core/index.js';
import type { Expand } from './alerting-rule.js';
import { RuleGroup, type QueryFunc } from './group.js';
import type { PostableAlert } from './notifier/postable-alert.js';
import type { RecordedSample } from './recording-rule.js';
import { parseRuleFile, type RuleGroupDesc } from './rule-file.js';
import { createRuleTriggers, type RuleTriggers } from './rule-triggers.js';
import type { AlertStateStore } from './state-store.js';

export interface RuleManagerOptions {
  /** Rule files directly in it belong to tenant `fake`; `<dir>/<tenant>/*.yaml` to that tenant (Loki's local storage). */
  readonly rulesDirs: readonly string[];
  readonly query: QueryFunc;
  readonly expand: Expand;
  readonly onAlerts: (tenant: string, alerts: PostableAlert[]) => void;
  readonly onRecorded?: (tenant: string, samples: RecordedSample[]) => void;
  /** Evaluation interval of groups that set none; Watchpost's default is 10 s. */
  readonly defaultIntervalMs?: number;
  readonly resendDelayMs?: number;
  readonly externalLabels?: Labels;
  readonly externalUrl?: string;
  readonly stateStore?: AlertStateStore | undefined;
  readonly logger?: Logger | undefined;
  readonly nowMs?: () => number;
}

/** One firing or resolved transition, kept for the UI's history. */
export interface AlertHistoryEntry {
  readonly tsMs: number;
  readonly tenant: string;
  readonly alertname: string;
  readonly labels: Labels;
  readonly state: 'firing' | 'resolved';
}

const historyLimit = 1000;

export interface LoadedNamespace {
  readonly tenant: string;
  readonly namespace: string;
  readonly file: string;
  readonly groups: readonly RuleGroupDesc[];
}

/**
 * Owns every rule group (Prometheus rules/manager.go): loads the rule
 * directories, runs each group on its own aligned ticker, evaluates rules
 * on ingest when a push matches their selectors, and reloads atomically: if
 * any file fails to load, the previous rule set keeps running and the error
 * is returned.
 */
export class RuleManager {
  readonly options: RuleManagerOptions;
  #groups: RuleGroup[] = [];
  #namespaces: LoadedNamespace[] = [];
  #timers = new Map<RuleGroup, NodeJS.Timeout>();
  #triggers: RuleTriggers = createRuleTriggers([]);
  #running = false;
  #nowMs: () => number;
  #history: AlertHistoryEntry[] = [];
  #scheduled: Promise<void> = Promise.resolve();

  constructor(options: RuleManagerOptions) {
    this.options = options;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  get groups(): readonly RuleGroup[] {
    return this.#groups;
  }

  get namespaces(): readonly LoadedNamespace[] {
    return this.#namespaces;
  }

  /** Recent firing/resolved transitions of one tenant, newest first. */
  history(tenant: string): AlertHistoryEntry[] {
    return this.#history.filter((e) => e.tenant === tenant).reverse();
  }

  /** Loads (or reloads) every rule file. Throws, keeping the running set, when any file is invalid. */
  load(): void {
    const namespaces = readRuleDirs(this.options.rulesDirs);
    const previous = new Map(this.#groups.map((group) => [group.key, group]));
    const groups: RuleGroup[] = [];
    for (const ns of namespaces) {
      for (const desc of ns.groups) {
        const group = new RuleGroup({
          tenant: ns.tenant,
          namespace: ns.namespace,
          desc,
          defaultIntervalMs: this.options.defaultIntervalMs ?? 10_000,
          query: this.options.query,
          expand: this.options.expand,
          externalLabels: this.options.externalLabels ?? {},
          externalUrl: this.options.externalUrl ?? '',
          resendDelayMs: this.options.resendDelayMs ?? 60_000,
          onAlerts: this.options.onAlerts,
          onRecorded: (tenant, samples) => this.options.onRecorded?.(tenant, samples),
          onTransition: (alert, state, tsMs) => {
            this.#history.push({ tsMs, tenant: ns.tenant, alertname: alert.labels.alertname ?? '', labels: alert.labels, state });
            if (this.#history.length > historyLimit) this.#history.splice(0, this.#history.length - historyLimit);
          },
        });
        const old = previous.get(group.key);
        for (const [index, rule] of group.rules.entries()) {
          const before = old?.rules.find((r, i) => i === index && r.desc.alert === rule.desc.alert && r.desc.expr === rule.desc.expr);
          const saved = before?.alerting?.alerts() ?? this.options.stateStore?.alertsFor(group.key, index, rule.desc.alert ?? '');
          if (saved && rule.alerting) rule.alerting.restore(saved);
        }
        groups.push(group);
      }
    }
    this.#stopTimers();
    this.#groups = groups;
    this.#namespaces = namespaces;
    this.#triggers = createRuleTriggers(groups);
    if (this.#running) for (const group of groups) this.#schedule(group);
  }

  /** Starts every group's ticker. */
  start(): void {
    this.#running = true;
    for (const group of this.#groups) this.#schedule(group);
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#stopTimers();
    await this.options.stateStore?.save(this.#groups);
  }

  /**
   * The low-latency path: streams were just pushed for `tenant`; rules whose
   * selectors match any of them are evaluated now instead of at their next tick.
   */
  notifyIngest(tenant: string, streams: readonly Labels[]): void {
    if (!this.#running) return;
    const due = this.#triggers.match(tenant, streams);
    for (const [group, ruleIndexes] of due) void this.#evaluate(group, this.#nowMs(), ruleIndexes);
  }

  /** Evaluates every group once at `tsMs` (tests and `watchpost up`'s first pass). */
  async evaluateAll(tsMs: number): Promise<void> {
    for (const group of this.#groups) await this.#evaluate(group, tsMs);
  }

  async #evaluate(group: RuleGroup, tsMs: number, only?: ReadonlySet<number>): Promise<void> {
    try {
      await group.evaluate(tsMs, only);
      await this.options.stateStore?.save(this.#groups);
    } catch (err) {
      this.options.logger?.error('rule group evaluation failed', { group: group.key, error: (err as Error).message });
    }
  }

  #schedule(group: RuleGroup): void {
    const now = this.#nowMs();
    let next = group.evalTimestamp(now);
    if (next <= now) next += group.intervalMs;
    const timer = setTimeout(() => {
      this.#timers.delete(group);
      if (!this.#running || !this.#groups.includes(group)) return;
      // Scheduled evaluations run one group at a time, so evaluations on ingest (which do not
      // queue here) are never starved by a cycle of many heavy groups; a group whose tick
      // comes round while it waits simply runs once (Prometheus's missed iterations).
      const run = this.#scheduled.then(() => (this.#running && this.#groups.includes(group) ? this.#evaluate(group, next) : undefined));
      this.#scheduled = run.catch(() => undefined);
      void run.finally(() => {
        if (this.#running && this.#groups.includes(group)) this.#schedule(group);
      });
    }, next - now);
    timer.unref();
    this.#timers.set(group, timer);
  }

  #stopTimers(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** Reads every rule file under the directories; throws one error listing every invalid file. */
export function readRuleDirs(dirs: readonly string[]): LoadedNamespace[] {
  const namespaces: LoadedNamespace[] = [];
  const problems: string[] = [];
  const readFile = (tenant: string, file: string): void => {
    try {
      const groups = parseRuleFile(readFileSync(file, 'utf8'), file);
      namespaces.push({ tenant, namespace: file.slice(file.lastIndexOf('/') + 1), file, groups });
    } catch (err) {
      problems.push((err as Error).message);
    }
  };
  for (const dir of dirs) {
    for (const entry of listSorted(dir)) {
      const path = join(dir, entry);
      if (isDirectory(path)) {
        for (const file of listSorted(path)) if (isRuleFile(file)) readFile(entry, join(path, file));
      } else if (isRuleFile(entry)) {
        readFile('fake', path);
      }
    }
  }
  if (problems.length > 0) throw new WatchpostError('ERR_RULER_RULE_INVALID', problems.join('\n'));
  return namespaces;
}

function isRuleFile(name: string): boolean {
  return /\.ya?ml$/.test(name) && !name.startsWith('.');
}

function listSorted(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
