import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extendedAttributesTable, parentPath } from './extended-attributes.js';
import { formatAttributeValue, parseGetfattrOutput } from './getfattr-output.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const fixture = fileURLToPath(new URL('./testdata/getfattr/report.txt', import.meta.url));

test('parseGetfattrOutput decodes base64 values and octal-escaped names', () => {
  const attrs = parseGetfattrOutput(readFileSync(fixture, 'utf8'));
  assert.deepEqual(
    attrs.map((a) => [a.name, a.value.toString('latin1')]),
    [
      ['security.capability', Buffer.from('AQAAAgAwAAAAAAAAAAAAAAAAAAA=', 'base64').toString('latin1')],
      ['security.selinux', 'system_u:object_r:usr_t:s0\0'],
      ['user.empty', ''],
      ['user.bare', ''],
      ['user.odd=name\\x', 'value\0'],
      ['user.text', 'hello'],
    ],
  );
});

const valueCases: Array<[string, Buffer, { value: string; base64: 0 | 1 }]> = [
  ['a NUL-terminated printable value is text', Buffer.from('bar\0'), { value: 'bar', base64: 0 }],
  ['a value without the NUL is base64', Buffer.from('hello'), { value: 'aGVsbG8=', base64: 1 }],
  ['an empty value is empty with base64 = 1', Buffer.alloc(0), { value: '', base64: 1 }],
  ['a lone NUL is empty text', Buffer.from([0]), { value: '', base64: 0 }],
  ['a non-printable value is base64 of the bytes before the NUL', Buffer.from([0x01, 0xff, 0x00]), { value: 'Af8=', base64: 1 }],
  ['a tab makes a value non-printable', Buffer.from('a\tb\0'), { value: Buffer.from('a\tb').toString('base64'), base64: 1 }],
];
for (const [name, bytes, expected] of valueCases) {
  test(`formatAttributeValue: ${name}`, () => assert.deepEqual(formatAttributeValue(bytes), expected));
}

const parentCases: Array<[string, string]> = [['/tmp/x', '/tmp'], ['/x', '/'], ['/', ''], ['x', ''], ['/tmp/dir/', '/tmp/dir'], ['a/b', 'a']];
for (const [path, parent] of parentCases) {
  test(`parentPath(${JSON.stringify(path)}) is ${JSON.stringify(parent)} as boost's parent_path`, () => assert.equal(parentPath(path), parent));
}

const hasTool = (name: string): boolean => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
let dir: string;
let fileWithAttrs: string;
before(() => {
  // tmpfs before Linux 6.6 has no user.* attributes; the checkout's filesystem is the fallback.
  for (const base of [tmpdir(), join(process.cwd(), 'test-artifacts')]) {
    mkdirSync(base, { recursive: true });
    dir = mkdtempSync(join(base, 'watchpost-xattr-'));
    fileWithAttrs = join(dir, 'with-attrs');
    writeFileSync(fileWithAttrs, 'x');
    if (!hasTool('setfattr')) return;
    const ok = spawnSync('setfattr', ['-n', 'user.text', '-v', 'hello', fileWithAttrs]).status === 0;
    if (ok) {
      spawnSync('setfattr', ['-n', 'user.cstring', '-v', '0x62617200', fileWithAttrs]);
      spawnSync('setfattr', ['-n', 'user.empty', fileWithAttrs]);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

function withPath<T>(path: string, fn: () => T): T {
  const saved = process.env.PATH;
  process.env.PATH = path;
  try {
    return fn();
  } finally {
    process.env.PATH = saved;
  }
}

test('extended_attributes reads a live file through getfattr with osquery value rules', { skip: !hasTool('getfattr') && 'getfattr (package attr) is not installed' }, () => {
  const { rows, warnings } = runGenerator(extendedAttributesTable, {
    constraints: { path: [{ op: '=', value: fileWithAttrs }, { op: '=', value: join(dir, 'missing') }] },
  });
  const byKey = new Map(rows.map((r) => [r.key, r]));
  assert.deepEqual(byKey.get('user.text'), { path: fileWithAttrs, directory: dir, key: 'user.text', value: 'aGVsbG8=', base64: 1 });
  assert.deepEqual(byKey.get('user.cstring'), { path: fileWithAttrs, directory: dir, key: 'user.cstring', value: 'bar', base64: 0 });
  assert.deepEqual(byKey.get('user.empty'), { path: fileWithAttrs, directory: dir, key: 'user.empty', value: '', base64: 1 });
  assert.deepEqual(warnings, []);
  assert.deepEqual(validateRows('extended_attributes', rows, { path: 'NonEmptyString', directory: 'NonEmptyString', key: 'NonEmptyString', value: 'String', base64: 'Bool' }), []);
});

test('extended_attributes resolves path LIKE patterns', { skip: !hasTool('getfattr') && 'getfattr (package attr) is not installed' }, () => {
  const { rows } = runGenerator(extendedAttributesTable, { constraints: { path: [{ op: 'LIKE', value: join(dir, 'with-%') }] } });
  assert.ok(rows.length >= 3 && rows.every((r) => r.path === fileWithAttrs));
});

const capabilitySkip = !(hasTool('getfattr') && hasTool('setcap') && hasTool('getcap') && process.getuid?.() === 0) && 'needs getfattr, setcap, getcap and root';
test('extended_attributes decodes file capabilities through getcap, and keeps them raw without it', { skip: capabilitySkip }, () => {
  const binary = join(dir, 'capable');
  copyFileSync('/bin/true', binary);
  assert.equal(spawnSync('setcap', ['cap_net_raw+ep', binary]).status, 0);
  const constraints = { path: [{ op: '=' as const, value: binary }] };
  assert.deepEqual(runGenerator(extendedAttributesTable, { constraints }).rows, [
    { path: binary, directory: dir, key: 'security.capability', value: 'cap_net_raw=ep', base64: 0 },
  ]);
  const bin = join(dir, 'bin-without-getcap');
  mkdirSync(bin);
  const getfattr = spawnSync('sh', ['-c', 'command -v getfattr'], { encoding: 'utf8' }).stdout.trim();
  symlinkSync(getfattr, join(bin, 'getfattr'));
  const raw = withPath(bin, () => runGenerator(extendedAttributesTable, { constraints }).rows);
  assert.equal(raw.length, 1);
  assert.equal(raw[0]?.key, 'security.capability');
  assert.equal(raw[0]?.base64, 1);
});

test('extended_attributes without getfattr returns no rows and warns once', () => {
  const empty = mkdtempSync(join(dir, 'empty-path-'));
  const { rows, warnings } = withPath(empty, () =>
    runGenerator(extendedAttributesTable, { constraints: { path: [{ op: '=', value: fileWithAttrs }, { op: '=', value: '/etc/hostname' }] } }),
  );
  assert.deepEqual(rows, []);
  assert.deepEqual(warnings, ['extended_attributes needs getfattr (Debian package attr), which is not installed']);
});
