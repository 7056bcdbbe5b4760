import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readFileSync } from 'node:fs';
import { buildIpv4Row, interfaceAddressesTable } from './interface-addresses.js';
import { IFF } from './sys-class-net.js';
import { createSampleNetHost, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

let host: FixtureTree;
before(() => {
  host = createSampleNetHost();
});
after(() => host.remove());

test('interface_addresses on a fixture host: IPv4 placed from fib_trie, IPv6 from if_inet6', () => {
  const { rows } = runGenerator(interfaceAddressesTable, { paths: { root: host.root } });
  assert.deepEqual(rows, [
    { interface: 'lo', address: '127.0.0.1', mask: '255.0.0.0', point_to_point: '127.0.0.1', type: 'unknown' },
    { interface: 'eth0', address: '10.0.2.15', mask: '255.255.255.0', broadcast: '10.0.2.255', type: 'unknown' },
    // docker0 has no carrier: os.networkInterfaces() would drop it, fib_trie still shows it
    { interface: 'docker0', address: '172.17.0.1', mask: '255.255.0.0', broadcast: '172.17.255.255', type: 'unknown' },
    { interface: 'wg0', address: '10.8.0.2', mask: '255.255.255.0', point_to_point: '10.8.0.2', type: 'unknown' },
    { interface: 'lo', address: '::1', mask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', type: 'unknown' },
    { interface: 'eth0', address: '2001:db8::15', mask: 'ffff:ffff:ffff:ffff::', type: 'unknown' },
    { interface: 'eth0', address: 'fe80::200:27ff:fe4e:5b9b%eth0', mask: 'ffff:ffff:ffff:ffff::', type: 'unknown' },
  ]);
});

const ipv4Cases = [
  { name: 'a broadcast device gets the prefix broadcast', prefix: 20, flags: IFF.BROADCAST, expect: { broadcast: '192.168.15.255' } },
  { name: 'a /31 has no broadcast, so glibc reports the address', prefix: 31, flags: IFF.BROADCAST, expect: { broadcast: '192.168.3.4' } },
  { name: 'a point-to-point device reports its own address as peer', prefix: 32, flags: IFF.POINTOPOINT, expect: { point_to_point: '192.168.3.4' } },
] as const;

for (const c of ipv4Cases) {
  test(`buildIpv4Row: ${c.name}`, () => {
    const row = buildIpv4Row({ interface: 'eth0:1', address: '192.168.3.4', prefixLength: c.prefix }, c.flags);
    assert.deepEqual({ broadcast: row.broadcast, point_to_point: row.point_to_point }, { broadcast: undefined, point_to_point: undefined, ...c.expect });
    assert.equal(row.interface, 'eth0:1', 'an alias label is kept as getifaddrs names it');
  });
}

test('interface_addresses on this host covers os.networkInterfaces() and /proc/net/if_inet6', () => {
  const { rows } = runGenerator(interfaceAddressesTable);
  const listed = new Set(rows.map((r) => `${r.interface} ${r.address}`));
  for (const [name, entries] of Object.entries(networkInterfaces())) {
    for (const e of entries ?? []) if (e.family === 'IPv4') assert.ok(listed.has(`${name} ${e.address}`), `${name} ${e.address} listed`);
  }
  let inet6 = '';
  try {
    inet6 = readFileSync('/proc/net/if_inet6', 'utf8');
  } catch {
    // IPv6 disabled: no file
  }
  assert.equal(rows.filter((r) => isIP(String(r.address).split('%')[0] ?? '') === 6).length, inet6.split('\n').filter((l) => l.trim()).length);
  assert.ok(rows.some((r) => r.address === '127.0.0.1' && r.interface === 'lo'));
  const ipOrEmpty = (v: string): boolean => v === '' || isIP(v.split('%')[0] ?? '') !== 0;
  assert.deepEqual(
    validateRows('interface_addresses', rows, {
      interface: 'NonEmptyString', address: (v) => isIP(v.split('%')[0] ?? '') !== 0, mask: ipOrEmpty,
      broadcast: ipOrEmpty, point_to_point: ipOrEmpty, type: /^(dhcp|manual|auto|other|unknown)$/,
    }),
    [],
  );
  assert.equal(new Set(rows.map((r) => r.address)).size, rows.length, 'addresses are unique (osquery sanity test)');
});
