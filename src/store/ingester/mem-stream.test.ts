import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogEntry } from '../../logql/index.js';
import { appendToHead, createMemStream } from './mem-stream.js';

const batch = (...ts: number[]): LogEntry[] => ts.map((t) => ({ tsNs: BigInt(t), line: `l${t}` }));

test('appendToHead tracks order, min and max across batches', () => {
  const cases: { name: string; batches: number[][]; sorted: boolean; min: bigint; max: bigint; sameLines?: boolean }[] = [
    { name: 'in order', batches: [[1, 2, 3], [3, 4]], sorted: true, min: 1n, max: 4n },
    // `headSorted` also promises no exact repeats: readers then neither sort nor dedup.
    { name: 'an exact repeat of the previous entry', batches: [[1, 2, 3], [3, 4]], sorted: false, min: 1n, max: 4n, sameLines: true },
    { name: 'an exact repeat inside a batch', batches: [[1, 2, 2]], sorted: false, min: 1n, max: 2n, sameLines: true },
    { name: 'out of order inside a batch', batches: [[5, 2, 9]], sorted: false, min: 2n, max: 9n },
    { name: 'out of order at a batch boundary', batches: [[5, 6], [4, 7]], sorted: false, min: 4n, max: 7n },
    { name: 'later in-order batch after disorder', batches: [[5, 1], [10, 11]], sorted: false, min: 1n, max: 11n },
    { name: 'lower batch keeps the earlier max', batches: [[10, 20], [3]], sorted: false, min: 3n, max: 20n },
  ];
  for (const c of cases) {
    const s = createMemStream(1, 't', { a: 'b' }, '{a="b"}');
    // Lines differ between batches unless the case wants repeats.
    c.batches.forEach((b, i) => appendToHead(s, c.sameLines === true ? batch(...b) : batch(...b).map((e) => ({ ...e, line: `${e.line}/${i}` })), i, 0));
    assert.equal(s.headSorted, c.sorted, c.name);
    assert.equal(s.headMinTsNs, c.min, c.name);
    assert.equal(s.headMaxTsNs, c.max, c.name);
    const all = c.batches.flat();
    assert.equal(s.head.length, all.length, c.name);
    assert.equal(s.appliedLastTsNs, BigInt(all[all.length - 1] as number), c.name);
    assert.equal(s.appliedHighestTsNs, c.max, c.name);
  }
});
