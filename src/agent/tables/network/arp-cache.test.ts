import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { arpCacheTable, parseArpCache } from './arp-cache.js';
import { createSampleNetHost, type FixtureTree } from './fixture-tree.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

let host: FixtureTree;
before(() => {
  host = createSampleNetHost();
});
after(() => host.remove());

test('arp_cache reads /proc/net/arp; only flags 0x6 is permanent', () => {
  const { rows } = runGenerator(arpCacheTable, { paths: { root: host.root } });
  assert.deepEqual(rows, [
    { address: '10.0.2.2', mac: '52:54:00:12:35:02', interface: 'eth0', permanent: '0' },
    { address: '10.0.2.3', mac: '00:00:00:00:00:00', interface: 'eth0', permanent: '0' },
    { address: '172.17.0.5', mac: '02:42:ac:11:00:05', interface: 'docker0', permanent: '1' },
  ]);
});

test('parseArpCache skips lines without exactly six fields', () => {
  assert.deepEqual(parseArpCache('IP address HW type Flags HW address Mask Device\n10.0.0.1 0x1 0x2 aa:bb:cc:dd:ee:ff *\n\n'), []);
  assert.deepEqual(parseArpCache(''), []);
});

test('arp_cache on this host has osquery column shapes', () => {
  const { rows } = runGenerator(arpCacheTable);
  assert.deepEqual(
    validateRows('arp_cache', rows, {
      address: (v) => isIP(v) === 4, mac: /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, interface: 'NonEmptyString', permanent: 'Bool',
    }),
    [],
  );
});
