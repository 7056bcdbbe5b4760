import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { Counter, Gauge } from 'prom-client';
import type { Labels, Logger } from '../core/index.js';
import type { Expand } from './alerting-rule.js';
import type { QueryFunc } from './group.js';
import { RuleManager } from './manager.js';
import { createNotifier, type Notifier } from './notifier/notifier.js';
import { createRemoteWriter } from './remote-write/remote-writer.js';
import { createAlertStateStore } from './state-store.js';

export interface RulerOptions {
  /** Directories of rule files (files directly inside belong to tenant `fake`). */
  readonly rulesDirs: readonly string[];
  /** Where alert state persists across restarts (`<dataDir>/ruler/alerts.json`). */
  readonly dataDir: string;
  readonly query: QueryFunc;
  readonly expand: Expand;
  readonly alertmanagerUrls?: readonly string[];
  readonly webhookUrls?: readonly string[];
  /** Prometheus remote-write receivers for recording rules. */
  readonly remoteWriteUrls?: readonly string[];
  /** Base URL for generatorURL links (the UI's /explore). */
  readonly externalUrl?: string;
  readonly externalLabels?: Labels;
  readonly defaultIntervalMs?: number;
  readonly resendDelayMs?: number;
  readonly registry?: Registry | undefined;
  readonly logger?: Logger | undefined;
}

export interface Ruler {
  readonly manager: RuleManager;
  readonly notifier: Notifier;
  /** Loads the rules and starts every group; throws ERR_RULER_RULE_INVALID on a bad rule file. */
  start(): void;
  /** Reloads the rule files; on failure the running rules stay and the error is thrown. */
  reload(): void;
  /** The low-latency path: call after a push was acknowledged. */
  notifyIngest(tenant: string, streams: readonly Labels[]): void;
  stop(): Promise<void>;
}

/**
 * The ruler as one component: rule manager, alert delivery, recording-rule
 * remote write and persisted alert state, with its metrics.
 */
export function createRuler(options: RulerOptions): Ruler {
  const registers = options.registry ? [options.registry] : [];
  const notifier = createNotifier({
    alertmanagerUrls: options.alertmanagerUrls ?? [],
    webhookUrls: options.webhookUrls ?? [],
    externalUrl: options.externalUrl ?? '',
    registry: options.registry,
    logger: options.logger,
  });
  const remoteWriter = createRemoteWriter({ urls: options.remoteWriteUrls ?? [], registry: options.registry, logger: options.logger });
  const evaluations = new Counter({ name: 'watchpost_ruler_rule_evaluation_failures_total', help: 'Rule evaluations that failed, by tenant.', labelNames: ['tenant'], registers });
  const reloadFailed = new Gauge({ name: 'watchpost_ruler_config_last_reload_successful', help: 'Whether the last rule reload succeeded (1) or kept the previous rules (0).', registers });
  const manager = new RuleManager({
    rulesDirs: options.rulesDirs,
    query: async (tenant, expr, tsMs) => {
      try {
        return await options.query(tenant, expr, tsMs);
      } catch (err) {
        evaluations.inc({ tenant });
        throw err;
      }
    },
    expand: options.expand,
    onAlerts: (_tenant, alerts) => notifier.send(alerts),
    onRecorded: (tenant, samples) => void remoteWriter.write(tenant, samples),
    defaultIntervalMs: options.defaultIntervalMs,
    resendDelayMs: options.resendDelayMs,
    externalLabels: options.externalLabels,
    externalUrl: options.externalUrl,
    stateStore: createAlertStateStore(join(options.dataDir, 'ruler', 'alerts.json')),
    logger: options.logger,
  });
  const load = (): void => {
    try {
      manager.load();
      reloadFailed.set(1);
    } catch (err) {
      reloadFailed.set(0);
      throw err;
    }
  };
  return {
    manager,
    notifier,
    start() {
      load();
      manager.start();
    },
    reload: load,
    notifyIngest: (tenant, streams) => manager.notifyIngest(tenant, streams),
    async stop() {
      await manager.stop();
      await notifier.close();
    },
  };
}
