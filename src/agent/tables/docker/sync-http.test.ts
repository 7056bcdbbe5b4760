// The server side is testdata/fake-docker-engine.ts, a FAKE Docker Engine API
// in a child process: no Docker engine can run on the machines that run these
// tests, and a server on this thread could never answer a blocked caller.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getUnixSocketSync, type SyncHttpOptions, type SyncHttpResult } from './sync-http.js';
import { startFakeDockerEngine, type FakeDockerEngine } from './testdata/start-fake-docker-engine.js';

let fake: FakeDockerEngine;
let scratch: string;
before(async () => {
  fake = await startFakeDockerEngine();
  scratch = mkdtempSync(join(tmpdir(), 'watchpost-sync-http-'));
  writeFileSync(join(scratch, 'not-a-socket'), '');
});
after(async () => {
  await fake.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  readonly socket: () => string;
  readonly path: string;
  readonly options?: SyncHttpOptions;
  readonly expect: (r: SyncHttpResult) => void;
}

const cases: Case[] = [
  {
    name: 'getUnixSocketSync returns a 200 answer and its body',
    socket: () => fake.socketPath,
    path: '/_ping',
    expect: (r) => assert.deepEqual(r, { ok: true, status: 200, statusMessage: 'OK', body: 'OK' }),
  },
  {
    name: 'getUnixSocketSync returns an error status with its body, without failing',
    socket: () => fake.socketPath,
    path: '/containers/nope/json',
    expect: (r) => assert.deepEqual(r, { ok: true, status: 404, statusMessage: 'Not Found', body: '{"message":"No such container: nope"}\n' }),
  },
  {
    name: 'getUnixSocketSync reports ENOENT when the socket file does not exist',
    socket: () => join(scratch, 'missing.sock'),
    path: '/_ping',
    expect: (r) => assert.equal(!r.ok && r.code, 'ENOENT'),
  },
  {
    name: 'getUnixSocketSync reports ECONNREFUSED when nothing listens on the path',
    socket: () => join(scratch, 'not-a-socket'),
    path: '/_ping',
    expect: (r) => assert.equal(!r.ok && r.code, 'ECONNREFUSED'),
  },
  {
    name: 'getUnixSocketSync fails when the connection closes before the body ends',
    socket: () => fake.socketPath,
    path: '/__fake/truncated',
    expect: (r) => assert.equal(r.ok, false),
  },
  {
    name: 'getUnixSocketSync refuses a body over maxBodyBytes',
    socket: () => fake.socketPath,
    path: '/containers/json?all=1',
    options: { maxBodyBytes: 100 },
    expect: (r) => assert.equal(!r.ok && r.code, 'E2BIG'),
  },
];

for (const c of cases) {
  test(c.name, () => c.expect(getUnixSocketSync(c.socket(), c.path, c.options)));
}

test('getUnixSocketSync gives up after timeoutMs and still works afterwards', () => {
  const started = Date.now();
  const r = getUnixSocketSync(fake.socketPath, '/__fake/hang', { timeoutMs: 300 });
  const tookMs = Date.now() - started;
  assert.equal(!r.ok && r.code, 'ETIMEDOUT');
  assert.ok(tookMs >= 250 && tookMs < 3000, `took ${tookMs} ms`);
  const next = getUnixSocketSync(fake.socketPath, '/_ping');
  assert.equal(next.ok && next.body, 'OK');
});

test('getUnixSocketSync answers many requests in a row on one worker', () => {
  for (let i = 0; i < 50; i++) {
    const r = getUnixSocketSync(fake.socketPath, `/_ping?n=${i}`);
    assert.equal(r.ok && r.status, 200);
  }
  const served = fake.requests();
  assert.deepEqual(served.slice(-2), ['/_ping?n=48', '/_ping?n=49']);
});
