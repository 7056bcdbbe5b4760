/**
 * Stages promtail has that Watchpost does not run: `geoip` needs MaxMind
 * databases and a reader we do not ship, so a config naming it is refused
 * with a clear error rather than silently passing entries through.
 */
import { stageConfigError } from './stage-config.js';
import type { StageBuildContext } from './build-context.js';
import type { Stage } from './types.js';

export function createGeoIpStage(_config: unknown, _ctx: StageBuildContext): Stage {
  throw stageConfigError('geoip', 'the geoip stage is not supported by watchpost (no MaxMind database reader); remove it or enrich the data upstream');
}
