import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatIpv6 } from '../network/inet-format.js';
import { formatIpv4Number, parseInetAton, parseIpv6 } from './inet-aton.js';

const atonCases: Array<[string, string | undefined]> = [
  ['10.0.0.2', '10.0.0.2'],
  ['127.1', '127.0.0.1'],
  ['0x7f.1', '127.0.0.1'],
  ['010.0.0.1', '8.0.0.1'],
  ['10.65535', '10.0.255.255'],
  ['167772162', '10.0.0.2'],
  ['0', '0.0.0.0'],
  ['255.255.255.255', '255.255.255.255'],
  ['256.0.0.1', undefined],
  ['1.2.3.4.5', undefined],
  ['1.2.3.', undefined],
  ['09.1.1.1', undefined],
  ['1.2.3.4 ', undefined],
  ['', undefined],
  ['fe80::1', undefined],
];
for (const [text, expected] of atonCases) {
  test(`parseInetAton(${JSON.stringify(text)}) reads ${expected ?? 'nothing'} as inet_aton_exact`, () => {
    const n = parseInetAton(text);
    assert.equal(n === undefined ? undefined : formatIpv4Number(n), expected);
  });
}

const ipv6Cases: Array<[string, string | undefined]> = [
  ['fe80::1', 'fe80::1'],
  ['2001:DB8:0:0:0:0:0:53', '2001:db8::53'],
  ['::', '::'],
  ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
  ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ['1::2::3', undefined],
  ['1:2:3:4:5:6:7', undefined],
  ['1:2:3:4:5:6:7:8:9', undefined],
  ['12345::1', undefined],
  ['::ffff:10.0.0.01', undefined],
  ['10.0.0.1', undefined],
  ['', undefined],
];
for (const [text, expected] of ipv6Cases) {
  test(`parseIpv6(${JSON.stringify(text)}) reads ${expected ?? 'nothing'} as inet_pton`, () => {
    const bytes = parseIpv6(text);
    assert.equal(bytes === undefined ? undefined : formatIpv6(bytes), expected);
  });
}
