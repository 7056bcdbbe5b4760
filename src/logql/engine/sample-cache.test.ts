import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SampleExtractor } from '../pipeline/types.js';
import { SampleCache, type CacheEntry } from './sample-cache.js';

const extractor: SampleExtractor = {
  forStream: () => ({ process: () => undefined }),
};

/** An entry for `key` holding `samples` samples in one series. */
function fill(cache: SampleCache, key: string, samples: number): CacheEntry {
  const entry = cache.create(key, 0n, { extractor, outerGrouping: undefined }, 0);
  const ts = Float64Array.from({ length: samples }, (_, i) => i);
  entry.series.set('{}', { labels: {}, key: '{}', ts, values: new Float64Array(samples), length: samples });
  cache.touch(entry);
  return entry;
}

test('SampleCache drops the least recently used entries once over its sample budget', () => {
  const cache = new SampleCache({ maxSamples: 100, nowMs: () => 0 });
  const a = fill(cache, 'a', 40);
  fill(cache, 'b', 40);
  cache.touch(a); // a is now the most recently used
  fill(cache, 'c', 40); // 120 > 100: b goes
  assert.deepEqual(['a', 'b', 'c'].map((k) => cache.get(k) !== undefined), [true, false, true]);
  assert.equal(cache.size, 2);
});

test('SampleCache never drops an entry being updated; the rest goes, the most recent last', () => {
  const cache = new SampleCache({ maxSamples: 50, nowMs: () => 0 });
  const a = fill(cache, 'a', 40);
  a.busy = Promise.resolve();
  fill(cache, 'b', 5);
  assert.ok(cache.get('b') !== undefined, '45 samples: within the budget');
  fill(cache, 'c', 40); // 85: b goes first, then c itself, the busy a stays
  assert.deepEqual(['a', 'b', 'c'].map((k) => cache.get(k) !== undefined), [true, false, false]);
});

test('SampleCache forgets entries unused for maxIdleMs', () => {
  let now = 0;
  const cache = new SampleCache({ maxIdleMs: 1000, nowMs: () => now });
  fill(cache, 'a', 1);
  now = 600;
  fill(cache, 'b', 1);
  now = 1500; // a idle 1500 ms, b 900 ms
  assert.equal(cache.get('a'), undefined);
  assert.ok(cache.get('b') !== undefined);
  now = 1700;
  fill(cache, 'c', 1); // touching sweeps: b (idle 1100 ms) goes too
  assert.equal(cache.size, 1);
});
