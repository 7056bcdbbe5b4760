import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { routesTable } from './routes.js';
import { createSampleNetHost, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import type { Row } from '../table.js';

let host: FixtureTree;
before(() => {
  host = createSampleNetHost();
});
after(() => host.remove());

/** destination/netmask type dev gateway source flags metric mtu: the columns that vary. */
function brief(rows: readonly Row[]): string[] {
  return rows.map(
    (r) => `${r.destination}/${r.netmask} ${r.type} dev=${r.interface} via=${r.gateway ?? ''} src=${r.source ?? ''} flags=${r.flags} metric=${r.metric} mtu=${r.mtu}`,
  );
}

test('routes rebuilds the netlink dump: IPv4 main, IPv4 local, then IPv6', () => {
  const { rows } = runGenerator(routesTable, { paths: { root: host.root } });
  assert.deepEqual(brief(rows), [
    '0.0.0.0/0 gateway dev=eth0 via=10.0.2.2 src= flags=0 metric=100 mtu=0',
    '10.0.2.0/24 gateway dev=eth0 via= src=10.0.2.15 flags=0 metric=100 mtu=0',
    '10.8.0.0/24 gateway dev=wg0 via= src=10.8.0.2 flags=0 metric=0 mtu=0',
    // docker0 is up without carrier: RTNH_F_LINKDOWN
    '172.17.0.0/16 gateway dev=docker0 via= src=172.17.0.1 flags=16 metric=0 mtu=0',
    // host routes have netmask 0 in osquery
    '10.0.2.2/0 gateway dev=eth0 via= src= flags=0 metric=100 mtu=1400',
    '192.168.0.0/16 other dev= via= src= flags=0 metric=0 mtu=0',
    '10.0.2.15/0 local dev=eth0 via= src=10.0.2.15 flags=0 metric=0 mtu=0',
    '10.0.2.255/0 broadcast dev=eth0 via= src=10.0.2.15 flags=0 metric=0 mtu=0',
    '10.8.0.2/0 local dev=wg0 via= src=10.8.0.2 flags=0 metric=0 mtu=0',
    '10.8.0.255/0 broadcast dev=wg0 via= src=10.8.0.2 flags=0 metric=0 mtu=0',
    '127.0.0.0/8 local dev=lo via= src=127.0.0.1 flags=0 metric=0 mtu=0',
    '127.0.0.1/0 local dev=lo via= src=127.0.0.1 flags=0 metric=0 mtu=0',
    '127.255.255.255/0 broadcast dev=lo via= src=127.0.0.1 flags=0 metric=0 mtu=0',
    '172.17.0.1/0 local dev=docker0 via= src=172.17.0.1 flags=0 metric=0 mtu=0',
    '172.17.255.255/0 broadcast dev=docker0 via= src=172.17.0.1 flags=16 metric=0 mtu=0',
    '2001:db8::/64 gateway dev=eth0 via= src= flags=0 metric=256 mtu=0',
    'fe80::/64 gateway dev=eth0 via= src= flags=0 metric=256 mtu=0',
    '::/0 gateway dev=eth0 via=fe80::1 src= flags=0 metric=1024 mtu=0',
    '::1/0 local dev=lo via= src= flags=0 metric=0 mtu=0',
    '2001:db8::15/0 local dev=eth0 via= src= flags=0 metric=0 mtu=0',
    'fe80::200:27ff:fe4e:5b9b/0 local dev=eth0 via= src= flags=0 metric=0 mtu=0',
    'ff00::/8 other dev=eth0 via= src= flags=0 metric=256 mtu=0',
  ]);
  assert.ok(rows.every((r) => r.hopcount === 0));
});

test('routes on this host have osquery column shapes and a default or connected route', () => {
  const { rows } = runGenerator(routesTable);
  assert.ok(rows.length > 0, 'a host with networking has routes');
  assert.ok(rows.some((r) => r.type === 'local'), 'the local table is listed');
  const ip = (v: string): boolean => /^[0-9.]+$/.test(v) || /^[0-9a-f:.]+$/.test(v);
  assert.deepEqual(
    validateRows('routes', rows, {
      destination: ip, netmask: (v) => /^\d+$/.test(v) && Number(v) <= 128, gateway: (v) => v === '' || ip(v),
      source: (v) => v === '' || ip(v), flags: 'Int', interface: 'String', mtu: 'Int', metric: 'Int',
      type: /^(anycast|broadcast|gateway|local|other)$/, hopcount: (v) => /^\d+$/.test(v) && Number(v) <= 255,
    }),
    [],
  );
});
