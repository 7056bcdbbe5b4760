import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseIpv6Route, parseProcRoute } from './proc-routes.js';
import { parseFibTrie } from './fib-trie.js';
import { parseIfInet6, sortInet6Addresses } from './if-inet6.js';
import { formatIpv6 } from './inet-format.js';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/proc-route/${name}`, import.meta.url), 'utf8');

test('parseProcRoute decodes /proc/net/route (IPv4 main table)', () => {
  const brief = parseProcRoute(fixture('route'), 'LE').map(
    (r) => `${r.destination}/${r.prefixLength} via=${r.gateway} dev=${r.interface} metric=${r.metric} mtu=${r.mtu} ${r.kind}`,
  );
  assert.deepEqual(brief, [
    '0.0.0.0/0 via=10.0.2.2 dev=eth0 metric=100 mtu=0 unicast',
    '10.0.2.0/24 via= dev=eth0 metric=100 mtu=0 unicast',
    '10.8.0.0/24 via= dev=wg0 metric=0 mtu=0 unicast',
    '172.17.0.0/16 via= dev=docker0 metric=0 mtu=0 unicast',
    '10.0.2.2/32 via= dev=eth0 metric=100 mtu=1400 unicast',
    '192.168.0.0/16 via= dev= metric=0 mtu=0 reject',
  ]);
});

test('parseIpv6Route decodes every table and drops the null route', () => {
  const brief = parseIpv6Route(fixture('ipv6_route')).map(
    (r) => `${r.destination}/${r.prefixLength} via=${r.gateway} dev=${r.interface} metric=${r.metric} ${r.kind}`,
  );
  assert.deepEqual(brief, [
    '2001:db8::/64 via= dev=eth0 metric=256 unicast',
    'fe80::/64 via= dev=eth0 metric=256 unicast',
    '::/0 via=fe80::1 dev=eth0 metric=1024 unicast',
    '::1/128 via= dev=lo metric=0 local',
    '2001:db8::15/128 via= dev=eth0 metric=0 local',
    'fe80::200:27ff:fe4e:5b9b/128 via= dev=eth0 metric=0 local',
    'ff00::/8 via= dev=eth0 metric=256 multicast',
  ]);
});

test('route parsers skip malformed lines', () => {
  assert.deepEqual(parseProcRoute('Iface\tDestination\neth0\t0002000A\t00000000\n\nbad line with many fields but no hex x y z w v\n', 'LE'), []);
  assert.deepEqual(parseIpv6Route('short line\n' + 'zz'.repeat(16) + ' 40 ' + '0'.repeat(32) + ' 00 ' + '0'.repeat(32) + ' 0 0 0 1 eth0\n'), []);
});

test('parseFibTrie reads leaves and their aliases per table', () => {
  const entries = parseFibTrie(fixture('fib_trie'));
  const local = entries.filter((e) => e.table === 'Local');
  assert.equal(entries.length, local.length * 2, 'the merged trie is printed under Main and Local');
  assert.deepEqual(
    local.filter((e) => e.type !== 'UNICAST').map((e) => `${e.address}/${e.prefixLength} ${e.scope} ${e.type}`),
    [
      '10.0.2.15/32 host LOCAL',
      '10.0.2.255/32 link BROADCAST',
      '10.8.0.2/32 host LOCAL',
      '10.8.0.255/32 link BROADCAST',
      '127.0.0.0/8 host LOCAL',
      '127.0.0.1/32 host LOCAL',
      '127.255.255.255/32 link BROADCAST',
      '172.17.0.1/32 host LOCAL',
      '172.17.255.255/32 link BROADCAST',
      '192.168.0.0/16 universe UNREACHABLE',
    ],
  );
});

test('parseIfInet6 reads addresses and sortInet6Addresses puts them in netlink order', () => {
  const parsed = parseIfInet6(fixture('if_inet6') + 'not a line\n');
  assert.equal(parsed.length, 3);
  assert.deepEqual(
    sortInet6Addresses(parsed).map((a) => `${a.interface}#${a.ifindex} ${formatIpv6(a.bytes)}/${a.prefixLength} scope=${a.scope}`),
    ['lo#1 ::1/128 scope=16', 'eth0#2 2001:db8::15/64 scope=0', 'eth0#2 fe80::200:27ff:fe4e:5b9b/64 scope=32'],
  );
});
