import { randomUUID } from 'node:crypto';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { watchpostVersion } from '../../version.js';
import { readHostUuid } from './host-uuid.js';

/** What the running agent reports about its configuration; the scheduler updates it after loading a config. */
export interface AgentConfigState {
  /** Hash of the working configuration, '' when none is loaded. */
  readonly configHash: string;
  readonly configValid: boolean;
}

let configState: AgentConfigState = { configHash: '', configValid: false };

/** Records the loaded configuration's hash and validity for osquery_info. */
export function setAgentConfigState(state: AgentConfigState): void {
  configState = state;
}

/** A fresh id per process (osquery persists its instance id; Watchpost has no database for it). */
const instanceId = randomUUID();
/** Process start, in seconds since the epoch. */
const startTime = Math.floor(performance.timeOrigin / 1000);

/**
 * osquery_info: one row describing the running agent, Watchpost in osquery's
 * shape: uuid is the host UUID (the same as system_info.uuid), version the
 * Watchpost version, build_platform the OS it runs on and build_distro the
 * Node.js major it runs under, extensions 'inactive' (no extension
 * socket), watcher -1 (no watchdog process), platform_mask 9 (POSIX | LINUX).
 */
export function* genOsqueryInfo(ctx: QueryContext): Iterable<Row> {
  yield {
    pid: process.pid,
    uuid: readHostUuid(ctx),
    instance_id: instanceId,
    version: watchpostVersion,
    config_hash: configState.configHash,
    config_valid: configState.configValid ? 1 : 0,
    extensions: 'inactive',
    build_platform: process.platform,
    build_distro: `node${process.versions.node.split('.')[0] ?? ''}`,
    start_time: startTime,
    watcher: -1,
    platform_mask: 9,
  };
}

export const osqueryInfoTable: TableImpl = {
  name: 'osquery_info',
  generate: genOsqueryInfo,
  reads: ['the running process', '/sys/class/dmi/id/product_uuid, /etc/machine-id (uuid)'],
};
