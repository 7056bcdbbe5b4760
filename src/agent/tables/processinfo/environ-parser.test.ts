import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEnviron } from './environ-parser.js';

const cases: Array<{ name: string; input: Buffer; expected: Array<[string, string]> }> = [
  { name: 'splits NUL-separated KEY=value entries', input: Buffer.from('HOME=/\0TERM=linux\0'), expected: [['HOME', '/'], ['TERM', 'linux']] },
  { name: 'keeps later = signs in the value', input: Buffer.from('OPTS=a=b=c\0'), expected: [['OPTS', 'a=b=c']] },
  { name: 'keeps an empty value', input: Buffer.from('EMPTY=\0'), expected: [['EMPTY', '']] },
  { name: 'gives an entry without = as key and value', input: Buffer.from('NOEQUALS\0X=1\0'), expected: [['NOEQUALS', 'NOEQUALS'], ['X', '1']] },
  { name: 'reads a last entry without a trailing NUL', input: Buffer.from('A=1\0B=2'), expected: [['A', '1'], ['B', '2']] },
  { name: 'stops at an empty entry', input: Buffer.from('A=1\0\0B=2\0'), expected: [['A', '1']] },
  { name: 'stops at an entry whose first byte is not ASCII', input: Buffer.from('A=1\0\xc3\xa9T\xc3\xa9=x\0B=2\0', 'latin1'), expected: [['A', '1']] },
  { name: 'decodes UTF-8 after the first byte', input: Buffer.from('GREETING=h\xc3\xa9llo\0', 'latin1'), expected: [['GREETING', 'héllo']] },
  { name: 'gives nothing for an empty file', input: Buffer.alloc(0), expected: [] },
];

for (const c of cases) {
  test(`parseEnviron ${c.name}`, () => {
    assert.deepEqual(parseEnviron(c.input).map((e) => [e.key, e.value]), c.expected);
  });
}
