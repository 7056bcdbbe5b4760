import { formatLabels, type Labels } from '../core/index.js';
import type { Sample } from '../logql/index.js';
import type { RuleDesc } from './rule-file.js';
import type { TemplateData } from './template-data.js';

/**
 * One alerting rule and its alerts: Prometheus's state machine
 * (rules/alerting.go, alerting.md §3) with `for` and `keep_firing_for`,
 * resolved alerts retained (and re-sent) for 15 minutes, and the send
 * decision of §3.2. Time is always passed in, never read from a clock.
 */

export type AlertState = 'inactive' | 'pending' | 'firing';

export interface Alert {
  readonly labels: Labels;
  readonly key: string;
  annotations: Record<string, string>;
  state: AlertState;
  value: number;
  activeAtMs: number;
  firedAtMs: number | undefined;
  resolvedAtMs: number | undefined;
  lastSentAtMs: number | undefined;
  keepFiringSinceMs: number | undefined;
  validUntilMs: number | undefined;
}

export type Expand = (text: string, data: TemplateData) => string;

/** Called when an alert starts firing or resolves (the UI's alert history). */
export type OnTransition = (alert: Alert, change: 'firing' | 'resolved', tsMs: number) => void;

/** How long a resolved alert is kept and re-sent (Prometheus's resolvedRetention). */
export const resolvedRetentionMs = 15 * 60_000;

export class AlertingRule {
  readonly desc: RuleDesc;
  readonly name: string;
  #alerts = new Map<string, Alert>();
  #expand: Expand;
  #externalLabels: Labels;
  #externalUrl: string;
  #onTransition: OnTransition | undefined;

  constructor(desc: RuleDesc, options: { expand: Expand; externalLabels?: Labels; externalUrl?: string; onTransition?: OnTransition }) {
    this.desc = desc;
    this.name = desc.alert ?? '';
    this.#expand = options.expand;
    this.#externalLabels = options.externalLabels ?? {};
    this.#externalUrl = options.externalUrl ?? '';
    this.#onTransition = options.onTransition;
  }

  /**
   * Applies one evaluation's result at `tsMs`. Throws (leaving the states
   * as they were) when two samples map to the same alert label set or the
   * group's limit is exceeded, as Prometheus does.
   */
  evaluate(tsMs: number, samples: readonly Sample[], limit = 0): void {
    const seen = new Map<string, { labels: Labels; annotations: Record<string, string>; value: number }>();
    for (const sample of samples) {
      const data: TemplateData = {
        labels: sample.labels,
        value: sample.value,
        externalLabels: this.#externalLabels,
        externalUrl: this.#externalUrl,
      };
      const labels: Record<string, string> = {};
      for (const [name, value] of Object.entries(sample.labels)) if (name !== '__name__') labels[name] = value;
      for (const [name, text] of Object.entries(this.desc.labels)) {
        const value = this.#expand(text, data);
        if (value === '') delete labels[name];
        else labels[name] = value;
      }
      labels.alertname = this.name;
      const annotations: Record<string, string> = {};
      for (const [name, text] of Object.entries(this.desc.annotations)) annotations[name] = this.#expand(text, data);
      const key = formatLabels(labels);
      if (seen.has(key)) throw new Error('vector contains metrics with the same labelset after applying alert labels');
      seen.set(key, { labels, annotations, value: sample.value });
    }

    for (const [key, next] of seen) {
      const alert = this.#alerts.get(key);
      if (alert && alert.state !== 'inactive') {
        alert.value = next.value;
        alert.annotations = next.annotations;
        alert.keepFiringSinceMs = undefined;
        continue;
      }
      this.#alerts.set(key, {
        labels: next.labels,
        key,
        annotations: next.annotations,
        state: 'pending',
        value: next.value,
        activeAtMs: tsMs,
        firedAtMs: undefined,
        resolvedAtMs: undefined,
        lastSentAtMs: undefined,
        keepFiringSinceMs: undefined,
        validUntilMs: undefined,
      });
    }

    for (const [key, alert] of this.#alerts) {
      if (seen.has(key)) continue;
      if (alert.state === 'pending') {
        this.#alerts.delete(key);
        continue;
      }
      if (alert.state === 'firing') {
        if (this.desc.keepFiringForMs > 0) {
          alert.keepFiringSinceMs ??= tsMs;
          if (tsMs - alert.keepFiringSinceMs < this.desc.keepFiringForMs) continue;
        }
        alert.state = 'inactive';
        alert.resolvedAtMs = tsMs;
        this.#onTransition?.(alert, 'resolved', tsMs);
        continue;
      }
      if (alert.resolvedAtMs !== undefined && tsMs - alert.resolvedAtMs > resolvedRetentionMs) this.#alerts.delete(key);
    }

    let active = 0;
    for (const alert of this.#alerts.values()) {
      if (alert.state === 'pending' && tsMs - alert.activeAtMs >= this.desc.forMs) {
        alert.state = 'firing';
        alert.firedAtMs = tsMs;
        this.#onTransition?.(alert, 'firing', tsMs);
      }
      if (alert.state !== 'inactive') active++;
    }
    if (limit > 0 && active > limit) {
      this.#alerts.clear();
      throw new Error(`exceeded limit of ${limit} with ${active} alerts`);
    }
  }

  /**
   * The alerts to send to Alertmanager after an evaluation at `tsMs`
   * (alerting.md §3.2); marks them sent and sets their `validUntilMs`.
   */
  takeAlertsToSend(tsMs: number, resendDelayMs: number, groupIntervalMs: number): Alert[] {
    const out: Alert[] = [];
    for (const alert of this.#alerts.values()) {
      if (alert.state === 'pending') continue;
      const resolvedSinceSent = alert.resolvedAtMs !== undefined && (alert.lastSentAtMs === undefined || alert.resolvedAtMs > alert.lastSentAtMs);
      if (!resolvedSinceSent && alert.lastSentAtMs !== undefined && alert.lastSentAtMs + resendDelayMs >= tsMs) continue;
      alert.lastSentAtMs = tsMs;
      alert.validUntilMs = tsMs + 4 * Math.max(groupIntervalMs, resendDelayMs);
      out.push(alert);
    }
    return out;
  }

  /** The rule's state for the API: the highest of its alerts'. */
  state(): AlertState {
    let state: AlertState = 'inactive';
    for (const alert of this.#alerts.values()) {
      if (alert.state === 'firing') return 'firing';
      if (alert.state === 'pending') state = 'pending';
    }
    return state;
  }

  /** Pending, firing and retained resolved alerts. */
  alerts(): Alert[] {
    return [...this.#alerts.values()];
  }

  /** Restores alerts saved before a restart, so they are neither lost nor paged again. */
  restore(alerts: readonly Alert[]): void {
    for (const alert of alerts) this.#alerts.set(alert.key, { ...alert });
  }
}
