import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { listGoldenFiles, readGoldenFile, shouldUpdateGolden, updateGoldenFile } from '../testdata/golden.js';
import { formatQuery, parseExpr } from './index.js';

const dir = fileURLToPath(new URL('../testdata/format/', import.meta.url));

/** A case name may end with `[max=N]` to set Loki's MaxCharsPerLine (default 100). */
function renderFormat(name: string, query: string): string {
  const max = /\[max=(\d+)\]$/.exec(name);
  return formatQuery(parseExpr(query), max === null ? {} : { maxCharsPerLine: Number(max[1]) });
}

for (const path of listGoldenFiles(dir)) {
  const cases = readGoldenFile(path);
  if (shouldUpdateGolden()) {
    updateGoldenFile(path, cases, cases.map((c) => renderFormat(c.name, c.input)));
    continue;
  }
  for (const c of cases) {
    test(`formatQuery golden ${basename(path)}: ${c.name}`, () => {
      assert.equal(renderFormat(c.name, c.input), c.expected);
    });
  }
}
