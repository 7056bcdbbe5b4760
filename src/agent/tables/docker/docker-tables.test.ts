// docker_containers and docker_container_ports through SQL, against a FAKE
// Docker Engine API (testdata/fake-docker-engine.ts, in a child process) that
// replays answers recorded from Docker 26.1.3 (API 1.45): no Docker engine can
// run on the machines that run these tests. A container's namespaces come from
// a temp /proc tree holding the links a real /proc/<pid>/ns has.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShell, createSqlEngine, type QueryResult, type SqlEngine } from '../../index.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows, type ValidationMap } from '../testing/validate-columns.js';
import { dockerContainerPortsTable } from './docker-container-ports.js';
import { dockerContainersTable } from './docker-containers.js';
import { startFakeDockerEngine, type FakeDockerEngine } from './testdata/start-fake-docker-engine.js';

const webId = 'e5814a147799c5f4b6bb5895fb87ee8ff00e4f35a56a8bb6d09559b787143c75';
const backupId = '80f7b6169d7b00a3e6136da9e66f5b5aad0e523fff14510e5a30cf28f45f30f9';
const webNamespaces = { cgroup: '4026532371', ipc: '4026532369', mnt: '4026532367', net: '4026532372', pid: '4026532370', user: '4026531837', uts: '4026532368' };

let fake: FakeDockerEngine;
let engine: SqlEngine;
let root: string;
const warnings: string[] = [];

before(async () => {
  fake = await startFakeDockerEngine();
  root = mkdtempSync(join(tmpdir(), 'watchpost-docker-root-'));
  const ns = join(root, 'proc', '48213', 'ns');
  mkdirSync(ns, { recursive: true });
  for (const [kind, inode] of Object.entries(webNamespaces)) symlinkSync(`${kind}:[${inode}]`, join(ns, kind));
  engine = await createSqlEngine({ paths: { dockerSocket: fake.socketPath, root }, onWarning: (m) => warnings.push(m) });
});
after(async () => {
  await engine.close();
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

async function queryObjects(sql: string, db: SqlEngine = engine): Promise<Array<Record<string, string | null>>> {
  const [result] = await db.query(sql);
  return toObjects(result);
}

function toObjects(result: QueryResult | undefined): Array<Record<string, string | null>> {
  if (!result) return [];
  return result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i] ?? null])));
}

/** The request URLs the fake served while `fn` ran. */
async function servedDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const before = fake.requests().length;
  await fn();
  return fake.requests().slice(before);
}

test('the seed query joins each container name to its published ports', async () => {
  const [result] = await engine.query('select c.name, p.port, p.host_port from docker_containers c inner join docker_container_ports p on c.id = p.id;');
  assert.deepEqual(result?.columns, ['name', 'port', 'host_port']);
  const rows = [...(result?.rows ?? [])].map((r) => r.join(' ')).sort();
  assert.deepEqual(rows, ['/web 443 8443', '/web 80 8080', '/web 80 8080']);
  assert.deepEqual(warnings, []);
});

test('the seed query lists containers without inspecting any', async () => {
  const served = await servedDuring(() => engine.query('select c.name, p.port, p.host_port from docker_containers c inner join docker_container_ports p on c.id = p.id;'));
  assert.ok(served.length > 0);
  assert.ok(served.every((u) => u.startsWith('/containers/json?all=1')), served.join('\n'));
});

