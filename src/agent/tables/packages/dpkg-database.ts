import { isDirectory, readUtf8 } from '../lib/fs-read.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseControlStanzas, type ControlStanza } from './control-stanzas.js';
import { describeDpkgVersion, parseDpkgVersion } from './dpkg-version.js';
import { compareBytes } from './compare-bytes.js';

/**
 * The dpkg database as osquery reads it through libdpkg (modstatdb_open with
 * msdbrw_readonly | msdbrw_available_readonly): the `status` file, then the
 * journal in `updates/` (files named only by digits, in name order) applied
 * over it, then `available` filling a package's Section and Priority when the
 * status has none. Packages whose status is `not-installed` are dropped, so
 * `config-files` and half-installed ones stay. Sorted by name, then
 * architecture (pkg_sorter_by_nonambig_name_arch).
 */

/** One package with the text libdpkg hands osquery for each column. */
export interface DpkgPackage {
  readonly name: string;
  readonly version: string;
  readonly revision: string;
  readonly arch: string;
  /** `want eflag status`, e.g. `install ok installed`. */
  readonly status: string;
  readonly priority: string;
  readonly section: string;
  readonly source: string;
  /** Installed-Size verbatim (KiB, although osquery's spec says bytes). */
  readonly size: string;
  readonly maintainer: string;
}

/** IDpkgQuery's error codes, named as osquery logs them. */
export type DpkgReadError = 'InvalidAdminDirPath' | 'NotADpkgAdminDir' | 'NoPackagesFound';

export type DpkgReadResult = { readonly packages: DpkgPackage[] } | { readonly error: DpkgReadError };

/** The text of a database's files, for buildDpkgPackages. */
export interface DpkgDatabaseText {
  /** The status file, or the files of a status.d directory. */
  readonly status: readonly string[];
  readonly updates?: readonly string[];
  readonly available?: string;
}

/**
 * Reads the database under a physical admindir. A distroless image has no
 * `status` file but one stanza file per package in `status.d/` (plus
 * `*.md5sums`); libdpkg cannot read those, so osquery fails with
 * NotADpkgAdminDir there — Watchpost reads them instead.
 */
export function readDpkgDatabase(admindir: string): DpkgReadResult {
  if (!isDirectory(admindir)) return { error: 'InvalidAdminDirPath' };
  const status = readUtf8(join(admindir, 'status'));
  const statusD = status === undefined ? readStatusD(join(admindir, 'status.d')) : undefined;
  if (status === undefined && statusD === undefined) return { error: 'NotADpkgAdminDir' };
  const packages = buildDpkgPackages({
    status: statusD ?? [status ?? ''],
    updates: readUpdates(join(admindir, 'updates')),
    available: readUtf8(join(admindir, 'available')),
  });
  return packages.length === 0 ? { error: 'NoPackagesFound' } : { packages };
}

const wants = ['unknown', 'install', 'hold', 'deinstall', 'purge'];
const eflags = ['ok', 'reinstreq'];
const statuses = ['not-installed', 'config-files', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending', 'installed'];
const priorities = ['required', 'important', 'standard', 'optional', 'extra'];

interface PackageRecord {
  name: string;
  arch: string;
  installed: ControlStanza;
  status: readonly [string, string, string];
  section: string;
  priority: string;
}

/** Merges the database files into the installed package list (pure; see the module comment). */
export function buildDpkgPackages(text: DpkgDatabaseText): DpkgPackage[] {
  const records = new Map<string, PackageRecord>();
  for (const content of [...text.status, ...(text.updates ?? [])]) {
    for (const stanza of parseControlStanzas(content)) {
      const record = toRecord(stanza);
      if (!record) continue;
      const key = `${record.name}\0${record.arch}`;
      const previous = records.get(key);
      if (previous) {
        if (record.section === '') record.section = previous.section;
        if (record.priority === 'unknown') record.priority = previous.priority;
      }
      records.set(key, record);
    }
  }
  for (const stanza of parseControlStanzas(text.available ?? '')) {
    const name = (stanza.get('package') ?? '').toLowerCase();
    const record = records.get(`${name}\0${stanza.get('architecture') ?? ''}`);
    if (!record) continue;
    if (record.section === '') record.section = stanza.get('section') ?? '';
    if (record.priority === 'unknown') record.priority = readPriority(stanza.get('priority'));
  }
  return [...records.values()]
    .filter((r) => r.status[2] !== 'not-installed')
    .sort((a, b) => compareBytes(a.name, b.name) || compareBytes(a.arch, b.arch))
    .map(toPackage);
}

function toRecord(stanza: ControlStanza): PackageRecord | undefined {
  const name = (stanza.get('package') ?? '').toLowerCase();
  const status = readStatus(stanza.get('status'));
  if (name === '' || !status) return undefined;
  return {
    name,
    arch: stanza.get('architecture') ?? '',
    installed: stanza,
    status,
    section: stanza.get('section') ?? '',
    priority: readPriority(stanza.get('priority')),
  };
}

function toPackage(record: PackageRecord): DpkgPackage {
  const field = (name: string): string => record.installed.get(name) ?? '';
  const version = parseDpkgVersion(field('version'));
  return {
    name: record.name,
    version: describeDpkgVersion(version),
    revision: version?.revision ?? '',
    arch: record.arch,
    status: record.status.join(' '),
    priority: record.priority,
    section: record.section,
    source: field('source'),
    size: field('installed-size'),
    maintainer: field('maintainer'),
  };
}

/** The three words of a Status field, canonically spelled, or undefined when one is unknown. */
function readStatus(value: string | undefined): readonly [string, string, string] | undefined {
  const words = (value ?? '').trim().toLowerCase().split(/\s+/);
  const [want, eflag, status] = words;
  if (words.length !== 3 || !want || !eflag || !status) return undefined;
  if (!wants.includes(want) || !eflags.includes(eflag) || !statuses.includes(status)) return undefined;
  return [want, eflag, status];
}

/** pkg_priority_name: a known priority in lower case, any other text verbatim, `unknown` when absent. */
function readPriority(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') return 'unknown';
  const known = text.toLowerCase();
  return priorities.includes(known) || known === 'unknown' ? known : text;
}

function readUpdates(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  return names.sort(compareBytes).flatMap((n) => readUtf8(join(dir, n)) ?? []);
}

function readStatusD(dir: string): string[] | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith('.') && !n.endsWith('.md5sums'));
  } catch {
    return undefined;
  }
  return names.sort(compareBytes).flatMap((n) => readUtf8(join(dir, n)) ?? []);
}
