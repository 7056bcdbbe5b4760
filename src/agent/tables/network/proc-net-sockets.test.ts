import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  AF_INET,
  AF_INET6,
  AF_PACKET,
  AF_UNIX,
  decodeTcpState,
  parseInetSocketList,
  parsePacketSocketList,
  parseUnixSocketList,
  type SocketInfo,
} from './proc-net-sockets.js';

// Captured on an x86-64 (little-endian) host while a script held these sockets open.
const fixture = (name: string): string => readFileSync(new URL(`./testdata/proc-net/${name}`, import.meta.url), 'utf8');
const ns = '4026531840';
const inet = (file: string, family: number, protocol: number): SocketInfo[] | undefined =>
  parseInetSocketList(fixture(file), { family, protocol, netNamespace: ns, wordOrder: 'LE' });

/** The columns that matter per socket, in list order. */
function brief(list: readonly SocketInfo[] | undefined): string[] {
  return (list ?? []).map((s) => `${s.socket} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort} ${s.state}`.trimEnd());
}

test('parseInetSocketList decodes /proc/net/tcp with osquery state names', () => {
  assert.deepEqual(brief(inet('tcp', AF_INET, 6)), [
    '74926 127.0.0.1:8080 0.0.0.0:0 LISTEN',
    '1223 0.0.0.0:2024 0.0.0.0:0 LISTEN',
    '0 127.0.0.1:42306 127.0.0.1:40143 TIME_WAIT',
    '0 127.0.0.1:40750 127.0.0.1:44177 TIME_WAIT',
    '74927 127.0.0.1:56412 127.0.0.1:8080 ESTABLISHED',
    '0 127.0.0.1:48774 127.0.0.1:38909 TIME_WAIT',
    '74928 127.0.0.1:8080 127.0.0.1:56412 ESTABLISHED',
  ]);
  const first = inet('tcp', AF_INET, 6)?.[0];
  assert.deepEqual(first, {
    socket: '74926', family: AF_INET, protocol: 6, localAddress: '127.0.0.1', localPort: 8080,
    remoteAddress: '0.0.0.0', remotePort: 0, path: '', state: 'LISTEN', netNamespace: ns,
  });
});

test('parseInetSocketList decodes /proc/net/tcp6 including IPv4-mapped peers', () => {
  assert.deepEqual(brief(inet('tcp6', AF_INET6, 6)), [
    '74929 :::8443 :::0 LISTEN',
    '74932 ::1:9000 :::0 LISTEN',
    '74931 ::ffff:127.0.0.1:8443 ::ffff:127.0.0.1:38830 ESTABLISHED',
    '74930 ::ffff:127.0.0.1:38830 ::ffff:127.0.0.1:8443 ESTABLISHED',
  ]);
});

test('parseInetSocketList gives UDP and raw sockets no state', () => {
  assert.deepEqual(brief(inet('udp', AF_INET, 17)), ['74933 0.0.0.0:5353 0.0.0.0:0', '74934 127.0.0.1:57540 127.0.0.1:5353']);
  assert.deepEqual(brief(inet('udp6', AF_INET6, 17)), ['74935 ::1:5354 :::0']);
  // For raw sockets the kernel prints the IP protocol where the port would be.
  assert.deepEqual(brief(inet('raw', AF_INET, 255)), ['74936 0.0.0.0:1 0.0.0.0:0']);
  assert.deepEqual(brief(inet('raw6', AF_INET6, 255)), ['74937 :::58 :::0']);
  assert.equal(inet('raw', AF_INET, 255)?.[0]?.protocol, 255);
});

test('parseUnixSocketList keeps paths, abstract names and anonymous sockets', () => {
  const list = parseUnixSocketList(fixture('unix'), ns) ?? [];
  assert.deepEqual(
    list.map((s) => [s.socket, s.path]),
    [['74939', '/run/wp-fixture.sock'], ['1219', ''], ['74941', ''], ['1220', ''], ['74942', '/run/wp-fixture.sock'], ['74940', '@wp-abstract']],
  );
  assert.ok(list.every((s) => s.family === AF_UNIX && s.protocol === 0 && s.state === '' && s.localPort === 0 && s.netNamespace === ns));
});

test('parsePacketSocketList reads the protocol and inode, state NONE', () => {
  assert.deepEqual(parsePacketSocketList(fixture('packet'), ns), [
    { socket: '74938', family: AF_PACKET, protocol: 3, localAddress: '', localPort: 0, remoteAddress: '', remotePort: 0, path: '', state: 'NONE', netNamespace: ns },
  ]);
});

const malformed: ReadonlyArray<{ name: string; run: () => unknown; expected: unknown }> = [
  { name: 'a wrong header rejects the inet file', run: () => parseInetSocketList('garbage\n 0: 0100007F:1F90 00000000:0000 0A', { family: AF_INET, protocol: 6, netNamespace: ns }), expected: undefined },
  { name: 'a wrong header rejects the unix file', run: () => parseUnixSocketList(fixture('tcp'), ns), expected: undefined },
  { name: 'an empty inet file is rejected', run: () => parseInetSocketList('', { family: AF_INET, protocol: 6, netNamespace: ns }), expected: undefined },
  {
    name: 'short lines and bad address pairs are skipped',
    run: () =>
      brief(parseInetSocketList(
        '  sl  local_address rem_address   st\n 0: 0100007F:1F90 00000000:0000 0A\n 1: 0100007F 00000000:0000 0A 0 0 0 0 0 5\n 2: 0100007F:0050 00000000:0000 0C 00000000:00000000 00:00000000 00000000 0 0 77 1\n',
        { family: AF_INET, protocol: 6, netNamespace: ns, wordOrder: 'LE' },
      )),
    expected: ['77 127.0.0.1:80 0.0.0.0:0 UNKNOWN'],
  },
  { name: 'unix lines with fewer than seven fields are skipped', run: () => parseUnixSocketList('Num RefCount\n0: 2 0 0 1 1\n', ns), expected: [] },
];

for (const c of malformed) {
  test(`socket list parsers: ${c.name}`, () => assert.deepEqual(c.run(), c.expected));
}

test('decodeTcpState maps kernel numbers to osquery names', () => {
  assert.deepEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '0A', '0B'].map(decodeTcpState), [
    'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSED', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING',
  ]);
  assert.deepEqual(['00', '0C', 'x1'].map(decodeTcpState), ['UNKNOWN', 'UNKNOWN', 'UNKNOWN']);
});
