import { isDirectory } from '../lib/fs-read.js';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listHostViews, namespaceCells } from './host-view.js';
import { parseRpmQueryOutput, rpmQueryFormat } from './rpm-query.js';

/** Where rpm keeps its database: the classic path, and rpm ≥ 4.16's (which leaves /var/lib/rpm as a link). */
const rpmDatabaseDirs = ['/var/lib/rpm', '/usr/lib/sysimage/rpm'];

export interface RpmPackagesOptions {
  /** The command (argv prefix) that runs rpm; default `rpm` found on PATH. Tests use a fake. */
  readonly rpmCommand?: readonly string[];
  readonly timeoutMs?: number;
}

/**
 * rpm_packages. osquery links librpm and iterates the database; Watchpost
 * asks the `rpm` command instead (`rpm [--root R] -qa --queryformat …`), which
 * every RPM-based system has. Without an RPM database the table is empty
 * and silent, as osquery is (librpm only logs at verbose level). When a
 * database exists but rpm is not installed (or fails), the table is empty and
 * warns. `name = X` narrows the rows; pid_with_namespace reads the database
 * of that process's mount namespace through /proc/<pid>/root.
 */
export function createRpmPackagesTable(options: RpmPackagesOptions = {}): TableImpl {
  function* genRpmPackages(ctx: QueryContext): Iterable<Row> {
    const names = new Set(ctx.equals('name'));
    for (const view of listHostViews(ctx)) {
      const database = rpmDatabaseDirs.find((dir) => isDirectory(view.resolve(dir)));
      if (database === undefined) continue;
      const command = options.rpmCommand ?? findOnPath('rpm');
      if (!command || command.length === 0) {
        ctx.warn(`rpm_packages: found an RPM database at ${database} but no rpm command to read it`);
        continue;
      }
      ctx.checkDeadline();
      const root = view.resolve('/').replace(/(.)\/+$/, '$1');
      const args = [...command.slice(1), ...(root === '/' ? [] : ['--root', root]), '-qa', '--queryformat', rpmQueryFormat];
      const result = spawnSync(command[0] ?? 'rpm', args, {
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout = result.stdout ?? '';
      if (result.error || result.status !== 0) {
        const reason = result.error?.message ?? ((result.stderr ?? '').trim().split('\n')[0] || `exit status ${result.status}`);
        ctx.warn(`rpm_packages: rpm -qa failed: ${reason}`);
      }
      for (const p of parseRpmQueryOutput(stdout)) {
        if (names.size > 0 && !names.has(p.name)) continue;
        yield { ...p, ...namespaceCells(view, true) };
      }
    }
  }
  return {
    name: 'rpm_packages',
    generate: genRpmPackages,
    reads: ['rpm -qa --queryformat (when /var/lib/rpm or /usr/lib/sysimage/rpm exists)'],
  };
}

export const rpmPackagesTable: TableImpl = createRpmPackagesTable();

/** The path of an executable on PATH, as a one-element command, or undefined. */
function findOnPath(name: string): string[] | undefined {
  for (const dir of (process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return [path];
    } catch {
      // not here
    }
  }
  return undefined;
}
