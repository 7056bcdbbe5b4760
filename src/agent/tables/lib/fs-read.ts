import { existsSync, readFileSync, readlinkSync, readdirSync } from 'node:fs';

/**
 * Small synchronous readers for generators. Every one returns a neutral value
 * (undefined, '' or []) instead of throwing when the file is missing or
 * unreadable, because system state changes under a query (a process exits)
 * and a table must degrade, not fail.
 */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return undefined;
  }
}

export function readUtf8(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function readBytes(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

export function readLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return '';
  }
}

export function listDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

export function pathExists(path: string): boolean {
  return existsSync(path);
}
