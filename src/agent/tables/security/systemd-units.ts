import type { QueryContext, Row, TableImpl } from '../table.js';
import { listSystemdUnits, type ListSystemdUnitsOptions } from './systemd-unit-list.js';

/**
 * systemd_units: the system manager's units (see listSystemdUnits). osquery
 * asks systemd over D-Bus and returns nothing when it cannot; without a
 * running manager this table reads the unit files instead, reporting each
 * unit 'inactive'/'dead' with no job.
 */
export function createSystemdUnitsGenerator(options: ListSystemdUnitsOptions = {}): (ctx: QueryContext) => Iterable<Row> {
  return function* genSystemdUnits(ctx) {
    for (const u of listSystemdUnits(ctx, options).units) {
      yield {
        id: u.id,
        description: u.description,
        load_state: u.loadState,
        active_state: u.activeState,
        sub_state: u.subState,
        unit_file_state: u.unitFileState,
        following: u.following,
        object_path: u.objectPath,
        job_id: u.jobId,
        job_type: u.jobType,
        job_path: u.jobPath,
        fragment_path: u.fragmentPath,
        user: u.user,
        source_path: u.sourcePath,
      };
    }
  };
}

export const systemdUnitsTable: TableImpl = {
  name: 'systemd_units',
  generate: createSystemdUnitsGenerator(),
  reads: [
    'systemctl show / list-jobs (when systemd runs)',
    'unit files and drop-ins in /etc/systemd/system, /run/systemd/{system,generator*,transient}, /usr/local/lib/systemd/system, /lib/systemd/system, /usr/lib/systemd/system (otherwise)',
  ],
};
