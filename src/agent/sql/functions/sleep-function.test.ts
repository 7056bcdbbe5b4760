import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine } from '../index.js';
import { maxSleepSeconds, createSleepFunction } from './sleep-function.js';
import type { SqlArg } from './define.js';
import { openFunctionConnection, testSqlCases } from './sql-cases.js';

// osquery/sql/sqlite_operations.cpp sqlSleep: sqlite3_value_int of the
// argument, negative returns 0 at once, otherwise sleeps and returns it.
testSqlCases('sleep', [
  { name: 'sleep: zero, negative, NULL and text return at once', sql: "select sleep(0), sleep(-5), sleep(NULL), sleep('0'), sleep('x')", row: ['0', '0', '0', '0', '0'] },
]);

test('sleep(1) blocks about a second and returns 1', async () => {
  const engine = await createSqlEngine({ tables: new Map() });
  try {
    const started = performance.now();
    const [result] = await engine.query('select sleep(1)');
    const elapsedMs = performance.now() - started;
    assert.deepEqual(result?.rows, [['1']]);
    assert.ok(elapsedMs >= 950 && elapsedMs < 3000, `slept ${elapsedMs} ms`);
  } finally {
    await engine.close();
  }
});

/** A stand-in for an SQLite argument holding an int. */
function intArg(n: number): SqlArg {
  return { type: 'integer', bytes: () => null, cstring: () => null, text: () => String(n), int: () => n, int64: () => BigInt(n), double: () => n };
}

const boundCases = [
  { name: 'sleep(2) blocks 2 s', seconds: 2, remainingMs: undefined, blockedMs: 2000, result: 2 },
  { name: 'sleep is capped at maxSleepSeconds', seconds: 3600, remainingMs: undefined, blockedMs: maxSleepSeconds * 1000, result: maxSleepSeconds },
  { name: 'sleep within the statement budget', seconds: 2, remainingMs: 5000, blockedMs: 2000, result: 2 },
  { name: 'sleep past the statement deadline waits for it, then is interrupted', seconds: 5, remainingMs: 1500, blockedMs: 1500, result: 'interrupted' },
  { name: 'sleep with the deadline already passed', seconds: 1, remainingMs: -20, blockedMs: 0, result: 'interrupted' },
] as const;

for (const c of boundCases) {
  test(c.name, () => {
    const blocked: number[] = [];
    const remainingMs = c.remainingMs;
    const sleep = createSleepFunction({
      block: (ms) => blocked.push(ms),
      ...(remainingMs === undefined ? {} : { remainingMs: () => remainingMs }),
    });
    assert.equal(sleep.deterministic, false);
    if (c.result === 'interrupted') assert.throws(() => sleep.fn(intArg(c.seconds)), { message: 'interrupted' });
    else assert.equal(sleep.fn(intArg(c.seconds)), c.result);
    assert.deepEqual(blocked, [c.blockedMs]);
  });
}

test('registerFunctions passes remainingMs to sleep', async () => {
  const conn = await openFunctionConnection({ remainingMs: () => 0 });
  try {
    await assert.rejects(conn.query('select sleep(3)'), /interrupted/);
  } finally {
    await conn.close();
  }
});
