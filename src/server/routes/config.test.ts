import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from '../testing/test-server.js';

const effective = { auth_enabled: false, limits_config: { ingestion_rate_mb: 8, max_line_size: 262144 }, auth: { tokens: [{ token: 's3cret', tenants: ['a'] }], basic_auth: [{ username: 'u', password: 'pw', read: ['a'] }] } };
const defaults = { auth_enabled: false, limits_config: { ingestion_rate_mb: 4, max_line_size: 262144 } };

test('GET /config answers YAML with secrets redacted; mode=defaults and mode=diffs as Loki', async (t) => {
  const s = await startTestServer({ config: { effective: () => effective, defaults: () => defaults } });
  t.after(() => s.close());
  const all = await s.request('GET', '/config');
  assert.equal(all.status, 200);
  assert.equal(all.contentType, 'text/plain; charset=utf-8');
  assert.equal(
    all.body,
    'auth_enabled: false\nlimits_config:\n  ingestion_rate_mb: 8\n  max_line_size: 262144\nauth:\n  tokens:\n    - token: <secret>\n      tenants:\n        - a\n  basic_auth:\n    - username: u\n      password: <secret>\n      read:\n        - a\n',
  );
  assert.equal((await s.request('GET', '/config?mode=defaults')).body, 'auth_enabled: false\nlimits_config:\n  ingestion_rate_mb: 4\n  max_line_size: 262144\n');
  assert.doesNotMatch((await s.request('GET', '/config?mode=diffs')).body, /max_line_size|auth_enabled/);
});

test('/ready answers GET and HEAD (load balancers probe with either)', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  assert.deepEqual([(await s.request('GET', '/ready')).status, (await s.request('HEAD', '/ready')).status], [200, 200]);
});
