import { spawnSync } from 'node:child_process';
import type { SystemdUnit } from './systemd-unit.js';
import { noJobPath } from './systemd-unit.js';
import { formatUnitObjectPath } from './unit-names.js';

/** Runs systemctl with arguments; returns stdout, or an error message when it fails. */
export type SystemctlRunner = (args: readonly string[]) => { stdout: string } | { error: string };

const systemctlTimeoutMs = 10_000;

/** The properties systemd_units needs from each loaded unit. */
export const unitProperties = [
  'Id',
  'Description',
  'LoadState',
  'ActiveState',
  'SubState',
  'Following',
  'UnitFileState',
  'FragmentPath',
  'SourcePath',
  'User',
  'Job',
] as const;

/** `systemctl show` of every loaded unit (the '*' pattern matches what D-Bus ListUnits returns). */
export const showArguments = ['show', '--no-pager', `--property=${unitProperties.join(',')}`, '--', '*'] as const;
/** Queued jobs, one "ID UNIT TYPE STATE" line each. */
export const listJobsArguments = ['list-jobs', '--no-pager', '--no-legend', '--plain', '--full'] as const;

/** Runs the host's systemctl with a C locale, no colours, no pager and a 10 s limit. */
export const runHostSystemctl: SystemctlRunner = (args) => {
  const result = spawnSync('systemctl', [...args], {
    encoding: 'utf8',
    timeout: systemctlTimeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, LC_ALL: 'C', SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '', SYSTEMD_LOG_LEVEL: 'err' },
  });
  if (result.error) return { error: result.error.message };
  if (result.status !== 0) return { error: (result.stderr || `systemctl exited with ${result.status}`).trim() };
  return { stdout: result.stdout };
};

/**
 * Loaded units as the systemd manager reports them, through systemctl.
 * Debian 12's systemctl (252) has no JSON output for list-units (its
 * --output only formats journal lines), so this uses `systemctl show`, whose
 * Key=Value blocks are meant for machines, on the '*' pattern
 * (osquery asks the same manager over D-Bus: ListUnits, then FragmentPath,
 * SourcePath, User and UnitFileState per unit). Job types come from
 * list-jobs. Returns an error message when systemctl fails.
 */
export function listUnitsWithSystemctl(run: SystemctlRunner): SystemdUnit[] | string {
  const shown = run(showArguments);
  if ('error' in shown) return shown.error;
  const jobs = run(listJobsArguments);
  const jobTypes = 'error' in jobs ? new Map<number, string>() : parseListJobs(jobs.stdout);
  return parseSystemctlShow(shown.stdout).map((props) => toUnit(props, jobTypes));
}

/** Splits `systemctl show` output into one property map per unit (blocks are separated by blank lines). */
export function parseSystemctlShow(text: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') {
      if (current.size > 0) blocks.push(current);
      current = new Map();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) current.set(line.slice(0, eq), line.slice(eq + 1));
  }
  if (current.size > 0) blocks.push(current);
  return blocks.filter((b) => (b.get('Id') ?? '') !== '');
}

/** Job id → job type from `systemctl list-jobs --no-legend --plain` ("123 foo.service start waiting"). */
export function parseListJobs(text: string): Map<number, string> {
  const jobs = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [id, , type] = line.trim().split(/\s+/);
    if (id && /^\d+$/.test(id) && type) jobs.set(Number(id), type);
  }
  return jobs;
}

function toUnit(props: ReadonlyMap<string, string>, jobTypes: ReadonlyMap<number, string>): SystemdUnit {
  const get = (key: string): string => props.get(key) ?? '';
  const id = get('Id');
  const job = /^\d+$/.test(get('Job')) ? Number(get('Job')) : 0;
  return {
    id,
    description: get('Description'),
    loadState: get('LoadState'),
    activeState: get('ActiveState'),
    subState: get('SubState'),
    unitFileState: get('UnitFileState'),
    following: get('Following'),
    objectPath: formatUnitObjectPath(id),
    jobId: job,
    jobType: job > 0 ? (jobTypes.get(job) ?? '') : '',
    jobPath: job > 0 ? `/org/freedesktop/systemd1/job/${job}` : noJobPath,
    fragmentPath: get('FragmentPath'),
    user: get('User'),
    sourcePath: get('SourcePath'),
  };
}
