import { lstatSync, readlinkSync } from 'node:fs';
import { posix } from 'node:path';
import { hostFileSize, hostRealpath, listHostDirectory, isHostDirectory, type HostContext } from './host-files.js';

/** How systemd treats a unit directory: where it sits decides unit_file_state. */
export type UnitDirectoryKind = 'config' | 'runtime' | 'transient' | 'generator' | 'vendor';

export interface UnitDirectory {
  readonly path: string;
  readonly kind: UnitDirectoryKind;
}

/**
 * The system manager's unit search path, highest priority first, as systemd
 * 252 built with split-usr (Debian 12) orders it: /lib/systemd/system comes
 * before /usr/lib/systemd/system, and when one is a symlink to the other
 * only the first is kept.
 */
export const systemUnitDirectories: readonly UnitDirectory[] = [
  { path: '/etc/systemd/system.control', kind: 'config' },
  { path: '/run/systemd/system.control', kind: 'runtime' },
  { path: '/run/systemd/transient', kind: 'transient' },
  { path: '/run/systemd/generator.early', kind: 'generator' },
  { path: '/etc/systemd/system', kind: 'config' },
  { path: '/run/systemd/system', kind: 'runtime' },
  { path: '/run/systemd/generator', kind: 'generator' },
  { path: '/usr/local/lib/systemd/system', kind: 'vendor' },
  { path: '/lib/systemd/system', kind: 'vendor' },
  { path: '/usr/lib/systemd/system', kind: 'vendor' },
  { path: '/run/systemd/generator.late', kind: 'generator' },
];

/** The highest-priority directory entry of one unit name. */
export interface UnitFileEntry {
  readonly name: string;
  readonly directory: UnitDirectory;
  /** Logical path of the entry itself. */
  readonly path: string;
  /** The raw symlink target, when the entry is a symlink. */
  readonly linkTarget: string | undefined;
  /** Logical realpath; undefined for a dangling symlink. */
  readonly resolved: string | undefined;
  /** A symlink to /dev/null or an empty file: systemd's mask. */
  readonly masked: boolean;
}

/** A symlink in a `<unit>.wants/`, `.requires/` or `.upholds/` directory. */
export interface DependencyLink {
  readonly name: string;
  readonly directory: UnitDirectory;
}

export interface UnitFileScan {
  readonly directories: readonly UnitDirectory[];
  /** Every kept directory's path and realpath, to tell whether a symlink points into the search path. */
  readonly searchRoots: readonly string[];
  /** Unit name → its highest-priority entry. */
  readonly entries: ReadonlyMap<string, UnitFileEntry>;
  /** `<name>.d` drop-in directories (logical paths) per unit name, highest priority first. */
  readonly dropInDirectories: ReadonlyMap<string, readonly string[]>;
  readonly dependencyLinks: readonly DependencyLink[];
}

const dependencyDirSuffixes = ['.wants', '.requires', '.upholds'];

/**
 * Lists the unit search path under the context's root. Later directories
 * never override earlier ones; directories that are missing or are the same
 * directory as an earlier one (by realpath) are skipped.
 */
export function scanUnitDirectories(ctx: HostContext, directories: readonly UnitDirectory[] = systemUnitDirectories): UnitFileScan {
  const seen = new Set<string>();
  const kept: UnitDirectory[] = [];
  const roots: string[] = [];
  const entries = new Map<string, UnitFileEntry>();
  const dropIns = new Map<string, string[]>();
  const links: DependencyLink[] = [];
  for (const directory of directories) {
    const real = hostRealpath(ctx, directory.path);
    if (real === undefined || seen.has(real) || !isHostDirectory(ctx, directory.path)) continue;
    seen.add(real);
    kept.push(directory);
    roots.push(directory.path, real);
    for (const name of listHostDirectory(ctx, directory.path) ?? []) {
      const path = posix.join(directory.path, name);
      if (name.endsWith('.d') && isHostDirectory(ctx, path)) {
        const unit = name.slice(0, -2);
        dropIns.set(unit, [...(dropIns.get(unit) ?? []), path]);
        continue;
      }
      if (dependencyDirSuffixes.some((s) => name.endsWith(s)) && isHostDirectory(ctx, path)) {
        for (const linked of listHostDirectory(ctx, path) ?? []) links.push({ name: linked, directory });
        continue;
      }
      if (entries.has(name)) continue;
      const entry = readEntry(ctx, directory, name, path);
      if (entry) entries.set(name, entry);
    }
  }
  return { directories: kept, searchRoots: roots, entries, dropInDirectories: dropIns, dependencyLinks: links };
}

function readEntry(ctx: HostContext, directory: UnitDirectory, name: string, path: string): UnitFileEntry | undefined {
  let linkTarget: string | undefined;
  try {
    const st = lstatSync(ctx.hostPath(path));
    if (st.isDirectory()) return undefined;
    if (st.isSymbolicLink()) linkTarget = readlinkSync(ctx.hostPath(path));
  } catch {
    return undefined;
  }
  const resolved = linkTarget === '/dev/null' ? '/dev/null' : hostRealpath(ctx, path);
  const masked = resolved === '/dev/null' || (resolved !== undefined && hostFileSize(ctx, path) === 0);
  return { name, directory, path, linkTarget, resolved, masked };
}
