import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileIpMatcher, lineHasMatchingIp, parseIpAddr } from './ip.js';

test('parseIpAddr: IPv4 and IPv6 forms netip accepts', () => {
  assert.equal(parseIpAddr('192.168.0.1')?.value, 0xc0a80001n);
  assert.equal(parseIpAddr('01.2.3.4'), undefined);
  assert.equal(parseIpAddr('1.2.3'), undefined);
  assert.equal(parseIpAddr('::1')?.value, 1n);
  assert.equal(parseIpAddr('2001:db8::')?.value, 0x20010db8n << 96n);
  assert.equal(parseIpAddr('::ffff:1.2.3.4')?.value, (0xffffn << 32n) | 0x01020304n);
  assert.equal(parseIpAddr('1::2::3'), undefined);
});

const cases: { pattern: string; addr: string; want: boolean }[] = [
  { pattern: '192.168.0.1', addr: '192.168.0.1', want: true },
  { pattern: '192.168.0.1', addr: '192.168.0.2', want: false },
  { pattern: '192.168.0.0/16', addr: '192.168.200.1', want: true },
  { pattern: '192.168.0.0/16', addr: '192.169.0.1', want: false },
  { pattern: '192.168.0.5-192.168.0.9', addr: '192.168.0.9', want: true },
  { pattern: '192.168.0.5-192.168.0.9', addr: '192.168.0.10', want: false },
  { pattern: '2001:db8::/32', addr: '2001:db8:1::1', want: true },
  { pattern: '2001:db8::/32', addr: '192.168.0.1', want: false },
  { pattern: '::ffff:0:0/96', addr: '1.2.3.4', want: false },
];

for (const c of cases) {
  test(`compileIpMatcher(${c.pattern}) on ${c.addr} is ${c.want}`, () => {
    assert.equal(compileIpMatcher(c.pattern)(c.addr), c.want);
  });
}

test('compileIpMatcher: bad patterns fail with Loki\'s text', () => {
  for (const p of ['abc', '1.2.3.4/33', '1.2.3.9-1.2.3.1', '1.2.3.4 - 1.2.3.5']) {
    assert.throws(() => compileIpMatcher(p), { message: `ip: invalid pattern: ${JSON.stringify(p)}` });
  }
});

test('lineHasMatchingIp: finds addresses inside text as Loki scans them', () => {
  const m = compileIpMatcher('10.0.0.0/8');
  assert.equal(lineHasMatchingIp('src=10.1.2.3:443 ok', m), true);
  assert.equal(lineHasMatchingIp('version 10.1 build', m), false);
  assert.equal(lineHasMatchingIp('x11.1.2.3', m), false);
  const v6 = compileIpMatcher('fe80::/10');
  assert.equal(lineHasMatchingIp('addr fe80::1 up', v6), true);
  assert.equal(lineHasMatchingIp('addr fe80::1', v6), true);
  assert.equal(lineHasMatchingIp('', v6), false);
});
