import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { computeLinkFlags, formatMac, interfaceDetailsTable } from './interface-details.js';
import { IFF } from './sys-class-net.js';
import { createSampleNetHost, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

let host: FixtureTree;
before(() => {
  host = createSampleNetHost();
});
after(() => host.remove());

test('interface_details on a fixture sysfs: one row per device in ifindex order', () => {
  const { rows } = runGenerator(interfaceDetailsTable, { paths: { root: host.root } });
  const brief = rows.map((r) => [r.interface, r.mac, r.type, r.mtu, r.flags, r.link_speed, r.pci_slot, r.ibytes].join(' '));
  assert.deepEqual(brief, [
    'lo 00:00:00:00:00:00 4 65536 65609 0 -1 66591',
    'eth0 08:00:27:4e:5b:9b 1 1500 69699 1000 0000:00:03.0 5000000000',
    'docker0 02:42:8f:1a:2b:3c 1 1500 4099 0 N/A 0',
    'wg0 00:00:00:00:00:00 254 1420 65745 0  1480',
  ]);
  const eth0 = rows[1];
  assert.deepEqual(
    [eth0?.ipackets, eth0?.opackets, eth0?.obytes, eth0?.ierrors, eth0?.oerrors, eth0?.idrops, eth0?.odrops, eth0?.collisions],
    ['4100000', '2000000', '300000000', '1', '2', '3', '4', '0'],
  );
  assert.ok(rows.every((r) => r.metric === 0 && r.last_change === -1));
});

test('interface_details skips link_speed when the column is not used', () => {
  const { rows } = runGenerator(interfaceDetailsTable, { paths: { root: host.root }, usedColumns: ['interface', 'flags'] });
  assert.equal(rows.find((r) => r.interface === 'eth0')?.link_speed, 0);
});

const macCases: ReadonlyArray<[string, string]> = [
  ['08:00:27:4e:5b:9b', '08:00:27:4e:5b:9b'],
  ['', '00:00:00:00:00:00'],
  ['0a:00:00:01', '0a:00:00:01:00:00'],
  ['80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:bc:de', '80:00:02:08:fe:80'],
];
for (const [sysfs, mac] of macCases) {
  test(`formatMac(${JSON.stringify(sysfs)}) keeps the first six bytes`, () => assert.equal(formatMac(sysfs), mac));
}

const flagCases = [
  { name: 'up with carrier: RUNNING and LOWER_UP', flags: 0x1003, state: { operstate: 'up', carrier: '1' }, expect: 0x1003 | IFF.RUNNING | IFF.LOWER_UP },
  { name: 'up without carrier: neither', flags: 0x1003, state: { operstate: 'down', carrier: '0' }, expect: 0x1003 },
  { name: 'down: no link bits even if sysfs had them', flags: 0x1002 | IFF.RUNNING, state: { operstate: 'down' }, expect: 0x1002 },
  { name: 'dormant', flags: 0x1003, state: { operstate: 'dormant', carrier: '1', dormant: '1' }, expect: 0x1003 | IFF.LOWER_UP | IFF.DORMANT },
  { name: 'promiscuous comes from sysfs', flags: 0x1103, state: { operstate: 'up', carrier: '1' }, expect: 0x1103 | IFF.RUNNING | IFF.LOWER_UP },
] as const;
for (const c of flagCases) {
  test(`computeLinkFlags: ${c.name}`, () => assert.equal(computeLinkFlags(c.flags, c.state), c.expect));
}

test('interface_details on this host has one row per device with osquery column shapes', () => {
  const { rows } = runGenerator(interfaceDetailsTable);
  const devices = readdirSync('/sys/class/net').filter((n) => n !== 'bonding_masters');
  assert.deepEqual(rows.map((r) => r.interface).sort(), devices.sort());
  const lo = rows.find((r) => r.interface === 'lo');
  assert.deepEqual([lo?.type, lo?.mac, Number(lo?.flags) & IFF.LOOPBACK], [4, '00:00:00:00:00:00', IFF.LOOPBACK]);
  assert.deepEqual(
    validateRows('interface_details', rows, {
      interface: 'NonEmptyString', mac: /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, type: 'NonNegativeInt', mtu: 'NonNegativeInt',
      metric: 'NonNegativeInt', flags: 'NonNegativeInt', ipackets: 'NonNegativeOrEmptyInt', opackets: 'NonNegativeOrEmptyInt',
      ibytes: 'NonNegativeOrEmptyInt', obytes: 'NonNegativeOrEmptyInt', ierrors: 'NonNegativeOrEmptyInt',
      oerrors: 'NonNegativeOrEmptyInt', idrops: 'NonNegativeOrEmptyInt', odrops: 'NonNegativeOrEmptyInt',
      collisions: 'NonNegativeOrEmptyInt', last_change: 'Int', link_speed: 'NonNegativeInt', pci_slot: 'String',
    }),
    [],
  );
});
