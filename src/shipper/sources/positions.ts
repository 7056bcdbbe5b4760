import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { WatchpostError } from '../../core/index.js';

/**
 * promtail's positions file: `positions:` mapping a file path (or
 * `journal-<job>`) to a string (byte offset, journal cursor), rewritten
 * atomically (temp file, fsync, rename; mode 0600).
 */
export class Positions {
  readonly #filename: string;
  readonly #values = new Map<string, string>();
  #dirty = false;

  constructor(filename: string, options: { ignoreInvalidYaml?: boolean } = {}) {
    this.#filename = filename;
    let text: string | undefined;
    try {
      text = readFileSync(filename, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (text === undefined || text.trim() === '') return;
    try {
      const doc = parse(text) as { positions?: Record<string, unknown> } | null;
      for (const [k, v] of Object.entries(doc?.positions ?? {})) this.#values.set(k, String(v));
    } catch (err) {
      if (options.ignoreInvalidYaml) return;
      throw new WatchpostError('ERR_CONFIG_INVALID', `invalid yaml positions file [${filename}]: ${(err as Error).message}`, { cause: err });
    }
  }

  get(key: string): string | undefined {
    return this.#values.get(key);
  }

  set(key: string, value: string): void {
    if (this.#values.get(key) === value) return;
    this.#values.set(key, value);
    this.#dirty = true;
  }

  remove(key: string): void {
    if (this.#values.delete(key)) this.#dirty = true;
  }

  keys(): string[] {
    return [...this.#values.keys()];
  }

  /** Writes the file if anything changed since the last save. */
  save(): void {
    if (!this.#dirty) return;
    this.#dirty = false;
    let text = 'positions:\n';
    for (const [k, v] of [...this.#values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      text += `  ${/^[/\w.-]+$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}\n`;
    }
    mkdirSync(dirname(this.#filename), { recursive: true });
    const tmp = `${this.#filename}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#filename);
  }
}
