import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseGroup, parseId, parsePasswd, toSignedId } from './etc-passwd.js';

const fixture = (name: string): string => readFileSync(new URL(`../system/testdata/ubuntu-host/etc/${name}`, import.meta.url), 'utf8');

test('parsePasswd reads the fixture like fgetpwent: comments, blanks, bad uids and NIS lines skipped', () => {
  const entries = parsePasswd(fixture('passwd'));
  assert.deepEqual(
    entries.map((e) => e.name),
    ['root', 'daemon', 'bin', 'www-data', 'nobody', 'alice', 'bob', 'toor', 'svc-big', 'short'],
  );
  assert.deepEqual(entries.find((e) => e.name === 'alice'), {
    name: 'alice', uid: 1000, gid: 1000, gecos: 'Alice Example,Room 42,555-0100,,', dir: '/home/alice', shell: '/bin/bash',
  });
  assert.deepEqual(entries.find((e) => e.name === 'short'), { name: 'short', uid: 1003, gid: 1003, gecos: '', dir: '', shell: '' });
  assert.equal(entries.find((e) => e.name === 'svc-big')?.uid, 4294967294);
});

test('parseGroup reads members, trims them and skips a non-numeric gid', () => {
  const groups = parseGroup(fixture('group'));
  assert.deepEqual(groups.find((g) => g.name === 'users'), { name: 'users', gid: 100, members: ['alice', 'bob'] });
  assert.deepEqual(groups.find((g) => g.name === 'sudo')?.members, ['alice', 'bob']);
  assert.deepEqual(groups.find((g) => g.name === 'root')?.members, []);
  assert.equal(groups.some((g) => g.name === 'broken'), false);
  assert.equal(groups.length, 13);
});

const lineCases: Array<{ name: string; line: string; expected: unknown }> = [
  { name: 'the shell keeps colons', line: 'u:x:5:5:g:/h:/bin/sh -c "a:b"', expected: { shell: '/bin/sh -c "a:b"' } },
  { name: 'a missing gid drops the line', line: 'u:x:5', expected: undefined },
  { name: 'an empty uid drops the line', line: 'u:x::5:g:/h:/bin/sh', expected: undefined },
  { name: 'leading blanks are ignored', line: '  u:x:5:6:g:/h:/bin/sh', expected: { name: 'u', gid: 6 } },
];
for (const c of lineCases) {
  test(`parsePasswd: ${c.name}`, () => {
    const [entry] = parsePasswd(`${c.line}\n`);
    if (c.expected === undefined) assert.equal(entry, undefined);
    else assert.deepEqual({ ...entry, ...(c.expected as object) }, entry);
  });
}

test('parseId wraps like strtoul into uid_t and toSignedId gives the int32 view', () => {
  assert.equal(parseId('0'), 0);
  assert.equal(parseId('-1'), 4294967295);
  assert.equal(parseId('4294967296'), 0);
  assert.equal(parseId('12abc'), undefined);
  assert.equal(parseId(''), undefined);
  assert.equal(toSignedId(4294967294), -2);
  assert.equal(toSignedId(1000), 1000);
});
