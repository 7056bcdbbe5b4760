import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { processOpenSocketsTable } from './process-open-sockets.js';
import { listeningPortsTable } from './listening-ports.js';
import { createFixtureTree, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import type { Constraint, Row } from '../table.js';

const nsA = '4026531840';
const nsB = '4026532999';
const fixture = (name: string): string => readFileSync(new URL(`./testdata/proc-net/${name}`, import.meta.url), 'utf8');
const netFiles = ['tcp', 'tcp6', 'udp', 'udp6', 'raw', 'raw6', 'packet', 'unix'];

/**
 * A /proc with three processes: 4242 holds the fixture's sockets (fds from
 * fds.txt), 4243 shares the 8080 listener and lives in the same namespace
 * (its own net/tcp must not be read), 999 lives in another namespace with
 * one listener.
 */
function buildProc(): FixtureTree {
  const files: Record<string, string> = {};
  const links: Record<string, string> = {};
  for (const f of netFiles) files[`proc/4242/net/${f}`] = fixture(f);
  for (const line of fixture('fds.txt').trim().split('\n')) {
    const [fd, inode] = line.split(' ');
    links[`proc/4242/fd/${fd}`] = `socket:[${inode}]`;
  }
  links['proc/4242/fd/0'] = '/dev/null';
  links['proc/4242/ns/net'] = `net:[${nsA}]`;
  links['proc/4243/fd/3'] = 'socket:[74926]';
  links['proc/4243/fd/1'] = 'pipe:[5]';
  links['proc/4243/ns/net'] = `net:[${nsA}]`;
  files['proc/4243/net/tcp'] = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 55555 1\n';
  links['proc/999/fd/5'] = 'socket:[88001]';
  links['proc/999/ns/net'] = `net:[${nsB}]`;
  files['proc/999/net/tcp'] = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 88001 1\n';
  files['proc/999/net/unix'] = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
  return createFixtureTree({ files, links });
}

let tree: FixtureTree;
before(() => {
  tree = buildProc();
});
after(() => tree.remove());

function sockets(pid?: string | number): Row[] {
  const constraints: Record<string, Constraint[]> = pid === undefined ? {} : { pid: [{ op: '=', value: pid }] };
  return runGenerator(processOpenSocketsTable, { paths: { root: tree.root }, constraints }).rows;
}

const bySocket = (rows: readonly Row[], socket: string): Row | undefined => rows.find((r) => r.socket === socket);

test('process_open_sockets lists every socket of each namespace once, with owners', () => {
  const rows = sockets();
  assert.equal(rows.length, 24, 'namespace A read once (23 sockets) plus namespace B (1)');
  assert.equal(bySocket(rows, '55555'), undefined, 'a second process in namespace A does not cause a second read');
  assert.deepEqual(bySocket(rows, '74927'), {
    pid: '4242', fd: '4', socket: '74927', family: 2, protocol: 6, local_address: '127.0.0.1', remote_address: '127.0.0.1',
    local_port: 56412, remote_port: 8080, path: '', state: 'ESTABLISHED', net_namespace: nsA,
  });
  assert.deepEqual(bySocket(rows, '88001'), {
    pid: '999', fd: '5', socket: '88001', family: 2, protocol: 6, local_address: '0.0.0.0', remote_address: '0.0.0.0',
    local_port: 80, remote_port: 0, path: '', state: 'LISTEN', net_namespace: nsB,
  });
  assert.deepEqual([bySocket(rows, '1223')?.pid, bySocket(rows, '1223')?.fd], ['-1', '-1'], 'unowned sockets get -1');
  assert.equal(rows.filter((r) => r.socket === '0').length, 3, 'TIME_WAIT entries (inode 0) are kept');
});

test('process_open_sockets gives a shared socket to the last pid in string order', () => {
  const row = bySocket(sockets(), '74926');
  assert.deepEqual([row?.pid, row?.fd], ['4243', '3']);
});

test('process_open_sockets describes unix, raw and packet sockets as osquery does', () => {
  const rows = sockets();
  assert.deepEqual(bySocket(rows, '74940'), {
    pid: '4242', fd: '18', socket: '74940', family: 1, protocol: 0, local_address: '', remote_address: '',
    local_port: 0, remote_port: 0, path: '@wp-abstract', state: '', net_namespace: nsA,
  });
  assert.deepEqual([bySocket(rows, '74938')?.family, bySocket(rows, '74938')?.protocol, bySocket(rows, '74938')?.state], [17, 3, 'NONE']);
  assert.deepEqual([bySocket(rows, '74937')?.local_address, bySocket(rows, '74937')?.local_port, bySocket(rows, '74937')?.protocol], ['::', 58, 255]);
});

const filters: ReadonlyArray<{ name: string; pid: string | number; count: number; check?: (rows: Row[]) => void }> = [
  {
    name: 'pid = 4242 reads only that process and keeps only its sockets',
    pid: 4242,
    count: 17,
    check: (rows) => {
      assert.ok(rows.every((r) => r.pid === '4242'));
      assert.equal(bySocket(rows, '74926')?.fd, '3', 'with 4243 unread, 4242 owns the shared listener');
    },
  },
  { name: 'pid = 999 returns its namespace socket', pid: '999', count: 1 },
  { name: 'pid = -1 means no filter, as in osquery', pid: -1, count: 24 },
  { name: 'a non-numeric pid matches nothing', pid: 'abc', count: 0 },
  { name: 'a pid without /proc entry matches nothing', pid: 31337, count: 0 },
];

for (const f of filters) {
  test(`process_open_sockets ${f.name}`, () => {
    const rows = sockets(f.pid);
    assert.equal(rows.length, f.count);
    f.check?.(rows);
  });
}

test('listening_ports keeps sockets without a peer and named unix sockets', () => {
  const { rows } = runGenerator(listeningPortsTable, { paths: { root: tree.root } });
  const brief = rows.map((r) => `${r.pid} ${r.family}/${r.protocol} ${r.address ?? ''}:${r.port} socket=${r.socket} fd=${r.fd} ${r.path ?? ''}`.trimEnd());
  assert.deepEqual(brief, [
    '4243 2/6 127.0.0.1:8080 socket=74926 fd=3',
    '-1 2/6 0.0.0.0:2024 socket=1223 fd=-1',
    '4242 10/6 :::8443 socket=74929 fd=6',
    '4242 10/6 ::1:9000 socket=74932 fd=9',
    '4242 2/17 0.0.0.0:5353 socket=74933 fd=11',
    '4242 10/17 ::1:5354 socket=74935 fd=13',
    '4242 2/255 0.0.0.0:1 socket=74936 fd=14',
    '4242 10/255 :::58 socket=74937 fd=15',
    '4242 1/0 :0 socket=0 fd=17 /run/wp-fixture.sock',
    '4242 1/0 :0 socket=0 fd=20 /run/wp-fixture.sock',
    '4242 1/0 :0 socket=0 fd=18 @wp-abstract',
    '4242 17/3 :0 socket=74938 fd=16',
    '999 2/6 0.0.0.0:80 socket=88001 fd=5',
  ]);
  assert.ok(rows.every((r) => r.net_namespace === (r.pid === '999' ? nsB : nsA)));
});
