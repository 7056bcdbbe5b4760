import type { QueryContext } from '../table.js';
import { isHostDirectory } from './host-files.js';
import { listUnitsWithSystemctl, runHostSystemctl, type SystemctlRunner } from './systemctl-units.js';
import type { SystemdUnit } from './systemd-unit.js';
import { buildUnitsFromFiles } from './unit-file-units.js';
import { scanUnitDirectories } from './unit-file-scan.js';

/** Where a unit list came from. */
export type UnitListSource = 'systemctl' | 'unit-files';

export interface SystemdUnitList {
  readonly units: readonly SystemdUnit[];
  readonly source: UnitListSource;
  /** Whether a systemd manager runs (sd_booted(3): /run/systemd/system is a directory). */
  readonly managerRunning: boolean;
}

export interface ListSystemdUnitsOptions {
  /** Replaces the host's systemctl (tests). */
  readonly runSystemctl?: SystemctlRunner;
}

/**
 * The system manager's units. With systemd running on the real root (not a
 * fixture root) they come from systemctl, as osquery gets them over D-Bus.
 * Otherwise, or when systemctl fails (with a warning), they are read from
 * the unit files: with no manager every unit is 'inactive'/'dead', which is
 * true of a machine where systemd does not run; with a manager that could
 * not be asked the activation state is unknown and left ''.
 */
export function listSystemdUnits(ctx: QueryContext, options: ListSystemdUnitsOptions = {}): SystemdUnitList {
  const managerRunning = isHostDirectory(ctx, '/run/systemd/system');
  if (managerRunning && ctx.paths.root === '/') {
    const units = listUnitsWithSystemctl(options.runSystemctl ?? runHostSystemctl);
    if (typeof units !== 'string') return { units, source: 'systemctl', managerRunning };
    ctx.warn(`Failed to generate the systemd unit list: ${units}`);
  }
  const state = managerRunning ? { activeState: '', subState: '' } : { activeState: 'inactive', subState: 'dead' };
  return { units: buildUnitsFromFiles(ctx, scanUnitDirectories(ctx), state), source: 'unit-files', managerRunning };
}
