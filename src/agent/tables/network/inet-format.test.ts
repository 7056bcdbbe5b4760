import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countMaskBits,
  decodeHexShort,
  decodeProcIpv4,
  decodeProcIpv6,
  formatIpv4,
  formatIpv6,
  isLinkLocalIpv6,
  parseHexBytes,
  prefixToMaskBytes,
} from './inet-format.js';

// Expected texts are glibc inet_ntop's (checked with Python's socket.inet_ntop).
const ipv6Cases: ReadonlyArray<[hex: string, text: string]> = [
  ['00000000000000000000000000000000', '::'],
  ['00000000000000000000000000000001', '::1'],
  ['00010000000000000000000000000000', '1::'],
  ['20010db8000000000000000000000001', '2001:db8::1'],
  ['20010db8000000010001000100010001', '2001:db8:0:1:1:1:1:1'],
  ['20010000000000010000000000000001', '2001:0:0:1::1'],
  ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
  ['00000000000100000000000000000000', '0:0:1::'],
  ['00000000000000010000000000000001', '::1:0:0:0:1'],
  ['00000000000000000000ffff7f000001', '::ffff:127.0.0.1'],
  ['00000000000000000000000001020304', '::1.2.3.4'],
  ['0000000000000000ffff000001020304', '::ffff:0:102:304'],
  ['fe800000000000000a0027fffe4e5b9b', 'fe80::a00:27ff:fe4e:5b9b'],
];

for (const [hex, text] of ipv6Cases) {
  test(`formatIpv6 prints ${text} as glibc does`, () => {
    const bytes = parseHexBytes(hex, 16);
    assert.ok(bytes);
    assert.equal(formatIpv6(bytes), text);
  });
}

test('decodeProcIpv4 reads host-order words', () => {
  assert.equal(decodeProcIpv4('0100007F', 'LE'), '127.0.0.1');
  assert.equal(decodeProcIpv4('7F000001', 'BE'), '127.0.0.1');
  assert.equal(decodeProcIpv4('000200C0', 'LE'), '192.0.2.0');
});

test('decodeProcIpv6 reads four host-order words, IPv4-mapped kept dotted', () => {
  assert.equal(decodeProcIpv6('0000000000000000FFFF00000100007F', 'LE'), '::ffff:127.0.0.1');
  assert.equal(decodeProcIpv6('00000000000000000000000001000000', 'LE'), '::1');
  assert.equal(decodeProcIpv6('B80D0120000000000000000001000000', 'LE'), '2001:db8::1');
});

test('decoders return empty or zero for malformed input, as osquery does', () => {
  assert.equal(decodeProcIpv4('7F0001', 'LE'), '');
  assert.equal(decodeProcIpv4('zz00007F', 'LE'), '');
  assert.equal(decodeProcIpv6('0100007F', 'LE'), '');
  assert.equal(decodeHexShort('1F90'), 8080);
  assert.equal(decodeHexShort('1F9'), 0);
  assert.equal(decodeHexShort('1F900'), 0);
});

test('prefixToMaskBytes and countMaskBits round-trip', () => {
  for (const [len, size, text] of [[0, 4, '0.0.0.0'], [8, 4, '255.0.0.0'], [20, 4, '255.255.240.0'], [32, 4, '255.255.255.255']] as const) {
    const mask = prefixToMaskBytes(len, size);
    assert.equal(formatIpv4(mask), text);
    assert.equal(countMaskBits(mask), len);
  }
  assert.equal(formatIpv6(prefixToMaskBytes(64, 16)), 'ffff:ffff:ffff:ffff::');
  assert.equal(formatIpv6(prefixToMaskBytes(128, 16)), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  assert.equal(countMaskBits(prefixToMaskBytes(57, 16)), 57);
});

test('isLinkLocalIpv6 matches fe80::/10 and link-local multicast only', () => {
  const check = (hex: string): boolean => isLinkLocalIpv6(parseHexBytes(hex, 16) ?? new Uint8Array(16));
  assert.equal(check('fe800000000000000000000000000001'), true);
  assert.equal(check('febf0000000000000000000000000001'), true);
  assert.equal(check('fec00000000000000000000000000001'), false);
  assert.equal(check('ff020000000000000000000000000001'), true);
  assert.equal(check('ff050000000000000000000000000001'), false);
  assert.equal(check('20010db8000000000000000000000001'), false);
});
