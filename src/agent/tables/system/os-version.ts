import { machine } from 'node:os';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readUtf8 } from '../lib/fs-read.js';
import { listNamespaceViews, type NamespaceView } from './namespace-view.js';
import { parseOsRelease, parseRedhatRelease } from './os-release.js';

/**
 * os_version: one row from /etc/os-release, as osquery's Linux generator
 * builds it: defaults name 'Unknown', major/minor/patch 0, platform 'posix';
 * arch from uname. A readable /etc/redhat-release (else /etc/gentoo-release)
 * overrides platform and platform_like ('rhel'/'gentoo'), version (its text),
 * name/major/minor/patch (when its "<name> … N.N[.x]" pattern matches) and
 * empties build. `pid_with_namespace = N` reads the files N sees and fills
 * pid_with_namespace and mount_namespace_id.
 */
export function* genOsVersion(ctx: QueryContext): Iterable<Row> {
  for (const view of listNamespaceViews(ctx)) yield readOsVersion(view);
}

function readOsVersion(view: NamespaceView): Row {
  const row: Record<string, string | number> = {
    name: 'Unknown',
    major: '0',
    minor: '0',
    patch: '0',
    platform: 'posix',
    pid_with_namespace: view.pid,
  };
  if (view.pid !== 0) row.mount_namespace_id = view.mountNamespaceId;
  const osRelease = readUtf8(view.path('/etc/os-release'));
  if (osRelease) {
    for (const [column, value] of Object.entries(parseOsRelease(osRelease))) if (value !== undefined) row[column] = value;
  }
  row.arch = machine();

  let platform = 'rhel';
  let release = readUtf8(view.path('/etc/redhat-release'));
  if (release === undefined) {
    platform = 'gentoo';
    release = readUtf8(view.path('/etc/gentoo-release'));
  }
  if (release === undefined) return row;
  const parsed = parseRedhatRelease(release);
  row.platform = platform;
  row.platform_like = platform;
  for (const column of ['name', 'major', 'minor', 'patch'] as const) {
    const value = parsed[column];
    if (value !== undefined) row[column] = value;
  }
  row.version = parsed.version;
  row.build = '';
  return row;
}

export const osVersionTable: TableImpl = {
  name: 'os_version',
  generate: genOsVersion,
  reads: ['/etc/os-release', '/etc/redhat-release', '/etc/gentoo-release', 'uname (arch)'],
};
