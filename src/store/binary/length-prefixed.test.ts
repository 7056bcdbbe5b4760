import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FieldReader, measureStringMap, writeLongString, writeShortString, writeStringMap } from './length-prefixed.js';

const maps: { name: string; map: Record<string, string> }[] = [
  { name: 'empty', map: {} },
  { name: 'labels', map: { job: 'sshd', host: 'web-1' } },
  { name: 'non-ASCII and empty values', map: { 'é': 'ünïcödé ✓', empty: '' } },
];

for (const c of maps) {
  test(`a string map round-trips and measures its bytes: ${c.name}`, () => {
    const buf = Buffer.alloc(measureStringMap(c.map) + 1, 0xee);
    const end = writeStringMap(buf, 0, c.map);
    assert.equal(end, buf.length - 1);
    assert.equal(buf[end], 0xee, 'writes nothing past its measured size');
    const r = new FieldReader(buf);
    assert.deepEqual(r.readStringMap(), c.map);
    assert.equal(r.at, end);
  });
}

test('writeStringMap writes only the names given, in their order', () => {
  const map = { b: '2', a: '1', c: '3' };
  const buf = Buffer.alloc(64);
  writeStringMap(buf, 0, map, ['a', 'b']);
  assert.deepEqual(Object.entries(new FieldReader(buf).readStringMap()), [['a', '1'], ['b', '2']]);
});

test('short and long strings: u16 and u32 LE byte lengths, then UTF-8', () => {
  const buf = Buffer.alloc(2 + 2 + 4 + 3);
  let at = writeShortString(buf, 0, 'é');
  at = writeLongString(buf, at, 'abc');
  assert.equal(at, buf.length);
  assert.equal(buf.toString('hex'), '0200c3a903000000616263');
  const r = new FieldReader(buf);
  assert.deepEqual([r.readShortString(), r.readLongString(), r.at], ['é', 'abc', buf.length]);
});

test('a long string whose length runs past the buffer is a RangeError', () => {
  const buf = Buffer.alloc(8);
  buf.writeUInt32LE(5, 0);
  assert.throws(() => new FieldReader(buf).readLongString(), RangeError);
  assert.throws(() => new FieldReader(Buffer.alloc(1)).readU16(), RangeError);
});