test('docker_containers fills every column as osquery does', async () => {
  const rows = await queryObjects('select * from docker_containers order by name');
  const ns = (prefix: string) => Object.fromEntries(Object.entries(webNamespaces).map(([k, v]) => [`${k}_namespace`, prefix === '' ? '' : v]));
  assert.deepEqual(rows, [
    {
      id: backupId, name: '/backup', image: 'alpine:3.19', image_id: '08f4f160176fb2145ed4924da144d3757fc1faf6e5204e6709c1b13eb773a407',
      command: "sh -c 'tar czf /backup/etc.tgz /etc'", created: '1715671201', state: 'exited', status: 'Exited (0) 4 hours ago',
      pid: '0', path: 'sh', config_entrypoint: '', started_at: '2024-05-14T07:20:01.935512874Z', finished_at: '2024-05-14T07:20:04.118207412Z',
      privileged: '1', security_options: 'label=disable, apparmor=unconfined',
      env_variables: 'BACKUP_TARGET=/backup, PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', readonly_rootfs: '1',
      ...ns(''),
    },
    {
      id: webId, name: '/web', image: 'nginx:1.25-alpine', image_id: 'f084c266457b450674041fbf44496334190557e2ec30b9207505b1678c93d04d',
      command: "/docker-entrypoint.sh nginx -g 'daemon off;'", created: '1715677923', state: 'running', status: 'Up 2 hours',
      pid: '48213', path: '/docker-entrypoint.sh', config_entrypoint: '/docker-entrypoint.sh', started_at: '2024-05-14T09:12:03.812640395Z',
      finished_at: '', privileged: '0', security_options: '',
      env_variables: 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin, NGINX_VERSION=1.25.5, PKG_RELEASE=1, NJS_VERSION=0.8.4, NJS_RELEASE=3',
      readonly_rootfs: '0', ...ns('web'),
    },
  ]);
});

test('docker_container_ports reports each listed port, none for a stopped container', async () => {
  const rows = await queryObjects('select * from docker_container_ports order by port, host_ip');
  assert.deepEqual(rows, [
    { id: webId, type: 'tcp', port: '80', host_ip: '0.0.0.0', host_port: '8080' },
    { id: webId, type: 'tcp', port: '80', host_ip: '::', host_port: '8080' },
    { id: webId, type: 'tcp', port: '443', host_ip: '127.0.0.1', host_port: '8443' },
  ]);
});

interface IdCase {
  readonly name: string;
  readonly sql: string;
  readonly rows: string[][];
  /** The list request sent, or undefined when none should be. */
  readonly request: string | undefined;
}

const idFilter = (id: string) => `/containers/json?all=1&filters=%7B%22id%22%3A%7B%22${id}%22%3Atrue%7D%7D`;

const idCases: IdCase[] = [
  { name: 'a full id', sql: `select id, name from docker_containers where id = '${backupId}'`, rows: [[backupId, '/backup']], request: idFilter(backupId) },
  { name: 'an id prefix, reported as asked', sql: "select id, name from docker_containers where id = '80f7b6'", rows: [['80f7b6', '/backup']], request: idFilter('80f7b6') },
  { name: 'an upper-case prefix (NOCASE)', sql: "select id, name from docker_containers where id = 'E5814A'", rows: [['E5814A', '/web']], request: idFilter('e5814a') },
  { name: 'an id infix, which Docker matches but the id does not equal', sql: "select id from docker_containers where id = '4a1477'", rows: [], request: idFilter('4a1477') },
  { name: 'a value no id can equal, without asking Docker', sql: "select id from docker_containers where id = 'not-hex'", rows: [], request: undefined },
  { name: 'a port id prefix', sql: "select id, port from docker_container_ports where id = 'e5814a147799' order by port", rows: [['e5814a147799', '80'], ['e5814a147799', '80'], ['e5814a147799', '443']], request: idFilter('e5814a147799') },
];

for (const c of idCases) {
  test(`id = … pushes ${c.name} down to Docker's id filter`, async () => {
    let result: QueryResult | undefined;
    const served = await servedDuring(async () => ([result] = await engine.query(c.sql)));
    assert.deepEqual(result?.rows, c.rows);
    assert.equal(served[0], c.request);
  });
}

test('name = … inspects only the named container', async () => {
  let rows: Array<Record<string, string | null>> = [];
  const served = await servedDuring(async () => (rows = await queryObjects("select name, pid, privileged from docker_containers where name = '/backup'")));
  assert.deepEqual(rows, [{ name: '/backup', pid: '0', privileged: '1' }]);
  assert.deepEqual(served, ['/containers/json?all=1', `/containers/${backupId}/json?stream=false`]);
});

