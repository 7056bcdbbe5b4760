import { posix } from 'node:path';
import { listHostFiles, readHostText, type HostContext } from './host-files.js';
import type { SystemdUnit } from './systemd-unit.js';
import { noJobPath } from './systemd-unit.js';
import { describeInstall, mergeUnitSettings, parseUnitFile, readUnitSetting, type UnitFileSettings } from './unit-file-parser.js';
import type { UnitDirectoryKind, UnitFileEntry, UnitFileScan } from './unit-file-scan.js';
import { expandUnitSpecifiers, formatUnitObjectPath, parseUnitName, templateOf, type UnitName } from './unit-names.js';

/** The activation state to report for units read from files, where no manager says. */
export interface FileUnitState {
  readonly activeState: string;
  readonly subState: string;
}

/**
 * Units as systemd would load them from a scan of the unit search path:
 * every unit file (templates and aliases excluded, as systemd lists neither
 * as a unit of its own) plus the template instances named in .wants/,
 * .requires/ and .upholds/ directories. Description, User and SourcePath
 * come from the file and its drop-ins, with %n %N %p %P %i %I expanded;
 * unit_file_state follows systemctl is-enabled (masked, generated,
 * transient, enabled, enabled-runtime, linked, disabled, indirect, static).
 * No job is queued and nothing follows another unit.
 */
export function buildUnitsFromFiles(ctx: HostContext, scan: UnitFileScan, state: FileUnitState): SystemdUnit[] {
  const enabled = collectEnablement(scan);
  const searchDirs = scan.searchRoots;
  const units: SystemdUnit[] = [];
  const build = (unit: UnitName, entry: UnitFileEntry): void => {
    units.push(buildUnit(ctx, scan, { unit, entry, state, enabledBy: enabled.get(unit.name), searchDirs }));
  };
  for (const entry of scan.entries.values()) {
    const unit = parseUnitName(entry.name);
    if (!unit || unit.instance === '' || aliasTarget(entry) !== undefined) continue;
    if (!entry.masked && entry.resolved === undefined) continue;
    build(unit, entry);
  }
  const instances = new Set<string>();
  for (const link of scan.dependencyLinks) {
    const unit = parseUnitName(link.name);
    const template = unit && templateOf(unit);
    const templateEntry = template === undefined ? undefined : scan.entries.get(template);
    if (!unit || !templateEntry || scan.entries.has(unit.name) || instances.has(unit.name)) continue;
    if (!templateEntry.masked && templateEntry.resolved === undefined) continue;
    instances.add(unit.name);
    build(unit, templateEntry);
  }
  return units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface UnitSource {
  readonly unit: UnitName;
  readonly entry: UnitFileEntry;
  readonly state: FileUnitState;
  readonly enabledBy: ReadonlySet<UnitDirectoryKind> | undefined;
  readonly searchDirs: readonly string[];
}

function buildUnit(ctx: HostContext, scan: UnitFileScan, source: UnitSource): SystemdUnit {
  const { unit, entry } = source;
  const base = {
    id: unit.name,
    activeState: source.state.activeState,
    subState: source.state.subState,
    following: '',
    objectPath: formatUnitObjectPath(unit.name),
    jobId: 0,
    jobType: '',
    jobPath: noJobPath,
  };
  if (entry.masked) {
    const masked = entry.directory.kind === 'runtime' ? 'masked-runtime' : 'masked';
    return { ...base, description: unit.name, loadState: 'masked', unitFileState: masked, fragmentPath: entry.path, user: '', sourcePath: '' };
  }
  const main = parseUnitFile(readHostText(ctx, entry.path) ?? '');
  const settings = mergeUnitSettings([main, ...readDropIns(ctx, scan, unit)]);
  const expand = (value: string | undefined): string => (value ? expandUnitSpecifiers(value, unit) : '');
  const linked = entry.linkTarget !== undefined && !isUnder(entry.resolved ?? '', source.searchDirs);
  return {
    ...base,
    description: expand(readUnitSetting(settings, 'Unit', 'Description')) || unit.name,
    loadState: 'loaded',
    unitFileState: describeUnitFileState(entry, main, source.enabledBy, linked),
    fragmentPath: linked ? (entry.resolved ?? entry.path) : entry.path,
    user: unit.type === 'service' ? expand(readUnitSetting(settings, 'Service', 'User')) : '',
    sourcePath: readUnitSetting(settings, 'Unit', 'SourcePath') ?? '',
  };
}

function describeUnitFileState(entry: UnitFileEntry, main: UnitFileSettings, enabledBy: ReadonlySet<UnitDirectoryKind> | undefined, linked: boolean): string {
  const kind = entry.directory.kind;
  if (kind === 'generator') return 'generated';
  if (kind === 'transient') return 'transient';
  if (enabledBy?.has('config')) return 'enabled';
  if (enabledBy?.has('runtime')) return 'enabled-runtime';
  if (linked) return kind === 'runtime' ? 'linked-runtime' : 'linked';
  const install = describeInstall(main);
  return install === 'rules' ? 'disabled' : install === 'also-only' ? 'indirect' : 'static';
}

/**
 * Which units `systemctl enable` has linked, and from where: a symlink named
 * after the unit in a .wants/.requires/.upholds directory, or an alias
 * symlink to it, in /etc (config) or /run (runtime).
 */
function collectEnablement(scan: UnitFileScan): Map<string, Set<UnitDirectoryKind>> {
  const enabled = new Map<string, Set<UnitDirectoryKind>>();
  const mark = (name: string, kind: UnitDirectoryKind): void => {
    if (kind !== 'config' && kind !== 'runtime') return;
    const kinds = enabled.get(name) ?? new Set<UnitDirectoryKind>();
    kinds.add(kind);
    enabled.set(name, kinds);
  };
  for (const link of scan.dependencyLinks) mark(link.name, link.directory.kind);
  for (const entry of scan.entries.values()) {
    const target = aliasTarget(entry);
    if (target !== undefined) mark(target, entry.directory.kind);
  }
  return enabled;
}

/** The unit an alias symlink names (a symlink to a unit file of another name), else undefined. */
function aliasTarget(entry: UnitFileEntry): string | undefined {
  if (entry.linkTarget === undefined || entry.masked || entry.resolved === undefined) return undefined;
  const target = posix.basename(entry.resolved);
  return target !== entry.name && parseUnitName(target) ? target : undefined;
}

/**
 * The drop-in files of a unit (and of its template, for an instance):
 * `*.conf` in every `<name>.d/` directory, a file name in a higher-priority
 * directory hiding the same name below it, applied in file-name order.
 */
function readDropIns(ctx: HostContext, scan: UnitFileScan, unit: UnitName): UnitFileSettings[] {
  const names = [templateOf(unit), unit.name].filter((n): n is string => n !== undefined);
  const byFile = new Map<string, string>();
  for (const name of names) {
    for (const dir of scan.dropInDirectories.get(name) ?? []) {
      for (const path of listHostFiles(ctx, dir) ?? []) {
        const file = posix.basename(path);
        if (file.endsWith('.conf') && !byFile.has(file)) byFile.set(file, path);
      }
    }
  }
  return [...byFile.keys()].sort().map((file) => parseUnitFile(readHostText(ctx, byFile.get(file) as string) ?? ''));
}

function isUnder(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => path.startsWith(`${dir}/`));
}
