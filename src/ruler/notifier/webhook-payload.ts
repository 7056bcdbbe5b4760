import { formatLabels, type Labels } from '../../core/index.js';
import { fingerprintLabels, formatFingerprint } from '../fingerprint.js';
import type { PostableAlert } from './postable-alert.js';

/** Alertmanager's webhook body, version "4" (alerting.md §5). */
export interface WebhookPayload {
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly alerts: readonly WebhookAlert[];
  readonly groupLabels: Labels;
  readonly commonLabels: Labels;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly version: '4';
  readonly groupKey: string;
  readonly truncatedAlerts: number;
}

export interface WebhookAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Labels;
  readonly annotations: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

const zeroTime = '0001-01-01T00:00:00Z';

/**
 * Groups alerts by `alertname` (Alertmanager's common `group_by`) and builds
 * one version-4 payload per group, as Alertmanager's webhook notifier would
 * send them. An alert whose `endsAt` is not after `nowMs` is resolved.
 */
export function buildWebhookPayloads(alerts: readonly PostableAlert[], nowMs: number, externalUrl: string): WebhookPayload[] {
  const groups = new Map<string, PostableAlert[]>();
  for (const alert of alerts) {
    const name = alert.labels.alertname ?? '';
    const list = groups.get(name) ?? [];
    list.push(alert);
    groups.set(name, list);
  }
  const payloads: WebhookPayload[] = [];
  for (const [alertname, members] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const webhookAlerts = members.map((alert): WebhookAlert => {
      const resolved = Date.parse(alert.endsAt) <= nowMs;
      return {
        status: resolved ? 'resolved' : 'firing',
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt,
        endsAt: resolved ? alert.endsAt : zeroTime,
        generatorURL: alert.generatorURL,
        fingerprint: formatFingerprint(fingerprintLabels(alert.labels)),
      };
    });
    const groupLabels = { alertname };
    payloads.push({
      receiver: 'webhook',
      status: webhookAlerts.every((a) => a.status === 'resolved') ? 'resolved' : 'firing',
      alerts: webhookAlerts,
      groupLabels,
      commonLabels: commonPairs(webhookAlerts.map((a) => a.labels)),
      commonAnnotations: commonPairs(webhookAlerts.map((a) => a.annotations)),
      externalURL: externalUrl,
      version: '4',
      groupKey: `{}:${formatLabels(groupLabels).replace(/, /g, ',')}`,
      truncatedAlerts: 0,
    });
  }
  return payloads;
}

function commonPairs(maps: readonly Readonly<Record<string, string>>[]): Record<string, string> {
  const [first, ...rest] = maps;
  const common: Record<string, string> = {};
  if (!first) return common;
  for (const [name, value] of Object.entries(first)) {
    if (rest.every((map) => map[name] === value)) common[name] = value;
  }
  return common;
}
