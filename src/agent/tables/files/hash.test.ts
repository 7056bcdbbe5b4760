import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlEngine } from '../../index.js';
import type { Constraint, Row } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { hashTable } from './hash.js';
import { filesTables } from './index.js';
import { readMaxBytes } from './read-limits.js';

const dir = mkdtempSync(join(tmpdir(), 'watchpost-hash-'));
after(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'hello'), 'hello world\n');
writeFileSync(join(dir, 'empty'), '');
writeFileSync(join(dir, 'huge'), '');
truncateSync(join(dir, 'huge'), readMaxBytes + 1); // sparse: costs no disk
mkdirSync(join(dir, 'sub'));
writeFileSync(join(dir, 'sub/deeper'), 'deeper');
symlinkSync('hello', join(dir, 'link'));

function digests(data: string | Buffer): { md5: string; sha1: string; sha256: string } {
  const of = (alg: string) => createHash(alg).update(data).digest('hex');
  return { md5: of('md5'), sha1: of('sha1'), sha256: of('sha256') };
}

function hashRows(column: 'path' | 'directory', op: Constraint['op'], value: string): Row[] {
  return runGenerator(hashTable, { constraints: { [column]: [{ op, value }] } }).rows;
}

const shape = { path: 'NonEmptyString', directory: 'NonEmptyString', md5: /^[0-9a-f]{32}$/, sha1: /^[0-9a-f]{40}$/, sha256: /^[0-9a-f]{64}$/ } as const;

test('hash hashes /etc/passwd with osquery column shapes', () => {
  const rows = hashRows('path', '=', '/etc/passwd');
  assert.deepEqual(validateRows('hash', rows, shape), []);
  assert.equal(rows[0]?.sha256, digests(readFileSync('/etc/passwd')).sha256);
});

const cases: Array<{ name: string; file: string; want: ReturnType<typeof digests> | undefined }> = [
  { name: 'a regular file', file: 'hello', want: digests('hello world\n') },
  { name: 'an empty file', file: 'empty', want: digests('') },
  { name: 'a symlink to a file (followed)', file: 'link', want: digests('hello world\n') },
  { name: 'a file over the 50 MiB read limit (row with empty digests)', file: 'huge', want: { md5: '', sha1: '', sha256: '' } },
  { name: 'a directory (skipped)', file: 'sub', want: undefined },
  { name: 'a missing file (skipped)', file: 'missing', want: undefined },
];

for (const c of cases) {
  test(`hash path = <${c.name}>`, () => {
    const rows = hashRows('path', '=', join(dir, c.file));
    if (c.want === undefined) {
      assert.deepEqual(rows, []);
      return;
    }
    assert.equal(rows.length, 1);
    const { md5, sha1, sha256, directory } = rows[0] as Row;
    assert.deepEqual({ md5, sha1, sha256 }, c.want);
    assert.equal(directory, dir);
  });
}

test('hash directory = hashes the regular files one level deep', () => {
  const rows = hashRows('directory', '=', dir);
  assert.deepEqual(rows.map((r) => r.path).sort(), ['empty', 'hello', 'huge', 'link'].map((f) => join(dir, f)));
  assert.ok(rows.every((r) => r.directory === dir));
});

test('hash path LIKE %% hashes files at every depth and skips directories', () => {
  const rows = hashRows('path', 'LIKE', `${dir}/%%`);
  assert.ok(rows.some((r) => r.path === join(dir, 'sub/deeper') && r.sha1 === digests('deeper').sha1));
  assert.ok(!rows.some((r) => String(r.path).endsWith('/')));
});

test('hash recomputes a cached digest when the file changes size', () => {
  const path = join(dir, 'changing');
  writeFileSync(path, 'one');
  assert.equal(hashRows('path', '=', path)[0]?.md5, digests('one').md5);
  writeFileSync(path, 'three');
  assert.equal(hashRows('path', '=', path)[0]?.md5, digests('three').md5);
});

test("SQL: select * from hash where path = '/etc/hostname' matches node:crypto", async () => {
  const engine = await createSqlEngine({ tables: new Map(filesTables.map((t) => [t.name, t])) });
  try {
    const [result] = await engine.query("select * from hash where path = '/etc/hostname'");
    const cols = result?.columns ?? [];
    const row = result?.rows[0] ?? [];
    const got = Object.fromEntries(cols.map((c, i) => [c, row[i]]));
    assert.equal(result?.rows.length, 1);
    assert.deepEqual({ md5: got.md5, sha1: got.sha1, sha256: got.sha256 }, digests(readFileSync('/etc/hostname')));
    assert.equal(got.directory, '/etc');
  } finally {
    await engine.close();
  }
});
