import { isDirectory } from '../lib/fs-read.js';
import { accessSync, constants, readdirSync } from 'node:fs';
import { compareBytes } from './sysfs.js';
import type { QueryContext, Row, TableImpl } from '../table.js';
import { readBytes } from '../lib/fs-read.js';
import { readSysctlConfig } from './sysctl-config.js';

/** Deeper than any /proc/sys tree; stops a pathological (e.g. fixture) loop. */
const maxDepth = 16;

interface Walk {
  readonly ctx: QueryContext;
  readonly procSys: string;
  readonly config: ReadonlyMap<string, string>;
  readonly seen: Set<string>;
}

/**
 * system_controls on Linux, after osquery's sysctl_utils: every file under
 * /proc/sys is a control named by its path with '/' turned into '.'
 * (net/ipv4/ip_forward → net.ipv4.ip_forward); subsystem is the first
 * component, type is always "string", oid stays empty (Linux has no
 * numeric MIB), config_value comes from sysctl.conf and sysctl.d.
 *
 * Constraints, in osquery's precedence: `name =` reads just that path
 * (a directory name walks its subtree; a name that does not exist still
 * yields a row with no current_value, as osquery does); else `oid =`
 * returns nothing (osquery asks sysctl(2), which Linux no longer has);
 * else `subsystem =` walks only that top-level directory.
 *
 * osquery's directory walk visits every subdirectory twice (it reuses one
 * result list for the directory and the file listing), so it repeats
 * deeper controls 2^depth times; this walk emits each control once, in the
 * same order (subdirectories first, then files, each sorted by name).
 */
export function* genSystemControls(ctx: QueryContext): Iterable<Row> {
  const procSys = ctx.hostPath('/proc/sys');
  const config = readSysctlConfig((p) => ctx.hostPath(p));
  const walk: Walk = { ctx, procSys, config, seen: new Set() };
  const names = ctx.equals('name');
  if (names.length > 0) {
    for (const name of names) yield* visit(walk, name.replaceAll('.', '/'), 0);
    return;
  }
  if (ctx.equals('oid').length > 0) return;
  const subsystems = new Set(ctx.equals('subsystem'));
  for (const sub of listSorted(procSys).dirs) {
    if (subsystems.size > 0 && !subsystems.has(sub)) continue;
    yield* visit(walk, sub, 0);
  }
}

function* visit(walk: Walk, relative: string, depth: number): Iterable<Row> {
  walk.ctx.checkDeadline();
  const path = `${walk.procSys}/${relative}`;
  if (isDirectory(path)) {
    if (depth >= maxDepth) return;
    const { dirs, files } = listSorted(path);
    for (const d of dirs) yield* visit(walk, `${relative}/${d}`, depth + 1);
    for (const f of files) yield* visit(walk, `${relative}/${f}`, depth + 1);
    return;
  }
  const name = relative.replaceAll('/', '.');
  if (walk.seen.has(name)) return;
  walk.seen.add(name);
  const row: Record<string, string> = { name, subsystem: name.split('.').find((p) => p !== '') ?? '', type: 'string' };
  if (isReadable(path)) row.current_value = (readBytes(path)?.toString('utf8') ?? '').trim();
  const configured = walk.config.get(name);
  if (configured !== undefined) row.config_value = configured;
  yield row;
}

/** A directory's entries split into subdirectories and other files, each in glob (byte) order. */
function listSorted(path: string): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return { dirs, files };
  }
  for (const name of names.sort(compareBytes)) {
    if (name.startsWith('.')) continue;
    (isDirectory(`${path}/${name}`) ? dirs : files).push(name);
  }
  return { dirs, files };
}

/** access(2) with R_OK, which is osquery's isReadable. */
function isReadable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export const systemControlsTable: TableImpl = {
  name: 'system_controls',
  generate: genSystemControls,
  reads: ['/proc/sys/**', '/etc/sysctl.conf', '/{run,etc,usr/local/lib,usr/lib,lib}/sysctl.d/*.conf'],
};
