import type { Labels } from '../core/index.js';
import type { Sample } from '../logql/index.js';
import { AlertingRule, type Alert, type Expand, type OnTransition } from './alerting-rule.js';
import { fnv64a } from './fingerprint.js';
import { formatAlertTime, generatorUrl, type PostableAlert } from './notifier/postable-alert.js';
import { recordSamples, type RecordedSample } from './recording-rule.js';
import type { RuleDesc, RuleGroupDesc } from './rule-file.js';

/** Runs one rule's expression as an instant query at `tsMs` (Loki's ruler query function). */
export type QueryFunc = (tenant: string, expr: string, tsMs: number) => Promise<Sample[]>;

export type RuleHealth = 'ok' | 'err' | 'unknown';

/** What the rules API shows about one rule after its last evaluation. */
export interface RuleStatus {
  health: RuleHealth;
  lastError: string;
  lastEvaluationMs: number | undefined;
  evaluationSeconds: number;
}

export interface GroupRule {
  readonly desc: RuleDesc;
  readonly alerting: AlertingRule | undefined;
  readonly status: RuleStatus;
}

export interface GroupOptions {
  readonly tenant: string;
  /** The rule file the group came from (Loki's namespace). */
  readonly namespace: string;
  readonly desc: RuleGroupDesc;
  readonly defaultIntervalMs: number;
  readonly query: QueryFunc;
  readonly expand: Expand;
  readonly externalLabels: Labels;
  readonly externalUrl: string;
  readonly resendDelayMs: number;
  readonly onAlerts: (tenant: string, alerts: PostableAlert[]) => void;
  readonly onRecorded: (tenant: string, samples: RecordedSample[]) => void;
  readonly onTransition?: OnTransition;
}

/**
 * A rule group: its rules run one after another with the same evaluation
 * timestamp (Prometheus rules/group.go). Scheduling lives in the manager;
 * `evaluate` is called with the time to evaluate at, so tests drive it with a
 * fake clock.
 */
export class RuleGroup {
  readonly options: GroupOptions;
  readonly intervalMs: number;
  readonly rules: GroupRule[];
  lastEvaluationMs: number | undefined;
  evaluationSeconds = 0;
  #running: Promise<void> | undefined;

  constructor(options: GroupOptions) {
    this.options = options;
    this.intervalMs = options.desc.intervalMs ?? options.defaultIntervalMs;
    this.rules = options.desc.rules.map((desc) => ({
      desc,
      alerting: desc.alert !== undefined ? new AlertingRule(desc, { expand: options.expand, externalLabels: options.externalLabels, externalUrl: options.externalUrl, onTransition: options.onTransition }) : undefined,
      status: { health: 'unknown', lastError: '', lastEvaluationMs: undefined, evaluationSeconds: 0 },
    }));
  }

  /** Identity used for persisted state and offset hashing. */
  get key(): string {
    return `${this.options.tenant}/${this.options.namespace}/${this.options.desc.name}`;
  }

  /**
   * The group's next evaluation time at or before `nowMs`: aligned to the
   * interval plus a per-group offset from a hash of its name and file, so
   * groups do not all run at once (Prometheus EvalTimestamp).
   */
  evalTimestamp(nowMs: number): number {
    const hash = fnv64a(new TextEncoder().encode(`${this.options.desc.name};${this.options.namespace};${this.options.tenant}`));
    const offset = Number(hash % BigInt(this.intervalMs));
    const adjusted = nowMs - offset;
    return adjusted - (((adjusted % this.intervalMs) + this.intervalMs) % this.intervalMs) + offset;
  }

  /** Evaluates every rule at `tsMs`; concurrent calls run one after another. */
  async evaluate(tsMs: number, only?: ReadonlySet<number>): Promise<void> {
    const previous = this.#running ?? Promise.resolve();
    const run = previous.then(() => this.#evaluate(tsMs, only));
    this.#running = run.finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    return run;
  }

  async #evaluate(tsMs: number, only: ReadonlySet<number> | undefined): Promise<void> {
    const started = performance.now();
    const { tenant } = this.options;
    for (const [index, rule] of this.rules.entries()) {
      if (only && !only.has(index)) continue;
      const ruleStarted = performance.now();
      try {
        const samples = await this.options.query(tenant, rule.desc.expr, tsMs);
        if (rule.alerting) {
          rule.alerting.evaluate(tsMs, samples, this.options.desc.limit);
          const toSend = rule.alerting.takeAlertsToSend(tsMs, this.options.resendDelayMs, this.intervalMs);
          if (toSend.length > 0) this.options.onAlerts(tenant, toSend.map((alert) => this.#postable(alert, rule.desc.expr)));
        } else {
          this.options.onRecorded(tenant, recordSamples(rule.desc, tsMs, samples));
        }
        rule.status.health = 'ok';
        rule.status.lastError = '';
      } catch (err) {
        rule.status.health = 'err';
        rule.status.lastError = (err as Error).message;
      }
      rule.status.lastEvaluationMs = tsMs;
      rule.status.evaluationSeconds = (performance.now() - ruleStarted) / 1000;
    }
    this.lastEvaluationMs = tsMs;
    this.evaluationSeconds = (performance.now() - started) / 1000;
  }

  #postable(alert: Alert, expr: string): PostableAlert {
    const labels: Record<string, string> = { ...alert.labels };
    for (const [name, value] of Object.entries(this.options.externalLabels)) labels[name] ??= value;
    return {
      labels,
      annotations: alert.annotations,
      startsAt: formatAlertTime(alert.firedAtMs ?? alert.activeAtMs),
      endsAt: formatAlertTime(alert.resolvedAtMs ?? alert.validUntilMs ?? alert.activeAtMs),
      generatorURL: generatorUrl(this.options.externalUrl, expr),
    };
  }
}
