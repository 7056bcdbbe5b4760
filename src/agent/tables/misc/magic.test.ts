import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMagicDbFiles, magicTable } from './magic.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const hasFile = spawnSync('sh', ['-c', 'command -v file']).status === 0;
const skip = !hasFile && 'file(1) is not installed';
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'watchpost-magic-'));
  writeFileSync(join(dir, 'hello.txt'), 'hello\n');
  symlinkSync(join(dir, 'hello.txt'), join(dir, 'link'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const eq = (...values: string[]) => values.map((value) => ({ op: '=' as const, value }));

test('magic describes each path as libmagic does, sorted, symlinks not followed, missing files described', { skip }, () => {
  const text = join(dir, 'hello.txt');
  const link = join(dir, 'link');
  const missing = join(dir, 'missing');
  const { rows, warnings } = runGenerator(magicTable, { constraints: { path: eq(missing, text, link) } });
  const base = { magic_db_files: defaultMagicDbFiles };
  const cannotOpen = `cannot open \`${missing}' (No such file or directory)`;
  assert.deepEqual(rows, [
    { path: text, ...base, data: 'ASCII text', mime_type: 'text/plain', mime_encoding: 'us-ascii' },
    { path: link, ...base, data: `symbolic link to ${text}`, mime_type: 'inode/symlink', mime_encoding: 'binary' },
    { path: missing, ...base, data: cannotOpen, mime_type: cannotOpen, mime_encoding: cannotOpen },
  ]);
  assert.deepEqual(warnings, []);
});

test('magic has osquery column shapes for a live executable', { skip }, () => {
  const { rows } = runGenerator(magicTable, { constraints: { path: eq(process.execPath) } });
  assert.equal(rows.length, 1);
  assert.match(String(rows[0]?.data), /^ELF /);
  assert.deepEqual(
    validateRows('magic', rows, { path: 'NonEmptyString', magic_db_files: 'NonEmptyString', data: 'NonEmptyString', mime_type: /^[a-z]+\/[-+.\w]+$/, mime_encoding: 'NonEmptyString' }),
    [],
  );
});

test('magic with magic_db_files that do not load warns as osquery and returns nothing', { skip }, () => {
  const { rows, warnings } = runGenerator(magicTable, {
    constraints: { path: eq(join(dir, 'hello.txt')), magic_db_files: eq('/nonexistent/magic.mgc') },
  });
  assert.deepEqual(rows, []);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /^Unable to load magic list of database: \/nonexistent\/magic\.mgc because: could not find any valid magic files!/);
});

test('magic without file(1) returns no rows and warns once', () => {
  const saved = process.env.PATH;
  process.env.PATH = dir;
  try {
    const { rows, warnings } = runGenerator(magicTable, { constraints: { path: eq('/a', '/b') } });
    assert.deepEqual(rows, []);
    assert.deepEqual(warnings, ['magic needs file(1) (Debian package file), which is not installed']);
  } finally {
    process.env.PATH = saved;
  }
});
