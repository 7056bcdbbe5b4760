import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { listDir, pathExists, readUtf8 } from '../lib/fs-read.js';

const defaultAdmindir = '/var/lib/dpkg';

/** One package stanza of a dpkg status file, reduced to what this table needs. */
export interface DpkgStatusEntry {
  readonly name: string;
  readonly arch: string;
  /** The third word of Status: (`installed`, `config-files`, `not-installed`, …). */
  readonly state: string;
}

/** Parses a dpkg status file's stanzas (blank-line separated, `Field: value` lines, continuation lines ignored). */
export function parseDpkgStatus(content: string): DpkgStatusEntry[] {
  const entries: DpkgStatusEntry[] = [];
  for (const stanza of content.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      const m = /^([A-Za-z0-9-]+):[ \t]*(.*)$/.exec(line);
      if (m) fields.set((m[1] ?? '').toLowerCase(), (m[2] ?? '').trim());
    }
    const name = fields.get('package');
    if (name === undefined || name === '') continue;
    entries.push({ name, arch: fields.get('architecture') ?? '', state: (fields.get('status') ?? '').split(/\s+/)[2] ?? '' });
  }
  return entries;
}

/**
 * The list files of a package name: `<name>.list`, or for a Multi-Arch: same
 * package, whose files dpkg keeps in `<name>:<arch>.list`, those.
 *
 * osquery looks only for `<name>.list` with the arch-less name libdpkg
 * gives, so it lists no files for Multi-Arch: same packages (libc6,
 * libssl3, …); this table does, under the same arch-less package name.
 */
export function findListFiles(infoDir: string, name: string, infoEntries: () => readonly string[]): string[] {
  if (pathExists(join(infoDir, `${name}.list`))) return [`${name}.list`];
  if (name.includes(':')) return [];
  return infoEntries().filter((f) => f.startsWith(`${name}:`) && f.endsWith('.list')).sort();
}

/**
 * The package names of an admindir, as osquery's IDpkgQuery::getPackageList
 * gives them (every package whose state is not `not-installed`), or the
 * error text osquery logs.
 */
function listPackages(dir: string): { names: string[] } | { error: string } {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) return { error: 'Failed to open the dpkg database: InvalidAdminDirPath' };
  const status = readUtf8(join(dir, 'status'));
  if (status === undefined) return { error: 'Failed to open the dpkg database: NotADpkgAdminDir' };
  const names = parseDpkgStatus(status).filter((e) => e.state !== 'not-installed' && e.state !== '').map((e) => e.name);
  return names.length === 0 ? { error: 'Failed to list the packages: NoPackagesFound' } : { names };
}

/**
 * deb_package_files after osquery's genDebPackageFiles: for each admindir
 * (`admindir = …` constraints, else /var/lib/dpkg) that exists, the packages
 * of `package = …` constraints — or, without one, every package of the
 * status file — in sorted order, and for each the non-empty lines of its
 * info/<package>.list file. Database errors are logged with osquery's
 * `deb_packages:` prefix and skip that admindir.
 */
export function* genDebPackageFiles(ctx: QueryContext): Iterable<Row> {
  const admindirs = ctx.hasConstraint('admindir', '=') ? ctx.equals('admindir') : [defaultAdmindir];
  const wanted = ctx.equals('package');
  for (const admindir of admindirs) {
    const dir = ctx.hostPath(admindir);
    if (!pathExists(dir)) continue;
    let packages = [...new Set(wanted)];
    if (packages.length === 0) {
      const listed = listPackages(dir);
      if ('error' in listed) {
        ctx.warn(`deb_packages: ${listed.error} (admindir='${admindir}')`);
        continue;
      }
      packages = [...new Set(listed.names)];
    }
    const infoDir = join(dir, 'info');
    let entries: string[] | undefined;
    const infoEntries = (): string[] => (entries ??= listDir(infoDir));
    for (const name of packages.sort(compareBytes)) {
      ctx.checkDeadline();
      for (const file of findListFiles(infoDir, name, infoEntries)) {
        for (const path of (readUtf8(join(infoDir, file)) ?? '').split('\n')) {
          if (path !== '') yield { package: name, path, admindir };
        }
      }
    }
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

export const debPackageFilesTable: TableImpl = {
  name: 'deb_package_files',
  generate: genDebPackageFiles,
  reads: ['<admindir>/status', '<admindir>/info/<package>[:<arch>].list'],
};
