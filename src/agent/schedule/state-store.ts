import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { serializeRow, type QueryState } from './differential.js';

/** Persistent settings besides per-query results (osquery's kPersistentSettings domain). */
export interface AgentSettings {
  /** Per query name: the configured interval and the splayed one chosen for it. */
  readonly splay: Readonly<Record<string, { readonly intervalS: number; readonly splayedS: number }>>;
  /** Per query name: unix seconds until which it stays denylisted. */
  readonly denylist: Readonly<Record<string, number>>;
}

export interface StateStore {
  readonly dir: string;
  /** The stored state of a scheduled query name, undefined before its first run. */
  get(name: string): QueryState | undefined;
  /** Stores a query's state durably (write, fsync, rename). */
  put(name: string, state: QueryState): void;
  settings(): AgentSettings;
  putSettings(settings: AgentSettings): void;
  /** The "dirty bit": the query running now ('' when none), read back at start-up to denylist a query that killed the agent. */
  setExecuting(name: string): void;
  readExecuting(): string;
}

/** A query's file: its state with the rows as JSON objects (older files hold them as strings). */
interface StoredFile {
  readonly name: string;
  readonly epoch: number;
  readonly counter: number;
  readonly sql?: string;
  readonly rows: ReadonlyArray<string | Record<string, string>>;
}

/**
 * Differential state under `--database_path`, a directory: one JSON file per
 * scheduled query name (`queries/<sha1 of name>.json`, so only changed
 * queries are rewritten), `settings.json`, and `executing`. Every write is
 * atomic: a temp file is written and fsynced, then renamed over the old one,
 * and the directory is fsynced, so a crash leaves the old or the new state,
 * never a torn one. Unreadable files count as absent.
 */
export function createStateStore(dir: string): StateStore {
  const queriesDir = join(dir, 'queries');
  mkdirSync(queriesDir, { recursive: true, mode: 0o700 });
  const cache = new Map<string, QueryState | null>();
  let settings: AgentSettings | undefined;

  const fileFor = (name: string): string => join(queriesDir, `${createHash('sha1').update(name).digest('hex')}.json`);

  return {
    dir,
    get(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit ?? undefined;
      const stored = readJson<StoredFile>(fileFor(name));
      const state =
        stored && stored.name === name && Array.isArray(stored.rows)
          ? {
              epoch: stored.epoch,
              counter: stored.counter,
              // Rows are stored as JSON objects; their text is rebuilt exactly (sorted keys, JSON.stringify escaping).
              rows: stored.rows.map((r) => (typeof r === 'string' ? r : serializeRow(r))),
              ...(typeof stored.sql === 'string' ? { sql: stored.sql } : {}),
            }
          : null;
      cache.set(name, state);
      return state ?? undefined;
    },
    put(name, state) {
      // The rows are JSON objects already: embed them as they are rather than as escaped strings.
      const head = JSON.stringify({ name, epoch: state.epoch, counter: state.counter, ...(state.sql === undefined ? {} : { sql: state.sql }) });
      writeAtomic(fileFor(name), `${head.slice(0, -1)},"rows":[${state.rows.join(',')}]}`);
      cache.set(name, state);
    },
    settings() {
      settings ??= readJson<AgentSettings>(join(dir, 'settings.json')) ?? { splay: {}, denylist: {} };
      return { splay: settings.splay ?? {}, denylist: settings.denylist ?? {} };
    },
    putSettings(next) {
      settings = next;
      writeAtomic(join(dir, 'settings.json'), JSON.stringify(next));
    },
    setExecuting(name) {
      // A plain overwrite: the bit only matters after a crash, and an fsync per query would cost more than it saves.
      writeFileSync(join(dir, 'executing'), name);
    },
    readExecuting() {
      try {
        return readFileSync(join(dir, 'executing'), 'utf8');
      } catch {
        return '';
      }
    },
  };
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes `text` to `path` so that readers see the old or the new content, even across a crash. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    const data = Buffer.from(text);
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  const dirFd = openSync(join(path, '..'), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}
