import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { listGoldenFiles, readGoldenFile } from '../testdata/golden.js';
import type { Expr } from './ast.js';
import { parseExpr, printExpr } from './index.js';

const dir = fileURLToPath(new URL('../testdata/parser/', import.meta.url));

/**
 * Loki's printer writes two things LogQL cannot read back: non-legacy label
 * names quoted (`"größe"="1"`) and non-finite literals (`NaN`, `+Inf`).
 */
function isNotReparseable(expr: Expr): boolean {
  const json = JSON.stringify(expr, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? 'non-finite' : value));
  if (json.includes('"non-finite"')) return true;
  for (const match of json.matchAll(/"name":"((?:[^"\\]|\\.)*)"/g)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(match[1] as string)) return true;
  }
  return false;
}

const valid: Array<{ name: string; expr: Expr }> = [];
for (const path of listGoldenFiles(dir)) {
  for (const c of readGoldenFile(path)) {
    if (!c.expected.startsWith('print: ')) continue;
    valid.push({ name: c.name, expr: parseExpr(c.input) });
  }
}

test('round trip covers the valid golden cases', () => {
  assert.ok(valid.length > 250, `only ${valid.length} valid cases`);
});

test('printExpr(parseExpr(printExpr(e))) equals printExpr(e) for every valid golden case', () => {
  const failures: string[] = [];
  for (const { name, expr } of valid) {
    if (isNotReparseable(expr)) continue;
    const printed = printExpr(expr);
    try {
      const again = printExpr(parseExpr(printed));
      if (again !== printed) failures.push(`${name}\n  first:  ${printed}\n  second: ${again}`);
    } catch (err) {
      failures.push(`${name}\n  ${printed}\n  ${(err as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
});
