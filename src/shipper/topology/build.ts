import { Registry } from 'prom-client';
import { createLogger } from '../../core/index.js';
import type { ShipperConfig } from '../config/types.js';
import { buildPipeline } from '../stages/index.js';
import { Shipper, type ShipperOptions } from './runtime.js';

/**
 * Checks what parsing cannot: every scrape config's pipeline_stages build
 * (on a scratch registry). Throws the stage's ERR_CONFIG_INVALID.
 */
export function validateShipperConfig(config: ShipperConfig): void {
  const registry = new Registry();
  const logger = createLogger({ write: () => {} });
  for (const sc of config.scrapeConfigs) {
    buildPipeline(sc.pipelineStages, { registry, jobName: sc.jobName, logger, nowMs: Date.now }).close();
  }
}

/** Builds a config into a running shipper (start and reload both come here). */
export async function startShipper(options: ShipperOptions): Promise<Shipper> {
  const shipper = new Shipper(options);
  await shipper.start({ listen: options.listen });
  return shipper;
}
