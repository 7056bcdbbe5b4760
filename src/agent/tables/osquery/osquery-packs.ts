import type { QueryContext, Row, TableImpl } from '../table.js';
import { getSchedulerView } from './scheduler-view.js';

/** osquery_packs: one row per pack the running agent loaded; none in `watchpost sql`. */
export function* genOsqueryPacks(_ctx: QueryContext): Iterable<Row> {
  for (const pack of getSchedulerView().packs()) {
    yield {
      name: pack.name,
      platform: pack.platform,
      version: pack.version,
      shard: pack.shard,
      active: pack.active ? 1 : 0,
      discovery_cache_hits: pack.discoveryCacheHits,
      discovery_executions: pack.discoveryExecutions,
    };
  }
}

export const osqueryPacksTable: TableImpl = {
  name: 'osquery_packs',
  generate: genOsqueryPacks,
  reads: ['the running agent\'s packs (none in watchpost sql)'],
};
