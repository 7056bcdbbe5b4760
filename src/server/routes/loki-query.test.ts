import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../logql/index.js';
import { startTestServer } from '../testing/test-server.js';
import { formatRfc3339Nano } from './loki-query.js';

/** An engine that never answers on its own: it settles only when its signal aborts. */
const stuckEngine: Engine = {
  query: (req) =>
    new Promise((_resolve, reject) => {
      req.signal?.addEventListener('abort', () => reject(req.signal?.reason));
    }),
  instantVector: async () => [],
};

test('a query past query_timeout answers 504 with Loki\'s text', async (t) => {
  const s = await startTestServer({ engine: stuckEngine, queryTimeoutMs: 20 });
  t.after(() => s.close());
  const res = await s.request('GET', '/loki/api/v1/query_range?query=%7Bapp%3D%22x%22%7D');
  assert.equal(res.status, 504);
  assert.equal(res.body, 'request timed out, decrease the duration of the request or add more label matchers (prefer exact match over regex match) to reduce the amount of data processed');
  assert.equal(res.headers.get('x-watchpost-error-code'), 'ERR_QUERY_TIMEOUT');
});

test('formatRfc3339Nano prints Go RFC3339Nano in UTC', () => {
  assert.equal(formatRfc3339Nano(1704164645_123456789n), '2024-01-02T03:04:05.123456789Z');
  assert.equal(formatRfc3339Nano(1704164645_120000000n), '2024-01-02T03:04:05.12Z');
  assert.equal(formatRfc3339Nano(1704164645_000000000n), '2024-01-02T03:04:05Z');
  assert.equal(formatRfc3339Nano(-1n), '1969-12-31T23:59:59.999999999Z');
});