const containerShapes: ValidationMap = {
  id: /^[0-9a-f]{64}$/, name: /^\//, image: 'NonEmptyString', image_id: /^[0-9a-f]{64}$/, command: 'String', created: 'NonNegativeInt',
  state: /^(created|restarting|running|removing|paused|exited|dead)$/, status: 'NonEmptyString', pid: 'Int', path: 'String',
  config_entrypoint: 'String', started_at: 'String', finished_at: 'String', privileged: 'Bool', security_options: 'String',
  env_variables: 'String', readonly_rootfs: 'Bool', cgroup_namespace: 'NonNegativeOrEmptyInt', ipc_namespace: 'NonNegativeOrEmptyInt',
  mnt_namespace: 'NonNegativeOrEmptyInt', net_namespace: 'NonNegativeOrEmptyInt', pid_namespace: 'NonNegativeOrEmptyInt',
  user_namespace: 'NonNegativeOrEmptyInt', uts_namespace: 'NonNegativeOrEmptyInt',
};
const portShapes: ValidationMap = { id: /^[0-9a-f]{64}$/, type: /^(tcp|udp|sctp)$/, port: 'NonNegativeInt', host_ip: 'String', host_port: 'NonNegativeInt' };

test('docker tables have osquery column shapes (fake engine)', () => {
  const paths = { dockerSocket: fake.socketPath, root };
  const containers = runGenerator(dockerContainersTable, { paths });
  const ports = runGenerator(dockerContainerPortsTable, { paths });
  assert.equal(containers.rows.length, 2);
  assert.equal(ports.rows.length, 3);
  assert.deepEqual(validateRows('docker_containers', containers.rows, containerShapes), []);
  assert.deepEqual(validateRows('docker_container_ports', ports.rows, portShapes), []);
});

test('docker tables have osquery column shapes (live engine)', { skip: !existsSync('/var/run/docker.sock') && 'no Docker engine on this host' }, () => {
  const containers = runGenerator(dockerContainersTable);
  const ports = runGenerator(dockerContainerPortsTable);
  assert.deepEqual(validateRows('docker_containers', containers.rows, containerShapes), []);
  assert.deepEqual(validateRows('docker_container_ports', ports.rows, portShapes), []);
});

test('a missing Docker socket gives zero rows, no warning and a successful statement', async () => {
  const seen: string[] = [];
  const db = await createSqlEngine({ paths: { dockerSocket: join(root, 'no-such-dir', 'docker.sock') }, onWarning: (m) => seen.push(m) });
  try {
    assert.deepEqual(await queryObjects('select * from docker_containers', db), []);
    const out: string[] = [];
    const err: string[] = [];
    const shell = createShell({ engine: db, mode: 'json', write: (t) => out.push(t), writeError: (t) => err.push(t) });
    assert.equal(await shell.execute('select c.name, p.port, p.host_port from docker_containers c inner join docker_container_ports p on c.id = p.id;'), true);
    assert.equal(out.join(''), '[\n\n]\n');
    assert.deepEqual(err, []);
    assert.deepEqual(seen, []);
  } finally {
    await db.close();
  }
});

test('a socket nobody answers on gives zero rows and one warning per statement', async () => {
  const seen: string[] = [];
  const deadSocket = join(root, 'dead.sock');
  writeFileSync(deadSocket, '');
  const db = await createSqlEngine({ paths: { dockerSocket: deadSocket }, onWarning: (m) => seen.push(m) });
  try {
    const [result] = await db.query('select c.name from docker_containers c join docker_container_ports p on c.id = p.id');
    assert.deepEqual(result?.rows, []);
    assert.equal(seen.length, 1, seen.join('\n'));
    assert.match(seen[0] ?? '', /^Error getting docker containers: Error connecting to docker sock: .*ECONNREFUSED/);
  } finally {
    await db.close();
  }
});
