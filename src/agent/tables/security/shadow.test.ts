import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { shadowTable } from './shadow.js';

const root = join(import.meta.dirname, 'testdata/host');
const columns = ['username', 'password_status', 'hash_alg', 'last_change', 'min', 'max', 'warning', 'inactive', 'expire', 'flag'] as const;

test('shadow parses /etc/shadow as getspent does: empty fields -1, old-style lines, rejected lines skipped', () => {
  const { rows, warnings } = runGenerator(shadowTable, { paths: { root } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(rows.map((r) => columns.map((c) => r[c])), [
    ['root', 'active', 'y', 19700, 0, 99999, 7, -1, -1, -1],
    ['daemon', 'locked', '', 19700, 0, 99999, 7, -1, -1, -1],
    ['alice', 'active', '6', 19000, 1, 90, 14, 30, 20000, -1],
    ['bob', 'locked', '', 19000, -1, -1, -1, -1, -1, -1],
    ['carol', 'not_set', '', 19001, -1, -1, -1, -1, -1, -1],
    ['dave', 'empty', '', 19002, 0, 99999, 7, -1, -1, -1],
    ['old', 'active', '1', 100, 0, 99999, -1, -1, -1, -1],
    ['spaced', 'active', '2b', 1, 2, 3, 4, 5, 6, 7],
    ['neg', 'locked', '', -1, 0, 1, 7, -1, -1, -1],
    ['+nis', 'empty', '', 0, -1, -1, -1, -1, -1, -1],
  ]);
});

test('shadow username = X reads that entry only (the first of that name)', () => {
  const { rows } = runGenerator(shadowTable, { paths: { root }, constraints: { username: [{ op: '=', value: 'alice' }, { op: '=', value: 'nobody' }] } });
  assert.deepEqual(rows.map((r) => r.username), ['alice']);
});

test('shadow without read access warns and returns no rows; a missing file is silent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'watchpost-shadow-'));
  try {
    // A directory cannot be read as a file: the same path as EACCES for a non-root agent.
    mkdirSync(join(dir, 'etc/shadow'), { recursive: true });
    const denied = runGenerator(shadowTable, { paths: { root: dir } });
    assert.deepEqual(denied.rows, []);
    assert.deepEqual(denied.warnings, ['Cannot open file for reading: /etc/shadow (EISDIR); the shadow table needs root']);
    const missing = runGenerator(shadowTable, { paths: { root: join(dir, 'nowhere') } });
    assert.deepEqual([missing.rows, missing.warnings], [[], []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('shadow live: rows with osquery column shapes as root, a warning otherwise', () => {
  const { rows, warnings } = runGenerator(shadowTable);
  if (process.getuid?.() === 0) assert.ok(rows.some((r) => r.username === 'root'), 'root has a shadow entry');
  else assert.deepEqual([rows.length, warnings.length], [0, 1]);
  assert.deepEqual(
    validateRows('shadow', rows, {
      username: 'NonEmptyString', password_status: /^(active|locked|not_set|empty)$/, hash_alg: 'String',
      last_change: 'Int', min: 'Int', max: 'Int', warning: 'Int', inactive: 'Int', expire: 'Int', flag: 'Int',
    }),
    [],
  );
});
