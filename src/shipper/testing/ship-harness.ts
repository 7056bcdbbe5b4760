import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../core/index.js';
import { parseShipperConfig } from '../config/parse-config.js';
import { startShipper } from '../topology/build.js';
import type { Shipper, ShipperOptions } from '../topology/runtime.js';
import { createFakeLoki, type FakeLoki } from './fake-loki.js';

/** A temp directory, a fake Loki and a config text for shipper tests. */
export interface ShipHarness {
  readonly dir: string;
  readonly loki: FakeLoki;
  /** A promtail config: fast timers, positions in `dir`, one client to the fake. */
  config(scrapeConfigs: string, extra?: { client?: string; top?: string; moreClients?: string[] }): string;
  start(configText: string, options?: Partial<ShipperOptions>): Promise<Shipper>;
  close(): Promise<void>;
}

export async function createShipHarness(): Promise<ShipHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'ship-'));
  const loki = await createFakeLoki();
  const running: Shipper[] = [];
  return {
    dir,
    loki,
    config(scrapeConfigs, extra = {}) {
      return [
        'server: {http_listen_port: 0, grpc_listen_port: 0}',
        `positions: {filename: ${join(dir, 'positions.yaml')}, sync_period: 50ms}`,
        'target_config: {sync_period: 50ms}',
        'global: {file_watch_config: {min_poll_frequency: 20ms, max_poll_frequency: 20ms}}',
        'clients:',
        `  - url: ${loki.url}`,
        '    batchwait: 20ms',
        '    backoff_config: {min_period: 10ms, max_period: 50ms, max_retries: 5}',
        ...(extra.client ? [extra.client.replace(/^/gm, '    ')] : []),
        ...(extra.moreClients ?? []).map((c) => `  - ${c.replace(/\n/g, '\n    ')}`),
        ...(extra.top ? [extra.top] : []),
        'scrape_configs:',
        scrapeConfigs.replace(/^/gm, '  '),
      ].join('\n');
    },
    async start(configText, options = {}) {
      const shipper = await startShipper({
        config: parseShipperConfig(configText),
        logger: createLogger({ write: () => {}, level: 'error' }),
        ...options,
      });
      running.push(shipper);
      return shipper;
    },
    async close() {
      for (const s of running) await s.stop(100);
      await loki.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it holds (for state with no event to wait on, e.g. a file written by another process). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
