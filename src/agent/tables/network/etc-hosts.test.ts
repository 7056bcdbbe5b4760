import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { etcHostsTable, parseEtcHosts } from './etc-hosts.js';
import { createFixtureTree, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const sample = readFileSync(new URL('./testdata/hosts', import.meta.url), 'utf8');
const expected = [
  { address: '127.0.0.1', hostnames: 'localhost' },
  { address: '127.0.1.1', hostnames: 'web-1.example.com web-1' },
  { address: '::1', hostnames: 'ip6-localhost ip6-loopback' },
  { address: 'fe00::0', hostnames: 'ip6-localnet' },
  { address: 'ff02::1', hostnames: 'ip6-allnodes' },
  { address: 'fe80::1%lo0', hostnames: 'localhost' },
  { address: '10.0.0.5', hostnames: 'db.internal db' },
  { address: '10.0.0.6', hostnames: 'cache.internal' },
  { address: '192.0.2.10', hostnames: '' },
];

let tree: FixtureTree;
before(() => {
  tree = createFixtureTree({
    files: { 'etc/hosts': sample, 'proc/4100/root/etc/hosts': '10.9.9.9 inside.container\r\n' },
    links: { 'proc/4100/ns/mnt': 'mnt:[4026532555]' },
    dirs: ['proc/4200/root/etc'],
  });
});
after(() => tree.remove());

test('parseEtcHosts skips comments and blank lines and joins hostnames with one space', () => {
  assert.deepEqual(parseEtcHosts(sample), expected);
});

test('etc_hosts reads /etc/hosts with pid_with_namespace 0', () => {
  const { rows } = runGenerator(etcHostsTable, { paths: { root: tree.root } });
  assert.deepEqual(rows, expected.map((r) => ({ ...r, pid_with_namespace: 0 })));
});

const namespaceCases = [
  { name: 'reads the file as the process sees it, CRLF trimmed', pids: [4100], rows: [{ address: '10.9.9.9', hostnames: 'inside.container', pid_with_namespace: 4100 }] },
  { name: 'skips a pid whose mount namespace cannot be read', pids: [4200], rows: [] },
  { name: 'skips pids without /proc entries', pids: [4300, 4100], rows: [{ address: '10.9.9.9', hostnames: 'inside.container', pid_with_namespace: 4100 }] },
] as const;

for (const c of namespaceCases) {
  test(`etc_hosts with pid_with_namespace ${c.name}`, () => {
    const constraints = { pid_with_namespace: c.pids.map((value) => ({ op: '=' as const, value })) };
    const { rows } = runGenerator(etcHostsTable, { paths: { root: tree.root }, constraints });
    assert.deepEqual(rows, c.rows);
  });
}

test('etc_hosts on this host has osquery column shapes', () => {
  const { rows } = runGenerator(etcHostsTable);
  assert.deepEqual(validateRows('etc_hosts', rows, { address: 'NonEmptyString', hostnames: 'String', pid_with_namespace: /^0$/ }), []);
});
