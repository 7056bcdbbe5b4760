import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from '../../table.js';

/** The fixture root the package tests point paths.root at. */
export const fixtureRoot = join(dirname(fileURLToPath(import.meta.url)), 'root');

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const npmGlobal = join(dirname(fileURLToPath(import.meta.url)), 'npm-global');

/**
 * A temp copy of the fixture root that also holds /usr/lib/node_modules,
 * built from testdata/npm-global (git ignores folders named node_modules,
 * so the fixture spells nested ones `_node_modules`). Removed after the test.
 */
export function createFullFixtureRoot(t: { after: (fn: () => void) => void }): string {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-packages-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(fixtureRoot, root, { recursive: true });
  copyRenamingNodeModules(npmGlobal, join(root, 'usr/lib/node_modules'));
  return root;
}

function copyRenamingNodeModules(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const target = join(to, name === '_node_modules' ? 'node_modules' : name);
    if (statSync(join(from, name)).isDirectory()) copyRenamingNodeModules(join(from, name), target);
    else cpSync(join(from, name), target);
  }
}

/**
 * Compares rows with testdata/golden/<name>.json; `UPDATE_GOLDEN=1` rewrites
 * the file instead (review the diff before committing it).
 */
export function assertGolden(name: string, rows: readonly Row[]): void {
  const path = join(goldenDir, `${name}.json`);
  const actual = JSON.parse(JSON.stringify(rows)) as unknown;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`wrote missing golden file ${path}; review it and run again`);
    return;
  }
  assert.deepEqual(actual, JSON.parse(readFileSync(path, 'utf8')));
}
