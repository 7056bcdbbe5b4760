import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlEngine, type SqlEngine } from '../index.js';
import { testSqlCases, type SqlCase } from './sql-cases.js';

// osquery/sql/sqlite_filesystem.cpp (it has no unit tests for these).
const parentCases: SqlCase[] = [
  { sql: "select parent_directory('/usr/bin/ls'), parent_directory('/usr/bin/'), parent_directory('/ls'), parent_directory('/')", row: ['/usr/bin', '/usr/bin', '', ''] },
  { name: 'parent_directory: no slash gives NULL', sql: "select parent_directory('ls'), parent_directory('')", row: [null, null] },
  { name: 'parent_directory: multi-byte names', sql: "select parent_directory('/tmp/ä/ö')", row: ['/tmp/ä'] },
  { name: 'parent_directory: NULL is an error', sql: 'select parent_directory(NULL)', error: 'Invalid inputs to parent_directory, TEXT was expected' },
  { name: 'parent_directory: a number is an error', sql: 'select parent_directory(1)', error: 'Invalid inputs to parent_directory, TEXT was expected' },
];
testSqlCases('parent_directory', parentCases);

describe('find_file_path_in_cmd and is_path_deterministic on a fixture tree', () => {
  // dir/a and dir/"a b" are files, dir/sub is a directory.
  let dir: string;
  let engine: SqlEngine;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'watchpost-fn-'));
    writeFileSync(join(dir, 'a'), '');
    writeFileSync(join(dir, 'a b'), '');
    mkdirSync(join(dir, 'sub'));
    engine = await createSqlEngine({ tables: new Map() });
  });
  after(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: ReadonlyArray<{ name: string; sql: (d: string) => string; row?: Array<string | null>; error?: string }> = [
    { name: 'the shortest existing prefix wins', sql: (d) => `select find_file_path_in_cmd('${d}/a b --x'), find_file_path_in_cmd('  ${d}/a --flag')`, row: ['D/a', 'D/a'] },
    { name: 'the whole command when it is the file', sql: (d) => `select find_file_path_in_cmd('${d}/a b')`, row: ['D/a'] },
    { name: 'quoting keeps spaces when allowed', sql: (d) => `select find_file_path_in_cmd('"${d}/a b" --x', 1), find_file_path_in_cmd('"${d}/a b" --x', 0)`, row: ['D/a b', ''] },
    { name: 'the escape character keeps the next one', sql: (d) => `select find_file_path_in_cmd('${d}/a\\ b --x'), find_file_path_in_cmd('${d}/a^ b --x', 0, '^')`, row: ['D/a b', 'D/a b'] },
    { name: 'directories and missing files do not count', sql: (d) => `select find_file_path_in_cmd('${d}/sub x'), find_file_path_in_cmd('${d}/nope x')`, row: ['', ''] },
    { name: 'is_path_deterministic: one candidate', sql: (d) => `select is_path_deterministic('${d}/a --flag'), is_path_deterministic('${d}/a'), is_path_deterministic('${d}/nope x')`, row: ['1', '1', '1'] },
    { name: 'is_path_deterministic: two candidates', sql: (d) => `select is_path_deterministic('${d}/a b --x'), is_path_deterministic('"${d}/a b" --x', 1)`, row: ['0', '1'] },
    { name: 'find_file_path_in_cmd: NULL argument', sql: () => 'select find_file_path_in_cmd(NULL)', error: 'Invalid inputs to find_binary_path_from_cmd' },
    { name: 'find_file_path_in_cmd: no argument', sql: () => 'select find_file_path_in_cmd()', error: 'Invalid inputs to find_binary_path_from_cmd' },
    { name: 'find_file_path_in_cmd: escape of two characters', sql: (d) => `select find_file_path_in_cmd('${d}/a', 0, '^^')`, error: 'Invalid inputs to find_binary_path_from_cmd' },
    { name: 'is_path_deterministic: NULL argument', sql: () => "select is_path_deterministic('/bin/sh', NULL)", error: 'Invalid inputs to is_path_deterministic' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const query = engine.query(c.sql(dir));
      if (c.error !== undefined) {
        await assert.rejects(query, { message: c.error });
        return;
      }
      const [result] = await query;
      assert.deepEqual(result?.rows[0]?.map((v) => v?.replaceAll(dir, 'D') ?? null), c.row);
    });
  }
});
