import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import WebSocket from 'ws';
import { startTestServer } from '../testing/test-server.js';
import type { AuthConfig } from './auth.js';

const auth: AuthConfig = {
  tokens: [
    { token: 'token-a', tenants: ['team-a'] },
    { token: 'token-reader', read: ['team-a', 'team-b'] },
    { token: 'token-admin', tenants: ['*'] },
  ],
  basicAuth: [
    { username: 'alice', password: 'pw-a', tenants: ['team-a'] },
    { username: 'bob', passwordSha256: createHash('sha256').update('pw-b').digest('hex'), write: ['team-b'] },
  ],
};

const push = JSON.stringify({ streams: [{ stream: { app: 'x' }, values: [['1700000000000000000', 'l']] }] });
const basic = (user: string, pw: string): string => `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`;

/** Every API route a client can call, with a request that is valid apart from credentials. */
const apiRoutes: { method: string; path: string; body?: string }[] = [
  { method: 'POST', path: '/loki/api/v1/push', body: push },
  { method: 'POST', path: '/api/prom/push', body: push },
  { method: 'GET', path: '/loki/api/v1/query?query=vector(1)' },
  { method: 'POST', path: '/loki/api/v1/query_range?query=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/api/prom/query?query=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/loki/api/v1/labels' },
  { method: 'GET', path: '/loki/api/v1/label/app/values' },
  { method: 'GET', path: '/loki/api/v1/series?match[]=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/loki/api/v1/index/stats?query=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/loki/api/v1/index/volume?query=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/loki/api/v1/index/volume_range?query=%7Bapp%3D%22x%22%7D' },
  { method: 'GET', path: '/loki/api/v1/format_query?query=%7Bapp%3D%22x%22%7D' },
  { method: 'POST', path: '/flush' },
  { method: 'GET', path: '/loki/api/v1/status/buildinfo' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/config' },
  { method: 'GET', path: '/services' },
];

test('with credentials configured, every API route answers 401 without them (tail too); /ready stays open', async (t) => {
  const s = await startTestServer({ auth });
  t.after(() => s.close());
  for (const r of apiRoutes) {
    const res = await s.request(r.method, r.path, { headers: { 'Content-Type': 'application/json' }, body: r.body });
    assert.equal(res.status, 401, `${r.method} ${r.path}`);
    assert.equal(res.headers.get('x-watchpost-error-code'), 'ERR_API_UNAUTHORIZED');
    assert.match(res.headers.get('www-authenticate') ?? '', /Bearer/);
  }
  assert.equal((await s.request('GET', '/ready')).status, 200);
  assert.equal(s.store.pushes.length, 0);
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}/loki/api/v1/tail?query=%7Bapp%3D%22x%22%7D`);
  ws.on('error', () => {});
  const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  ws.terminate();
  assert.equal(status, 401);
});

const cases: { name: string; authorization: string; orgId?: string; status: number; tenant?: string }[] = [
  { name: 'a wrong token', authorization: 'Bearer nope', status: 401 },
  { name: 'an unknown scheme', authorization: 'Digest x', status: 401 },
  { name: "tenant A's token for its own tenant", authorization: 'Bearer token-a', status: 204, tenant: 'team-a' },
  { name: "tenant A's token naming tenant A", authorization: 'Bearer token-a', orgId: 'team-a', status: 204, tenant: 'team-a' },
  { name: "tenant A's token writing tenant B", authorization: 'Bearer token-a', orgId: 'team-b', status: 403 },
  { name: 'a read-only token writing', authorization: 'Bearer token-reader', orgId: 'team-a', status: 403 },
  { name: 'a read-only token writing without X-Scope-OrgID', authorization: 'Bearer token-reader', status: 403 },
  { name: 'a wildcard token without X-Scope-OrgID', authorization: 'Bearer token-admin', status: 401 },
  { name: 'a wildcard token naming a tenant', authorization: 'Bearer token-admin', orgId: 'anyone', status: 204, tenant: 'anyone' },
  { name: 'a multi-tenant header on push', authorization: 'Bearer token-admin', orgId: 'a|b', status: 401 },
  { name: 'basic auth for its tenant', authorization: basic('alice', 'pw-a'), status: 204, tenant: 'team-a' },
  { name: 'basic auth with a wrong password', authorization: basic('alice', 'wrong'), status: 401 },
  { name: 'basic auth of an unknown user', authorization: basic('mallory', 'pw-a'), status: 401 },
  { name: 'basic auth with a hashed password', authorization: basic('bob', 'pw-b'), status: 204, tenant: 'team-b' },
  { name: 'basic auth writing another tenant', authorization: basic('alice', 'pw-a'), orgId: 'team-b', status: 403 },
  { name: 'an invalid tenant ID', authorization: 'Bearer token-admin', orgId: 'a/b', status: 400 },
];

for (const c of cases) {
  test(`push with ${c.name} answers ${c.status}`, async (t) => {
    const s = await startTestServer({ auth });
    t.after(() => s.close());
    const headers: Record<string, string> = { 'Content-Type': 'application/json', Authorization: c.authorization };
    if (c.orgId !== undefined) headers['X-Scope-OrgID'] = c.orgId;
    const res = await s.request('POST', '/loki/api/v1/push', { headers, body: push });
    assert.equal(res.status, c.status, res.body);
    assert.deepEqual(s.store.pushes.map((p) => p.tenant), c.tenant === undefined ? [] : [c.tenant]);
  });
}

test('auth off: X-Scope-OrgID is ignored and everything is tenant fake', async (t) => {
  const s = await startTestServer();
  t.after(() => s.close());
  await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/json', 'X-Scope-OrgID': 'other' }, body: push });
  assert.deepEqual(s.store.pushes.map((p) => p.tenant), ['fake']);
});

test('auth_enabled without credentials: X-Scope-OrgID is required (401 "no org id")', async (t) => {
  const s = await startTestServer({ authEnabled: true });
  t.after(() => s.close());
  const missing = await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/json' }, body: push });
  assert.deepEqual([missing.status, missing.body], [401, 'no org id']);
  const bad = await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/json', 'X-Scope-OrgID': 'x/y' }, body: push });
  assert.deepEqual([bad.status, bad.body], [400, "tenant ID 'x/y' contains unsupported character '/'"]);
  const ok = await s.request('POST', '/loki/api/v1/push', { headers: { 'Content-Type': 'application/json', 'X-Scope-OrgID': 'team-x' }, body: push });
  assert.equal(ok.status, 204);
  assert.deepEqual(s.store.pushes.map((p) => p.tenant), ['team-x']);
});

test('a non-loopback address is refused without credentials, accepted with them', async () => {
  await assert.rejects(startTestServer({ host: '0.0.0.0' }), { code: 'ERR_CONFIG_INVALID', message: /refusing to listen on 0\.0\.0\.0/ });
  await assert.rejects(startTestServer({ host: '0.0.0.0', authEnabled: true }), { code: 'ERR_CONFIG_INVALID' });
  const s = await startTestServer({ host: '0.0.0.0', auth });
  await s.close();
});
