import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveSplayPercent, splayIntervalS } from './splay.js';

const cases = [
  { interval: 3600, percent: 10, min: 3240, max: 3960 },
  { interval: 60, percent: 10, min: 54, max: 66 },
  { interval: 5, percent: 10, min: 5, max: 5 },
  { interval: 10, percent: 100, min: 1, max: 20 },
  { interval: 100, percent: 0, min: 100, max: 100 },
  { interval: 100, percent: 101, min: 100, max: 100 },
];

for (const c of cases) {
  test(`splayIntervalS() keeps ${c.interval}s at ${c.percent}% within [${c.min}, ${c.max}] and reaches both ends`, () => {
    assert.equal(splayIntervalS(c.interval, c.percent, () => 0), c.min);
    assert.equal(splayIntervalS(c.interval, c.percent, () => 0.999999), c.max);
    for (let i = 0; i < 200; i++) {
      const v = splayIntervalS(c.interval, c.percent);
      assert.ok(Number.isInteger(v) && v >= c.min && v <= c.max, `${v} in bounds`);
    }
  });
}

test('effectiveSplayPercent() forces values of 1 or less to 10, as osquery', () => {
  assert.deepEqual([0, 1, 2, 50].map(effectiveSplayPercent), [10, 10, 2, 50]);
});
