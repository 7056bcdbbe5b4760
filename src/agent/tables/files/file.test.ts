import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlEngine } from '../../index.js';
import type { Constraint, Row } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { fileTable } from './file.js';
import { formatMode } from './file-info.js';
import { filesTables } from './index.js';

/** Made at run time: mode bits, symlinks and a fifo do not survive a git checkout. */
const dir = mkdtempSync(join(tmpdir(), 'watchpost-file-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'plain'), 'hello\n');
chmodSync(join(dir, 'plain'), 0o640);
writeFileSync(join(dir, 'setuid'), '#!/bin/sh\n');
chmodSync(join(dir, 'setuid'), 0o4755);
writeFileSync(join(dir, '.hidden'), '');
mkdirSync(join(dir, 'sub'));
writeFileSync(join(dir, 'sub/inner'), 'x');
symlinkSync('plain', join(dir, 'link'));
symlinkSync('/nonexistent/target', join(dir, 'dangling'));
execFileSync('mkfifo', [join(dir, 'fifo')]);

const shape = {
  path: 'NonEmptyString', directory: 'String', filename: 'NonEmptyString', inode: 'NonNegativeInt', uid: 'NonNegativeInt',
  gid: 'NonNegativeInt', mode: /^[0-7]{4}$/, device: 'NonNegativeInt', size: 'NonNegativeInt', block_size: 'NonNegativeInt',
  atime: 'NonNegativeInt', mtime: 'NonNegativeInt', ctime: 'NonNegativeInt', btime: /^0$/, hard_links: 'NonNegativeInt',
  symlink: 'Bool', type: /^(regular|directory|symlink|block|character|fifo|socket|unknown|error)$/, symlink_target_path: 'String',
} as const;

function rowsFor(column: 'path' | 'directory', op: Constraint['op'], value: string): Row[] {
  return runGenerator(fileTable, { constraints: { [column]: [{ op, value }] } }).rows;
}

function rowAt(path: string): Row {
  const [row, ...rest] = rowsFor('path', '=', path);
  assert.ok(row, `a row for ${path}`);
  assert.equal(rest.length, 0);
  return row;
}

test('file reads /etc with osquery column shapes', () => {
  const rows = rowsFor('directory', '=', '/etc');
  assert.ok(rows.length > 5);
  assert.deepEqual(validateRows('file', rows, shape), []);
  const passwd = rows.find((r) => r.path === '/etc/passwd');
  assert.equal(passwd?.directory, '/etc');
  assert.equal(passwd?.type, 'regular');
});

const fixtureCases: Array<{ name: string; file: string; want: Record<string, unknown> }> = [
  { name: 'a regular file', file: 'plain', want: { filename: 'plain', mode: '0640', size: 6n, type: 'regular', symlink: 0, symlink_target_path: undefined } },
  { name: 'a setuid file keeps the special bits in mode', file: 'setuid', want: { mode: '4755', type: 'regular' } },
  { name: 'a directory', file: 'sub', want: { type: 'directory', filename: 'sub' } },
  { name: 'a symlink reports its target', file: 'link', want: { symlink: 1, symlink_target_path: 'plain', type: 'regular', mode: '0640', size: 6n } },
  { name: 'a dangling symlink falls back to lstat', file: 'dangling', want: { symlink: 1, symlink_target_path: '/nonexistent/target', type: 'unknown', mode: '0777' } },
  { name: 'a fifo', file: 'fifo', want: { type: 'fifo', size: 0n } },
];

for (const c of fixtureCases) {
  test(`file path = <${c.name}>`, () => {
    const path = join(dir, c.file);
    const row = rowAt(path);
    assert.equal(row.path, path);
    assert.equal(row.directory, dir);
    for (const [column, value] of Object.entries(c.want)) assert.equal(row[column], value, column);
  });
}

test('file path = matches stat(2) for inode, owner, times and links', () => {
  const path = join(dir, 'link');
  const row = rowAt(path);
  const st = statSync(path, { bigint: true });
  assert.equal(row.inode, st.ino);
  assert.equal(row.uid, st.uid);
  assert.equal(row.hard_links, st.nlink);
  assert.equal(row.mtime, st.mtimeNs / 1_000_000_000n);
  assert.notEqual(row.inode, lstatSync(path, { bigint: true }).ino);
});

test('file path = /dev/null is a character device with its device number', () => {
  const row = rowAt('/dev/null');
  assert.equal(row.type, 'character');
  assert.equal(row.device, statSync('/dev/null', { bigint: true }).rdev);
  assert.equal(formatMode(statSync('/dev/null').mode), row.mode);
});

test('file path = a missing path yields no row; = takes no wildcards', () => {
  assert.deepEqual(rowsFor('path', '=', join(dir, 'missing')), []);
  assert.deepEqual(rowsFor('path', '=', join(dir, '%')), []);
});

test('file directory = lists every entry, dot files included, with the directory as written', () => {
  const rows = rowsFor('directory', '=', `${dir}/`);
  assert.deepEqual(rows.map((r) => r.filename).sort(), ['.hidden', 'dangling', 'fifo', 'link', 'plain', 'setuid', 'sub']);
  assert.ok(rows.every((r) => r.directory === `${dir}/` && r.path === join(dir, String(r.filename))));
});

test('file path LIKE % marks directories with a trailing slash, filename "." (boost v3)', () => {
  const rows = rowsFor('path', 'LIKE', `${dir}/%`);
  assert.deepEqual(rows.map((r) => r.path), ['dangling', 'fifo', 'link', 'plain', 'setuid', 'sub/'].map((f) => `${dir}/${f}`));
  const sub = rows.find((r) => r.path === `${dir}/sub/`);
  assert.equal(sub?.filename, '.');
  assert.equal(sub?.directory, `${dir}/sub`);
});

test('file path LIKE %% recurses', () => {
  const rows = rowsFor('path', 'LIKE', `${dir}/%%`);
  assert.ok(rows.some((r) => r.path === `${dir}/sub/inner`));
});

test('file directory LIKE % visits the matching folders only', () => {
  const rows = rowsFor('directory', 'LIKE', `${dir}/s%`);
  assert.deepEqual(rows.map((r) => [r.path, r.directory]), [[`${dir}/sub/inner`, `${dir}/sub/`]]);
});

test('file maps paths through paths.root and reports logical paths', () => {
  const { rows } = runGenerator(fileTable, { constraints: { path: [{ op: '=', value: '/plain' }] }, paths: { root: dir } });
  assert.equal(rows[0]?.path, '/plain');
  assert.equal(rows[0]?.directory, '/');
  assert.equal(rows[0]?.mode, '0640');
});

async function withFileEngine(fn: (query: (sql: string) => Promise<Array<Record<string, string | null>>>) => Promise<void>): Promise<void> {
  const engine = await createSqlEngine({ tables: new Map(filesTables.map((t) => [t.name, t])) });
  try {
    await fn(async (sql) => {
      const [result] = await engine.query(sql);
      return (result?.rows ?? []).map((r) => Object.fromEntries(result?.columns.map((c, i) => [c, r[i] ?? null]) ?? []));
    });
  } finally {
    await engine.close();
  }
}

test('SQL: SELECT * FROM file WHERE path = /etc/passwd returns one row', () =>
  withFileEngine(async (query) => {
    const rows = await query("SELECT * FROM file WHERE path = '/etc/passwd'");
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.filename, 'passwd');
    assert.equal(rows[0]?.type, 'regular');
    assert.equal(rows[0]?.size, String(statSync('/etc/passwd').size));
  }));

test('SQL: SELECT * FROM file without path or directory fails as osquery does', () =>
  withFileEngine(async (query) => {
    await assert.rejects(query('SELECT * FROM file'), (err: Error) => {
      assert.equal(err.message, 'Table file was queried without a required column in the WHERE clause');
      return true;
    });
  }));

test('SQL: LIKE % is one level and %% recursive; _ is not a path wildcard', () =>
  withFileEngine(async (query) => {
    const one = await query(`SELECT path FROM file WHERE path LIKE '${dir}/%'`);
    const all = await query(`SELECT path FROM file WHERE path LIKE '${dir}/%%'`);
    assert.ok(!one.some((r) => r.path === `${dir}/sub/inner`));
    assert.ok(all.some((r) => r.path === `${dir}/sub/inner`));
    assert.deepEqual(await query(`SELECT path FROM file WHERE path LIKE '${dir}/plai_'`), []);
  }));
