import { statSync } from 'node:fs';
import { readUtf8 } from '../lib/fs-read.js';

/**
 * A loader for an ID database (pci.ids, usb.ids): the first readable file
 * among `candidates` (under the host root) is parsed once and reused until
 * its path or modification time changes; undefined when none can be read.
 */
export function createFirstFileCache<T>(candidates: readonly string[], parse: (text: string) => T): (hostPath: (path: string) => string) => T | undefined {
  let cache: { path: string; mtimeMs: number; value: T } | undefined;
  return (hostPath) => {
    for (const candidate of candidates) {
      const path = hostPath(candidate);
      let mtimeMs: number;
      try {
        mtimeMs = statSync(path).mtimeMs;
      } catch {
        continue;
      }
      if (cache && cache.path === path && cache.mtimeMs === mtimeMs) return cache.value;
      const text = readUtf8(path);
      if (text === undefined) continue;
      cache = { path, mtimeMs, value: parse(text) };
      return cache.value;
    }
    return undefined;
  };
}
