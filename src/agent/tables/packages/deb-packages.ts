import { existsSync } from 'node:fs';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readDpkgDatabase, type DpkgReadError } from './dpkg-database.js';
import { listHostViews, namespaceCells } from './host-view.js';

const defaultAdminDir = '/var/lib/dpkg';

/**
 * deb_packages: the installed packages of each dpkg admindir
 * (`admindir = X`, default /var/lib/dpkg), as osquery's genDebPackages.
 * An admindir that does not exist is skipped silently; one that cannot be
 * read, or holds no installed package, logs osquery's error
 * `deb_packages: Failed to … (admindir='X')` and yields nothing.
 * `size` is Installed-Size verbatim (KiB), as libdpkg gives it to osquery.
 */
export function* genDebPackages(ctx: QueryContext): Iterable<Row> {
  const admindirs = ctx.hasConstraint('admindir', '=') ? ctx.equals('admindir') : [defaultAdminDir];
  for (const view of listHostViews(ctx)) {
    for (const admindir of admindirs) {
      ctx.checkDeadline();
      const physical = view.resolve(admindir);
      if (!existsSync(physical)) continue;
      const result = readDpkgDatabase(physical);
      if ('error' in result) {
        ctx.warn(describeError(result.error, admindir));
        continue;
      }
      for (const p of result.packages) {
        yield {
          name: p.name,
          version: p.version,
          arch: p.arch,
          status: p.status,
          revision: p.revision,
          priority: p.priority,
          section: p.section,
          source: p.source,
          size: p.size,
          maintainer: p.maintainer,
          admindir,
          ...namespaceCells(view, true),
        };
      }
    }
  }
}

function describeError(error: DpkgReadError, admindir: string): string {
  const what = error === 'NoPackagesFound' ? 'Failed to list the packages' : 'Failed to open the dpkg database';
  return `deb_packages: ${what}: ${error} (admindir='${admindir}')`;
}

export const debPackagesTable: TableImpl = {
  name: 'deb_packages',
  generate: genDebPackages,
  reads: ['/var/lib/dpkg/status', '/var/lib/dpkg/updates/*', '/var/lib/dpkg/available', '<admindir>/status.d/* (distroless)'],
};
