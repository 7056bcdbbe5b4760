import { hostname } from 'node:os';
import type { AgentConfig } from './config-model.js';
import type { RunSql } from './decorators.js';

/**
 * osquery's --host_identifier: `hostname` (default), `uuid` (system_info),
 * `instance` (osquery_info.instance_id), `ephemeral` (random per process),
 * `specified` (--specified_identifier). A failing lookup falls back to the hostname.
 */
export async function resolveHostIdentifier(kind: string, options: { specified: string; ephemeralId: string; runRows: RunSql }): Promise<string> {
  try {
    if (kind === 'uuid') return (await options.runRows('SELECT uuid FROM system_info'))[0]?.uuid ?? hostname();
    if (kind === 'instance') return (await options.runRows('SELECT instance_id FROM osquery_info'))[0]?.instance_id ?? hostname();
  } catch {
    return hostname();
  }
  if (kind === 'ephemeral') return options.ephemeralId;
  if (kind === 'specified') return options.specified;
  return hostname();
}

export interface PackDiscovery {
  /** Pack name → whether all its discovery queries return rows; packs without discovery are absent. */
  evaluate(config: AgentConfig, refreshMs: number): Promise<Map<string, boolean>>;
}

/**
 * Runs packs' discovery queries, stopping at the first that returns no rows
 * or fails (a failure is reported through `warn`); a result is reused for
 * `refreshMs` (--pack_refresh_interval).
 */
export function createPackDiscovery(runRows: RunSql, warn: (message: string) => void, now: () => number): PackDiscovery {
  const cache = new Map<string, { active: boolean; atMs: number }>();
  return {
    async evaluate(config, refreshMs) {
      const out = new Map<string, boolean>();
      for (const pack of config.packs) {
        if (pack.discovery.length === 0) continue;
        const cached = cache.get(pack.name);
        if (cached && now() - cached.atMs < refreshMs) {
          out.set(pack.name, cached.active);
          continue;
        }
        let active = true;
        for (const sql of pack.discovery) {
          try {
            if ((await runRows(sql)).length === 0) active = false;
          } catch (err) {
            warn(`Discovery query failed (${sql}): ${(err as Error).message}`);
            active = false;
          }
          if (!active) break;
        }
        cache.set(pack.name, { active, atMs: now() });
        out.set(pack.name, active);
      }
      return out;
    },
  };
}
