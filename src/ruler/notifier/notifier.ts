import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../../core/index.js';
import type { PostableAlert } from './postable-alert.js';
import { postJsonWithRetry } from './send-with-retry.js';
import { buildWebhookPayloads } from './webhook-payload.js';

export interface NotifierOptions {
  /** Alertmanager base URLs; alerts go to `<url>/api/v2/alerts`. */
  readonly alertmanagerUrls: readonly string[];
  /** Receivers of Alertmanager's webhook payload (version 4). */
  readonly webhookUrls: readonly string[];
  readonly externalUrl: string;
  readonly registry?: Registry | undefined;
  readonly logger?: Logger | undefined;
  readonly nowMs?: () => number;
  /** Prometheus's notification_queue_capacity (10000); the oldest alerts are dropped and counted beyond it. */
  readonly queueCapacity?: number;
  readonly timeoutMs?: number;
  readonly attempts?: number;
}

export interface Notifier {
  /** Queues alerts for every destination; never blocks evaluation. */
  send(alerts: readonly PostableAlert[]): void;
  /** Resolves when the queue is empty and nothing is in flight. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const maxBatch = 256;

/**
 * Delivers alerts to several Alertmanagers (v2 API) and webhooks, one
 * request per destination per batch of ≤ 256, retrying network errors, 429
 * and 5xx. Every failure and drop is counted in /metrics and logged.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const capacity = options.queueCapacity ?? 10_000;
  const nowMs = options.nowMs ?? Date.now;
  const registers = options.registry ? [options.registry] : [];
  const sent = new Counter({ name: 'watchpost_ruler_notifications_sent_total', help: 'Alerts sent, by destination.', labelNames: ['destination'], registers });
  const errors = new Counter({ name: 'watchpost_ruler_notifications_errors_total', help: 'Alerts that a destination did not accept after retries, by destination.', labelNames: ['destination'], registers });
  const dropped = new Counter({ name: 'watchpost_ruler_notifications_dropped_total', help: 'Alerts dropped because the notification queue was full.', registers });
  const queueLength = new Gauge({ name: 'watchpost_ruler_notifications_queue_length', help: 'Alerts waiting to be sent.', registers });
  let queue: PostableAlert[] = [];
  let running: Promise<void> | undefined;

  async function deliver(batch: PostableAlert[]): Promise<void> {
    const body = JSON.stringify(batch);
    const tasks: Promise<void>[] = [];
    for (const url of options.alertmanagerUrls) {
      const target = `${url.replace(/\/$/, '')}/api/v2/alerts`;
      tasks.push(
        postJsonWithRetry(target, body, { timeoutMs: options.timeoutMs, attempts: options.attempts }).then((result) => {
          if (result.ok) sent.inc({ destination: url }, batch.length);
          else {
            errors.inc({ destination: url }, batch.length);
            options.logger?.warn('alertmanager did not accept alerts', { url, error: result.error, alerts: batch.length });
          }
        }),
      );
    }
    for (const url of options.webhookUrls) {
      for (const payload of buildWebhookPayloads(batch, nowMs(), options.externalUrl)) {
        tasks.push(
          postJsonWithRetry(url, JSON.stringify(payload), { timeoutMs: options.timeoutMs, attempts: options.attempts }).then((result) => {
            if (result.ok) sent.inc({ destination: url }, payload.alerts.length);
            else {
              errors.inc({ destination: url }, payload.alerts.length);
              options.logger?.warn('webhook did not accept alerts', { url, error: result.error, alerts: payload.alerts.length });
            }
          }),
        );
      }
    }
    await Promise.all(tasks);
  }

  async function run(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      queueLength.set(queue.length);
      await deliver(batch);
    }
    running = undefined;
  }

  return {
    send(alerts) {
      if (alerts.length === 0) return;
      queue.push(...alerts);
      if (queue.length > capacity) {
        const excess = queue.length - capacity;
        queue = queue.slice(excess);
        dropped.inc(excess);
        options.logger?.warn('notification queue full, dropped oldest alerts', { dropped: excess });
      }
      queueLength.set(queue.length);
      running ??= run();
    },
    async drain() {
      while (running) await running;
    },
    async close() {
      while (running) await running;
    },
  };
}
