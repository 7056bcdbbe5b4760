import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseProcMaps } from './maps-parser.js';

const fixture = (pid: string): string => readFileSync(new URL(`./testdata/host/proc/${pid}/maps`, import.meta.url), 'utf8');

test('parseProcMaps reads a real /proc/<pid>/maps (sleep) line for line', () => {
  const rows = parseProcMaps(fixture('100'));
  assert.equal(rows.length, fixture('100').trimEnd().split('\n').length);
  assert.deepEqual(rows[0], {
    start: '0x563a39b13000', end: '0x563a39b15000', permissions: 'r--p', offset: '0',
    device: 'fe:00', inode: '260875', path: '/usr/bin/sleep', pseudo: 0,
  });
  // The executable's text segment: offset 0x2000 in decimal.
  assert.equal(rows[1]?.offset, '8192');
  const byPath = new Map(rows.map((r) => [r.path, r]));
  assert.equal(byPath.get('[heap]')?.pseudo, 1);
  assert.equal(byPath.get('[vdso]')?.pseudo, 1);
  assert.equal(byPath.get('[vsyscall]')?.start, '0xffffffffff600000');
  assert.equal(byPath.get('/usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache')?.permissions, 'r--s');
  const anonymous = rows.filter((r) => r.path === '');
  assert.ok(anonymous.length > 0);
  assert.ok(anonymous.every((r) => r.pseudo === 0 && r.inode === '0'));
});

const lineCases: Array<{ name: string; line: string; expected: Partial<ReturnType<typeof parseProcMaps>[number]> | undefined }> = [
  { name: 'keeps only the first word of a path with spaces (as osquery)', line: '7f3a1d600000-7f3a1d601000 r--p 00000000 08:01 2490377   /opt/My App/lib/libfoo.so', expected: { path: '/opt/My', pseudo: 0 } },
  { name: 'drops the (deleted) marker with the rest of the path', line: '7f3a1d700000-7f3a1d701000 r--p 00000000 08:01 2490399   /usr/lib/libold.so (deleted)', expected: { path: '/usr/lib/libold.so' } },
  { name: 'marks a named inode-0 region pseudo', line: '7ffc0a5e1000-7ffc0a602000 rw-p 00000000 00:00 0   [stack]', expected: { path: '[stack]', pseudo: 1 } },
  { name: 'leaves an anonymous region unnamed and not pseudo', line: '7f3a1c000000-7f3a1c021000 rw-p 00000000 00:00 0 ', expected: { path: '', pseudo: 0, inode: '0' } },
  { name: 'gives -1 for an offset beyond int64', line: '7f3a1d800000-7f3a1d801000 r--p fffffffffffff000 00:05 1024 /dev/mem', expected: { offset: '-1' } },
  { name: 'converts a large hex offset exactly', line: '7f3a1d800000-7f3a1d801000 r--p 7ffffffffffff000 00:05 1024 /dev/mem', expected: { offset: '9223372036854771712' } },
  { name: 'skips a line without an address range', line: '7f3a1d900000 r--p 00000000 00:00 0 [bad-range]', expected: undefined },
  { name: 'skips a line with fewer than five fields', line: 'truncated line', expected: undefined },
];

for (const c of lineCases) {
  test(`parseProcMaps ${c.name}`, () => {
    const [row, ...rest] = parseProcMaps(c.line + '\n');
    assert.equal(rest.length, 0);
    if (c.expected === undefined) assert.equal(row, undefined);
    else for (const [k, v] of Object.entries(c.expected)) assert.equal(row?.[k as keyof typeof row], v, k);
  });
}
