import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createSqlEngine, type SqlEngine } from '../../index.js';
import { systemTables } from './index.js';

const fixtureRoot = fileURLToPath(new URL('./testdata/ubuntu-host', import.meta.url));
const tables = new Map(systemTables.map((t) => [t.name, t]));

async function withEngine(root: string, fn: (engine: SqlEngine) => Promise<void>): Promise<void> {
  const engine = await createSqlEngine({ tables, paths: { root } });
  try {
    await fn(engine);
  } finally {
    await engine.close();
  }
}

async function rowsOf(engine: SqlEngine, sql: string): Promise<ReadonlyArray<ReadonlyArray<string | null>>> {
  const [result] = await engine.query(sql);
  return result?.rows ?? [];
}

test('SQL: select * from users where uid = 0 returns root on this host', () =>
  withEngine('/', async (engine) => {
    const [result] = await engine.query('select * from users where uid = 0');
    const username = result?.columns.indexOf('username') ?? -1;
    assert.ok(result?.rows.some((r) => r[username] === 'root'));
  }));

test('SQL: users joined with user_groups counts memberships on this host', () =>
  withEngine('/', async (engine) => {
    const [[count]] = (await rowsOf(engine, 'select count(*) from users u, user_groups ug where u.uid = ug.uid')) as [[string]];
    assert.ok(Number(count) > 0);
  }));

const fixtureCases: Array<{ sql: string; expected: Array<Array<string | null>> }> = [
  { sql: 'select username from users where uid = 0', expected: [['root'], ['toor']] },
  { sql: "select uid, gid_signed from users where username = 'svc-big'", expected: [['4294967294', '-2']] },
  // root and toor share uid 0 (2 × 1), alice has 5 groups, bob 3, six others 1 each.
  { sql: 'select count(*) from users u, user_groups ug where u.uid = ug.uid', expected: [['16']] },
  { sql: 'select g.groupname from user_groups ug join groups g using (gid) where ug.uid = 1001 order by g.gid', expected: [['sudo'], ['users'], ['bob']] },
  { sql: 'select name, major, minor, patch, platform_like from os_version', expected: [['Ubuntu', '22', '4', '0', 'debian']] },
  { sql: 'select total_seconds, hours from uptime', expected: [['12346', '3']] },
  { sql: 'select version, device from kernel_info', expected: [['6.5.0-35-generic', '/dev/mapper/vg-root']] },
  { sql: "select device, device_alias, type from mounts where path = '/'", expected: [['/dev/mapper/vg-root', '/dev/dm-0', 'ext4']] },
  { sql: 'select hardware_model, cpu_sockets, uuid from system_info', expected: [['ThinkPad X1 Carbon Gen 9', '2', '4c4c4544-0042-3510-8052-b4c04f4e3732']] },
  { sql: 'select (select uuid from osquery_info) = (select uuid from system_info)', expected: [['1']] },
  { sql: 'select date_time = datetime, timezone from time', expected: [['1', 'UTC']] },
];
for (const c of fixtureCases) {
  test(`SQL on the fixture host: ${c.sql}`, () =>
    withEngine(fixtureRoot, async (engine) => {
      assert.deepEqual(await rowsOf(engine, c.sql), c.expected);
    }));
}

test('SQL: pid_with_namespace is pushed down to os_version and echoed back', () =>
  withEngine('/', async (engine) => {
    const rows = await rowsOf(engine, `select pid_with_namespace, mount_namespace_id <> '' from os_version where pid_with_namespace = ${process.pid}`);
    assert.deepEqual(rows, [[String(process.pid), '1']]);
  }));
