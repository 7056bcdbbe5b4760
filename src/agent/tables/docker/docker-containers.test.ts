// The generator test at the end runs against a FAKE Docker Engine API
// (testdata/fake-docker-engine.ts, in a child process), because no Docker
// engine can run on the machines that run these tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createQueryContext } from '../../sql/query-context.js';
import { defaultSystemPaths } from '../table.js';
import { runGenerator } from '../testing/run-generator.js';
import { dockerContainersTable, readNamespaces, toContainerRow, toInspectColumns } from './docker-containers.js';
import type { JsonObject } from './json-fields.js';
import { engine261Fixtures, startFakeDockerEngine } from './testdata/start-fake-docker-engine.js';

test('toContainerRow keeps the name as Docker lists it and strips sha256: from the image id', () => {
  const row = toContainerRow({ Id: 'abc', Names: ['/web', '/other/alias'], ImageID: 'sha256:f084', Created: 1715677923, State: 'running' });
  assert.equal(row.name, '/web');
  assert.equal(row.image_id, 'f084');
  assert.equal(row.created, 1715677923);
});

const inspectCases: Array<{ name: string; details: JsonObject; state: string; expect: Record<string, string | number> }> = [
  {
    name: 'reads pid -1 and no flags from an answer without State or HostConfig',
    details: {},
    state: 'created',
    expect: { pid: -1, privileged: 0, readonly_rootfs: 0, config_entrypoint: '', security_options: '', env_variables: '' },
  },
  {
    name: 'blanks finished_at while the container runs',
    details: { State: { Pid: 7, FinishedAt: '0001-01-01T00:00:00Z' } },
    state: 'running',
    expect: { pid: 7, finished_at: '' },
  },
  {
    name: 'keeps finished_at of a paused container',
    details: { State: { Pid: 7, FinishedAt: '2024-05-14T07:20:04.118207412Z' } },
    state: 'paused',
    expect: { finished_at: '2024-05-14T07:20:04.118207412Z' },
  },
  {
    name: 'joins lists with ", " and reads null lists as empty',
    details: { Config: { Entrypoint: ['/bin/tini', '--'], Env: null }, HostConfig: { SecurityOpt: ['seccomp=unconfined'], Privileged: true } },
    state: 'exited',
    expect: { config_entrypoint: '/bin/tini, --', env_variables: '', security_options: 'seccomp=unconfined', privileged: 1 },
  },
];
for (const c of inspectCases) {
  test(`toInspectColumns ${c.name}`, () => {
    const got = toInspectColumns(c.details, c.state);
    for (const [column, value] of Object.entries(c.expect)) assert.equal(got[column], value, column);
  });
}

test('readNamespaces reads "<kind>:[<inode>]" links and skips any other target', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'watchpost-ns-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const ns = join(root, 'proc', '99', 'ns');
  mkdirSync(ns, { recursive: true });
  symlinkSync('net:[4026532372]', join(ns, 'net'));
  symlinkSync('mnt:[4026532367]', join(ns, 'uts')); // another kind's link
  symlinkSync('ipc:[0]', join(ns, 'ipc'));
  symlinkSync('pid:[abc]', join(ns, 'pid'));
  const ctx = createQueryContext({
    table: 'docker_containers', paths: { ...defaultSystemPaths, root }, constraints: new Map(), usedColumns: new Set(),
    deadlineMs: Date.now() + 10_000, timeoutMs: 10_000, warn: () => {},
  });
  assert.deepEqual(readNamespaces(ctx, 99), { net_namespace: '4026532372' });
});

test('genDockerContainers keeps a container removed before its inspect, without a warning', async (t) => {
  // A recording in which the inspect of "web" answers 404, as after `docker rm` between the two calls.
  const fixtures = mkdtempSync(join(tmpdir(), 'watchpost-docker-fixtures-'));
  cpSync(engine261Fixtures, fixtures, { recursive: true });
  rmSync(join(fixtures, 'containers', 'e5814a147799c5f4b6bb5895fb87ee8ff00e4f35a56a8bb6d09559b787143c75.json'));
  const fake = await startFakeDockerEngine(fixtures);
  t.after(async () => {
    await fake.close();
    rmSync(fixtures, { recursive: true, force: true });
  });
  const { rows, warnings } = runGenerator(dockerContainersTable, { paths: { dockerSocket: fake.socketPath } });
  assert.deepEqual(warnings, []);
  const web = rows.find((r) => r.name === '/web');
  assert.equal(web?.state, 'running');
  assert.equal(web?.pid, undefined);
  assert.equal(rows.find((r) => r.name === '/backup')?.pid, 0);
});
