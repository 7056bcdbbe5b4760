import { existsSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { parsePasswd } from '../tables/lib/etc-passwd.js';
import { basename, dirname } from 'node:path';

/** A file (or directory) whose change means some tables may read differently. */
export interface TriggerSource {
  readonly path: string;
  readonly tables: readonly string[];
}

/**
 * Which files trigger which tables (documented in docs/agent.md): login
 * records for `last` and `logged_in_users`, the account database for the
 * user tables, authorized_keys files for `authorized_keys`.
 */
export function defaultTriggerSources(homes: readonly string[], paths: { utmp: string; wtmp: string } = { utmp: '/var/run/utmp', wtmp: '/var/log/wtmp' }): TriggerSource[] {
  const loginTables = ['last', 'logged_in_users'];
  const sources: TriggerSource[] = [
    { path: paths.wtmp, tables: loginTables },
    { path: paths.utmp, tables: loginTables },
    { path: '/etc/passwd', tables: ['users', 'groups', 'user_groups', 'authorized_keys'] },
    { path: '/etc/group', tables: ['groups', 'user_groups'] },
    { path: '/etc/sudoers', tables: ['sudoers'] },
    { path: '/etc/sudoers.d', tables: ['sudoers'] },
  ];
  if (paths.utmp === '/var/run/utmp') sources.push({ path: '/run/utmp', tables: loginTables });
  for (const home of homes) {
    // The .ssh entry catches a .ssh directory created (or replaced) after the watch started.
    sources.push({ path: `${home}/.ssh`, tables: ['authorized_keys'] });
    sources.push({ path: `${home}/.ssh/authorized_keys`, tables: ['authorized_keys'] });
    sources.push({ path: `${home}/.ssh/authorized_keys2`, tables: ['authorized_keys'] });
  }
  return sources;
}

export interface EventTriggers {
  close(): void;
}

/**
 * Watches each source and calls `onTables` with the union of the tables of
 * every source that changed, once a burst has been quiet for `debounceMs`.
 * A file is watched through its directory, so replacing it (rename over) or
 * creating it later still counts; sources whose directory is missing are
 * skipped. Duplicate paths (/run/utmp and /var/run/utmp) are harmless: the
 * tables are unioned.
 */
export function watchTriggerSources(sources: readonly TriggerSource[], onTables: (tables: Set<string>) => void, debounceMs = 50): EventTriggers {
  const byDir = new Map<string, Map<string, string[]>>();
  for (const s of sources) {
    const dir = dirname(s.path);
    const files = byDir.get(dir) ?? new Map<string, string[]>();
    files.set(basename(s.path), [...(files.get(basename(s.path)) ?? []), ...s.tables]);
    byDir.set(dir, files);
  }
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  const fire = (): void => {
    timer = undefined;
    const tables = pending;
    pending = new Set();
    onTables(tables);
  };
  const arm = (tables: readonly string[]): void => {
    for (const t of tables) pending.add(t);
    timer ??= setTimeout(fire, debounceMs);
  };
  for (const [dir, files] of byDir) {
    try {
      const w = watch(dir, { persistent: false }, (_event, filename) => {
        const tables = filename === null ? [...files.values()].flat() : files.get(String(filename));
        if (tables) arm(tables);
      });
      w.on('error', () => w.close());
      watchers.push(w);
    } catch {
      // The directory does not exist (no ~/.ssh): nothing to watch there.
    }
    // A source that is itself a directory (sudoers.d): changes inside it count too.
    for (const [name, tables] of files) {
      const path = `${dir}/${name}`;
      if (!isDirectory(path)) continue;
      try {
        const w = watch(path, { persistent: false }, () => arm(tables));
        w.on('error', () => w.close());
        watchers.push(w);
      } catch {
        // Vanished between the check and the watch.
      }
    }
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Home directories from /etc/passwd that exist (their .ssh/authorized_keys files are watched). */
export function readHomeDirs(): string[] {
  try {
    const dirs = parsePasswd(readFileSync('/etc/passwd', 'utf8')).map((e) => e.dir).filter((d) => d !== '' && d !== '/' && existsSync(d));
    return [...new Set(dirs)];
  } catch {
    return [];
  }
}
