import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { listGoldenFiles, readGoldenFile, shouldUpdateGolden, updateGoldenFile } from '../testdata/golden.js';
import { WatchpostError } from '../../core/index.js';
import { parseExpr, printExpr } from './index.js';

const dir = fileURLToPath(new URL('../testdata/parser/', import.meta.url));

/** `print:` canonical text and `ast:` JSON for a query, or `error:` with Loki's message. */
function renderParse(query: string): string {
  try {
    const expr = parseExpr(query);
    return `print: ${printExpr(expr)}\nast: ${JSON.stringify(expr)}`;
  } catch (err) {
    if (!(err instanceof WatchpostError) || err.code !== 'ERR_LOGQL_PARSE') throw err;
    return `error: ${err.message}`;
  }
}

for (const path of listGoldenFiles(dir)) {
  const cases = readGoldenFile(path);
  if (shouldUpdateGolden()) {
    updateGoldenFile(path, cases, cases.map((c) => renderParse(c.input)));
    continue;
  }
  for (const c of cases) {
    test(`parseExpr golden ${basename(path)}: ${c.name}`, () => {
      assert.equal(renderParse(c.input), c.expected);
    });
  }
}
