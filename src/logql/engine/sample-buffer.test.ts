import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SampleBuffer } from './sample-buffer.js';

const cases: readonly { name: string; input: [number, number][]; want: [number, number][] }[] = [
  { name: 'sorted input stays', input: [[1, 1], [2, 2], [3, 3]], want: [[1, 1], [2, 2], [3, 3]] },
  { name: 'two runs merge', input: [[1, 1], [5, 2], [2, 3], [6, 4]], want: [[1, 1], [2, 3], [5, 2], [6, 4]] },
  { name: 'ties keep load order', input: [[2, 1], [1, 2], [2, 3]], want: [[1, 2], [2, 1], [2, 3]] },
  { name: 'many runs (odd count)', input: [[3, 1], [2, 2], [1, 3], [0, 4], [5, 5]], want: [[0, 4], [1, 3], [2, 2], [3, 1], [5, 5]] },
];

for (const c of cases) {
  test(`SampleBuffer.sortByTime: ${c.name}`, () => {
    const buffer = new SampleBuffer({}, '{}');
    for (const [ts, v] of c.input) buffer.push(ts, v);
    buffer.sortByTime();
    const got: [number, number][] = [];
    for (let i = 0; i < buffer.length; i++) got.push([buffer.ts[i] as number, buffer.values[i] as number]);
    assert.deepEqual(got, c.want);
  });
}

test('SampleBuffer: grows past its initial capacity and merges 1000 interleaved runs', () => {
  const buffer = new SampleBuffer({}, '{}');
  for (let run = 0; run < 1000; run++) for (let i = 0; i < 10; i++) buffer.push(i * 1000 + run, run);
  buffer.sortByTime();
  assert.equal(buffer.length, 10_000);
  for (let i = 1; i < buffer.length; i++) assert.ok((buffer.ts[i - 1] as number) <= (buffer.ts[i] as number));
});
