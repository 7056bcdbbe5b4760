// Every Linux query of osquery's own packs runs on Watchpost with live data:
// zero rows is fine, an error is not, except for tables osquery itself no
// longer has, which must fail with osquery's `no such table: X`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine } from '../../src/agent/index.js';
import { loadPackQueries } from '../support/pack-queries.js';

const queries = loadPackQueries();

test('the pack query list has osquery\'s 113 Linux queries', () => {
  assert.equal(queries.length, 113);
});

test('every Linux pack query runs', async (t) => {
  const engine = await createSqlEngine({ timeoutMs: 30_000 });
  t.after(() => engine.close());
  for (const q of queries) {
    await t.test(`${q.pack}/${q.name}`, async () => {
      if (q.unknownTables.length > 0) {
        const expected = new RegExp(`^no such table: (${q.unknownTables.join('|')})$`);
        await assert.rejects(engine.query(q.sql), (err: Error) => expected.test(err.message));
        return;
      }
      const results = await engine.query(q.sql);
      assert.ok(results.length >= 1, 'the query returns a result set');
    });
  }
});
