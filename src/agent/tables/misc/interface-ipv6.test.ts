import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { buildIpv6Row, interfaceIpv6Table, type Ipv6ConfReader } from './interface-ipv6.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));

type Settings = Record<string, Partial<Record<Parameters<Ipv6ConfReader>[1], number>>>;

function reader(settings: Settings): Ipv6ConfReader {
  return (iface, column) => settings[iface]?.[column] ?? -1;
}

const cases: Array<{ name: string; settings: Settings; expected: { redirect_accept: number; rtadv_accept: number } }> = [
  {
    name: 'ORs redirects with all on a host (non-forwarding) interface',
    settings: { all: { redirect_accept: 0 }, if0: { forwarding_enabled: 0, redirect_accept: 1, rtadv_accept: 1 } },
    expected: { redirect_accept: 1, rtadv_accept: 1 },
  },
  {
    name: 'ANDs redirects with all on a forwarding interface and refuses RAs unless accept_ra is 2',
    settings: { all: { redirect_accept: 1 }, if0: { forwarding_enabled: 1, redirect_accept: 0, rtadv_accept: 1 } },
    expected: { redirect_accept: 0, rtadv_accept: 0 },
  },
  {
    name: 'accepts RAs on a forwarding interface when accept_ra is 2',
    settings: { all: { redirect_accept: 1 }, if0: { forwarding_enabled: 1, redirect_accept: 1, rtadv_accept: 2 } },
    expected: { redirect_accept: 1, rtadv_accept: 1 },
  },
  {
    name: 'treats a missing value (-1) as true, as osquery C++ does',
    settings: { all: { redirect_accept: 1 } },
    expected: { redirect_accept: 1, rtadv_accept: 0 },
  },
];
for (const c of cases) {
  test(`buildIpv6Row ${c.name}`, () => {
    const row = buildIpv6Row('if0', reader(c.settings));
    assert.deepEqual({ redirect_accept: row.redirect_accept, rtadv_accept: row.rtadv_accept }, c.expected);
  });
}

test('interface_ipv6 lists the fixture interfaces in ifindex order with effective settings', () => {
  assert.deepEqual(runGenerator(interfaceIpv6Table, { paths: { root } }).rows, [
    { interface: 'lo', hop_limit: 64, forwarding_enabled: 0, redirect_accept: 1, rtadv_accept: 1 },
    { interface: 'eth0', hop_limit: 255, forwarding_enabled: 1, redirect_accept: 0, rtadv_accept: 1 },
    { interface: 'wg0', hop_limit: -1, forwarding_enabled: -1, redirect_accept: 1, rtadv_accept: 0 },
  ]);
});

test('interface_ipv6 has osquery column shapes on this host', () => {
  const { rows } = runGenerator(interfaceIpv6Table);
  assert.ok(rows.some((r) => r.interface === 'lo'));
  const withIpv6 = rows.filter((r) => r.hop_limit !== -1);
  assert.deepEqual(
    validateRows('interface_ipv6', withIpv6, {
      interface: 'NonEmptyString',
      hop_limit: (v) => /^\d+$/.test(v) && Number(v) <= 255,
      forwarding_enabled: 'Bool',
      redirect_accept: 'Bool',
      rtadv_accept: 'Bool',
    }),
    [],
  );
});
