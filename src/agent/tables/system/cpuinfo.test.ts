import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countCpuList, parseCpuinfo } from './cpuinfo.js';

const fixture = (name: string): string => readFileSync(new URL(`./testdata/cpuinfo/${name}`, import.meta.url), 'latin1');

test('parseCpuinfo reads a two-socket x86_64 host with hyper-threading', () => {
  assert.deepEqual(parseCpuinfo(fixture('x86_64-2-sockets'), 8), {
    subtype: '85', microcode: '0x2006e05', sockets: 2, brand: 'Intel(R) Xeon(R) Gold 6130 CPU @ 2.10GHz', physicalCores: 4,
  });
});

test('parseCpuinfo on aarch64 falls back to logical cores and leaves sockets unset', () => {
  assert.deepEqual(parseCpuinfo(fixture('aarch64'), 4), { subtype: '0', microcode: undefined, sockets: undefined, brand: undefined, physicalCores: 4 });
});

const edgeCases = [
  { name: 'a line with two colons makes physical cores fall back', text: 'physical id\t: 0\ncore id\t: 0\nodd: a: b\n', logical: 6, physicalCores: 6 },
  { name: 'siblings 0 gives sockets -1', text: 'siblings\t: 0\n', logical: 6, sockets: -1 },
  { name: 'unknown logical count gives sockets -1', text: 'siblings\t: 2\n', logical: 0, sockets: -1 },
];
for (const c of edgeCases) {
  test(`parseCpuinfo: ${c.name}`, () => {
    const facts = parseCpuinfo(c.text, c.logical);
    if (c.physicalCores !== undefined) assert.equal(facts.physicalCores, c.physicalCores);
    if (c.sockets !== undefined) assert.equal(facts.sockets, c.sockets);
  });
}

const listCases = [
  { list: '0-7\n', expected: 8 },
  { list: '0', expected: 1 },
  { list: '0-3,8-11', expected: 8 },
  { list: '0,2,4', expected: 3 },
  { list: '', expected: 0 },
  { list: '3-1', expected: 0 },
];
for (const c of listCases) {
  test(`countCpuList(${JSON.stringify(c.list)}) is ${c.expected}`, () => {
    assert.equal(countCpuList(c.list), c.expected);
  });
}
