import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dnsResolversTable } from './dns-resolvers.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const options = 705 | 0x4000 | 0x100000 | 0x400000;

test('dns_resolvers makes osquery rows from the fixture: name servers, sortlist, then search domains', () => {
  const { rows, warnings } = runGenerator(dnsResolversTable, { paths: { root } });
  const common = { options, pid_with_namespace: 0 };
  assert.deepEqual(rows, [
    { id: 0, type: 'nameserver', address: '10.0.0.2', netmask: '32', ...common },
    { id: 1, type: 'nameserver', address: 'fe80::1%eth0', netmask: '32', ...common },
    { id: 2, type: 'nameserver', address: '2001:db8::53', netmask: '32', ...common },
    { id: 0, type: 'sortlist', address: '130.155.160.0', netmask: '20', ...common },
    { id: 1, type: 'sortlist', address: '130.155.0.0', netmask: '16', ...common },
    { id: 2, type: 'sortlist', address: '10.1.0.0', netmask: '16', ...common },
    { id: 3, type: 'sortlist', address: '192.168.1.0', netmask: '255.0.255.0', ...common },
    { id: 0, type: 'search', address: 'corp.example.com', ...common },
    { id: 1, type: 'search', address: 'example.com', ...common },
  ]);
  assert.deepEqual(warnings, []);
});

test('dns_resolvers falls back to loopback and the host name domain when resolv.conf is missing', () => {
  const bare = fileURLToPath(new URL('./testdata/no-resolv-conf', import.meta.url));
  const { rows } = runGenerator(dnsResolversTable, { paths: { root: bare } });
  assert.deepEqual(rows, [
    { id: 0, type: 'nameserver', address: '127.0.0.1', netmask: '32', options: 705, pid_with_namespace: 0 },
    { id: 0, type: 'search', address: 'example.net', options: 705, pid_with_namespace: 0 },
  ]);
});

const liveShape = {
  id: 'NonNegativeInt',
  type: /^(nameserver|sortlist|search)$/,
  address: 'NonEmptyString',
  netmask: /^(\d+|\d+\.\d+\.\d+\.\d+)?$/,
  options: 'NonNegativeInt',
} as const;

test('dns_resolvers has osquery column shapes on this host and always a name server', () => {
  const { rows } = runGenerator(dnsResolversTable);
  assert.ok(rows.some((r) => r.type === 'nameserver'));
  assert.deepEqual(validateRows('dns_resolvers', rows, liveShape), []);
});

test('dns_resolvers with pid_with_namespace reads the process view and echoes the pid', () => {
  const { rows } = runGenerator(dnsResolversTable, { constraints: { pid_with_namespace: [{ op: '=', value: process.pid }] } });
  assert.ok(rows.length > 0);
  assert.ok(rows.every((r) => r.pid_with_namespace === process.pid));
  const host = runGenerator(dnsResolversTable).rows.map((r) => ({ ...r, pid_with_namespace: process.pid }));
  assert.deepEqual(rows, host);
});
