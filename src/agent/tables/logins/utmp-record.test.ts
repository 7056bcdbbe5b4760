import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUtmpRecord, readUtmpFile, utmpRecordBytes, type UtmpRecord } from './utmp-record.js';
import { encodeUtmpFile, encodeUtmpRecord, type UtmpRecordInput } from './utmp-writer.js';

const testdata = new URL('./testdata/', import.meta.url).pathname;

function withTempFile(bytes: Buffer | undefined, body: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'wp-utmp-'));
  try {
    const path = join(dir, 'utmp');
    if (bytes) writeFileSync(path, bytes);
    body(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function plain(record: UtmpRecord): Record<string, unknown> {
  return { ...record, addrV6: [...record.addrV6] };
}

test('parseUtmpRecord reads the fields at their glibc offsets (real sshd wtmp record)', () => {
  const [login, logout] = [...readUtmpFile(join(testdata, 'sshd-session.wtmp'))];
  assert.deepEqual(plain(login!), {
    type: 7, pid: 8481, line: 'pts/0', id: 'ts/0', user: 'wpsshtest', host: '127.0.0.1',
    exitTermination: 0, exitStatus: 0, session: 0, tvSec: 1796318931, tvUsec: 746398,
    addrV6: [127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  });
  assert.deepEqual([logout!.type, logout!.pid, logout!.line, logout!.user, logout!.host, logout!.tvSec], [8, 8481, 'pts/0', '', '', 1796318934]);
});

const roundTrips: ReadonlyArray<{ name: string; input: UtmpRecordInput; expect: Partial<UtmpRecord> }> = [
  {
    name: 'every field survives encode → parse',
    input: {
      type: 7, pid: 4242, line: 'pts/7', id: 'ts/7', user: 'alice', host: 'bastion.example.org', exitTermination: 3,
      exitStatus: 255, session: 99, tvSec: 1_700_000_000, tvUsec: 999_999, addrV6: [32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    },
    expect: {
      type: 7, pid: 4242, line: 'pts/7', id: 'ts/7', user: 'alice', host: 'bastion.example.org', exitTermination: 3,
      exitStatus: 255, session: 99, tvSec: 1_700_000_000, tvUsec: 999_999,
    },
  },
  { name: 'an all-zero record is EMPTY with empty strings', input: {}, expect: { type: 0, pid: 0, line: '', id: '', user: '', host: '', tvSec: 0 } },
  { name: 'signed fields read negative values', input: { type: -1, pid: -5, tvSec: -86_400, exitStatus: -2 }, expect: { type: -1, pid: -5, tvSec: -86_400, exitStatus: -2 } },
  { name: 'int32 limits', input: { pid: 2_147_483_647, tvSec: -2_147_483_648 }, expect: { pid: 2_147_483_647, tvSec: -2_147_483_648 } },
  {
    name: 'a value filling its field has no NUL and does not run into the next field',
    input: { line: 'l'.repeat(32), id: 'abcd', user: 'u'.repeat(32), host: 'h'.repeat(256) },
    expect: { line: 'l'.repeat(32), id: 'abcd', user: 'u'.repeat(32), host: 'h'.repeat(256) },
  },
  { name: 'a value longer than its field is cut at the field size', input: { user: 'x'.repeat(40), host: 'next' }, expect: { user: 'x'.repeat(32), host: 'next' } },
  { name: 'text stops at the first NUL; bytes after it are ignored', input: { line: 'pts/1\0garbage', user: 'bob\0\x01\x02' }, expect: { line: 'pts/1', user: 'bob' } },
  { name: 'UTF-8 host names decode', input: { host: 'münchen.example' }, expect: { host: 'münchen.example' } },
];

for (const c of roundTrips) {
  test(`parseUtmpRecord: ${c.name}`, () => {
    const bytes = encodeUtmpRecord(c.input);
    assert.equal(bytes.length, utmpRecordBytes);
    const record = parseUtmpRecord(bytes);
    const picked = Object.fromEntries(Object.keys(c.expect).map((k) => [k, record[k as keyof UtmpRecord]]));
    assert.deepEqual(picked, c.expect);
    if (c.input.addrV6) assert.deepEqual([...record.addrV6], [...c.input.addrV6]);
  });
}

test('parseUtmpRecord reads a record at an offset inside a larger buffer', () => {
  const bytes = encodeUtmpFile([{ user: 'first' }, { user: 'second', pid: 2 }]);
  assert.equal(parseUtmpRecord(bytes, utmpRecordBytes).user, 'second');
});

const fileCases: ReadonlyArray<{ name: string; bytes: () => Buffer | undefined; users: string[] }> = [
  { name: 'yields nothing for a missing file', bytes: () => undefined, users: [] },
  { name: 'yields nothing for an empty file', bytes: () => Buffer.alloc(0), users: [] },
  { name: 'ignores a trailing partial record, like getutxent', bytes: () => Buffer.concat([encodeUtmpFile([{ user: 'a' }, { user: 'b' }]), encodeUtmpRecord({ user: 'c' }).subarray(0, 100)]), users: ['a', 'b'] },
  { name: 'yields nothing for a file shorter than one record', bytes: () => encodeUtmpRecord({ user: 'a' }).subarray(0, 383), users: [] },
  {
    name: 'reads records in file order across read-chunk boundaries',
    bytes: () => encodeUtmpFile(Array.from({ length: 1000 }, (_, i) => ({ user: `u${i}` }))),
    users: Array.from({ length: 1000 }, (_, i) => `u${i}`),
  },
];

for (const c of fileCases) {
  test(`readUtmpFile ${c.name}`, () => {
    withTempFile(c.bytes(), (path) => {
      assert.deepEqual([...readUtmpFile(path)].map((r) => r.user), c.users);
    });
  });
}

test('readUtmpFile yields nothing for a directory', () => {
  withTempFile(undefined, (path) => {
    mkdirSync(path);
    assert.deepEqual([...readUtmpFile(path)], []);
  });
});

test('readUtmpFile decodes util-linux utmpdump -r output', () => {
  const records = [...readUtmpFile(join(testdata, 'mixed.utmp'))];
  assert.equal(records.length, 12);
  assert.deepEqual(
    records.map((r) => [r.type, r.pid, r.user, r.line]),
    [
      [2, 0, 'reboot', '~'], [1, 51, 'runlevel', '~'], [5, 612, '', 'tty1'], [6, 612, 'LOGIN', 'tty1'],
      [7, 612, 'alice', 'tty1'], [7, 1733, 'bob', 'pts/0'], [7, 1802, 'carol', 'pts/1'], [8, 1733, '', 'pts/0'],
      [3, 0, '', '|'], [4, 0, '', '{'], [1, 1, 'runlevel', '~'], [8, 612, '', 'tty1'],
    ],
  );
  assert.equal(records[1]?.tvUsec, 123_456);
  assert.equal(records[5]?.host, '203.0.113.9');
  assert.deepEqual([...(records[5]?.addrV6 ?? [])].slice(0, 4), [203, 0, 113, 9]);
});
