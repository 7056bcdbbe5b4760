/**
 * Test helpers shared by the agent's unit tests and its e2e tests: temp
 * directories that are cleaned up, the flags that put an agent's config, logs
 * and database inside one directory, reading its JSON-lines logs, and polling
 * for what a running agent writes.
 * Test code only (nothing in the agent imports it).
 */
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Call once at the top of a test file: returns `tempDir(prefix)`, which
 * makes a fresh temp dir; every dir it made is removed when the file's tests
 * are done.
 */
export function useTempDirs(): (prefix: string) => string {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

/** `--config_path`, `--logger_path` and `--database_path` inside `dir` (dir/osquery.conf, dir/log, dir/db). */
export function agentDirFlags(dir: string): string[] {
  return [`--config_path=${join(dir, 'osquery.conf')}`, `--logger_path=${join(dir, 'log')}`, `--database_path=${join(dir, 'db')}`];
}

/** The non-empty lines of a log file; none while it does not exist yet. */
export function readLogLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Polls `pick` (every 10 ms) until it returns something; fails the test after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, pick: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
