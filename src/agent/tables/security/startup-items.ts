import type { QueryContext, Row, TableImpl } from '../table.js';
import { joinPath, listHostFiles, readHostText } from './host-files.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../lib/etc-passwd.js';
import { listSystemdUnits, type ListSystemdUnitsOptions } from './systemd-unit-list.js';
import { splitOsquery } from '../lib/osquery-strings.js';

const systemScriptDirs = ['/etc/init.d/'];
const systemItemDirs = ['/etc/xdg/autostart/'];

/**
 * startup_items on Linux, in osquery's order: for each home directory of
 * /etc/passwd (sorted, deduplicated) its ~/.config/autostart/ .desktop
 * entries and ~/.config/autostart-scripts/ scripts, then /etc/init.d/
 * scripts, then /etc/xdg/autostart/ entries, then every systemd unit
 * (status = its active state). Like osquery, a desktop entry's Name= and
 * Exec= are kept only when the line holds exactly one '=' run (so an Exec
 * with arguments containing '=' is dropped), and username is the second
 * path component of a /home/<user>/ source.
 */
export function createStartupItemsGenerator(options: ListSystemdUnitsOptions = {}): (ctx: QueryContext) => Iterable<Row> {
  return function* genStartupItems(ctx) {
    const homes = [...new Set(parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '').map((u) => u.dir).filter((d) => d !== ''))].sort();
    for (const home of homes) {
      ctx.checkDeadline();
      yield* readAutostartItems(ctx, joinPath(home, '/.config/autostart/'));
      yield* readAutostartScripts(ctx, joinPath(home, '/.config/autostart-scripts/'));
    }
    for (const dir of systemScriptDirs) yield* readAutostartScripts(ctx, dir);
    for (const dir of systemItemDirs) yield* readAutostartItems(ctx, dir);
    const list = listSystemdUnits(ctx, options);
    if (list.source === 'unit-files' && list.managerRunning) return;
    for (const unit of list.units) {
      yield { name: unit.id, type: 'systemd unit', status: unit.activeState, path: unit.fragmentPath, source: unit.sourcePath, username: unit.user };
    }
  };
}

/** The Name= and Exec= of a .desktop file as osquery extracts them. */
export function parseDesktopEntry(text: string): { name?: string; path?: string } {
  const entry: { name?: string; path?: string } = {};
  for (const line of splitOsquery(text, '\n')) {
    const parts = line.startsWith('Name=') || line.startsWith('Exec=') ? splitOsquery(line, '=') : [];
    if (parts.length !== 2) continue;
    if (line.startsWith('Name=')) entry.name = parts[1];
    else entry.path = parts[1];
  }
  return entry;
}

function* readAutostartItems(ctx: QueryContext, dir: string): Iterable<Row> {
  for (const file of listHostFiles(ctx, dir) ?? []) {
    const text = readHostText(ctx, file);
    const entry = text === undefined ? {} : parseDesktopEntry(text);
    yield { ...entry, type: 'Startup Item', status: 'enabled', source: dir, ...homeUser(dir) };
  }
}

function* readAutostartScripts(ctx: QueryContext, dir: string): Iterable<Row> {
  for (const file of listHostFiles(ctx, dir) ?? []) {
    const name = splitOsquery(file, '/').at(-1) ?? '';
    yield { name, path: file, type: 'Startup Item', status: 'enabled', source: dir, ...homeUser(dir) };
  }
}

/** osquery's username rule: the second component of a source under /home. */
function homeUser(dir: string): { username?: string } {
  const parts = splitOsquery(dir, '/');
  return parts.length > 1 && parts[0] === 'home' ? { username: parts[1] } : {};
}

export const startupItemsTable: TableImpl = {
  name: 'startup_items',
  generate: createStartupItemsGenerator(),
  reads: ['/etc/passwd', '~/.config/autostart/', '~/.config/autostart-scripts/', '/etc/init.d/', '/etc/xdg/autostart/', 'systemd units (as systemd_units)'],
};
