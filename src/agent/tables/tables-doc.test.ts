import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { renderTablesDoc } from './tables-doc.js';

test('docs/tables.md is generated from the table registry', () => {
  const path = new URL('../../../docs/tables.md', import.meta.url);
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, renderTablesDoc());
  assert.equal(readFileSync(path, 'utf8'), renderTablesDoc());
});
