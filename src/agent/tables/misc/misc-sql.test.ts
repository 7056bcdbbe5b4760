import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createSqlEngine, type SqlEngine } from '../../index.js';
import { miscTables } from './index.js';
import { usersTable } from '../system/users.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const tables = new Map([...miscTables, usersTable].map((t) => [t.name, t]));

async function withEngine(paths: { root: string }, fn: (engine: SqlEngine, warnings: string[]) => Promise<void>): Promise<void> {
  const warnings: string[] = [];
  const engine = await createSqlEngine({ tables, paths, onWarning: (m) => warnings.push(m) });
  try {
    await fn(engine, warnings);
  } finally {
    await engine.close();
  }
}

async function rowsOf(engine: SqlEngine, sql: string): Promise<ReadonlyArray<ReadonlyArray<string | null>>> {
  const [result] = await engine.query(sql);
  return result?.rows ?? [];
}

const fixtureCases: Array<{ sql: string; expected: Array<Array<string | null>> }> = [
  { sql: "select name, number from etc_protocols where alias = 'TCP'", expected: [['tcp', '6']] },
  { sql: "select number from etc_protocols where name = 'bad'", expected: [[null]] },
  { sql: "select name, port from etc_services where protocol = 'udp' order by port", expected: [['discard', '9'], ['kerberos', '88']] },
  { sql: "select id, address, netmask from dns_resolvers where type = 'search'", expected: [['0', 'corp.example.com', ''], ['1', 'example.com', '']] },
  { sql: "select count(*), min(options) = max(options) from dns_resolvers", expected: [['9', '1']] },
  { sql: 'select interface, hop_limit, rtadv_accept from interface_ipv6 where forwarding_enabled = 1', expected: [['eth0', '255', '1']] },
  { sql: "select soft_limit, hard_limit from ulimit_info where type = 'nofile'", expected: [['1024', '524288']] },
  { sql: 'select permissions, status, locked, typeof(owner_uid) from shared_memory order by shmid', expected: [['1600', 'dest', '0', 'integer'], ['2666', '', '1', 'integer'], ['0600', '', '0', 'null']] },
  { sql: "select description, timeout from kernel_keys where type = 'user'", expected: [['token:32', '59m']] },
  { sql: 'select device_name, raid_level, superblock_state, recovery_finish, spare_disks from md_devices', expected: [['md1', '5', 'bitmap_present', '81.7min', '2'], ['md0', '1', 'clean', '', '0']] },
  { sql: "select md_device_name, count(*) from md_drives where state = 'active sync' group by 1 order by 1", expected: [['md0', '2'], ['md1', '1']] },
  { sql: "select group_concat(name, ' ') from md_personalities", expected: [['raid1 raid6 raid5 raid4 linear multipath raid0 raid10']] },
  { sql: "select count(*) from deb_package_files where package = 'bash'", expected: [['5']] },
  { sql: "select package, path from deb_package_files where package = 'libc6' and path like '%.so.6'", expected: [['libc6', '/lib/x86_64-linux-gnu/libc.so.6']] },
  { sql: 'select name, vscode_edition, prerelease from vscode_extensions where uid = 1000', expected: [['anysphere.cursorpyright', 'cursor', null], ['ms-python.python', 'vscode', '0'], ['golang.go', 'vscode', '1']] },
  {
    sql: 'select u.username, v.name from users u join vscode_extensions v using (uid) order by v.name',
    expected: [['alice', 'anysphere.cursorpyright'], ['alice', 'golang.go'], ['alice', 'ms-python.python'], ['root', 'redhat.vscode-yaml']],
  },
];
for (const c of fixtureCases) {
  test(`SQL on the fixture host: ${c.sql}`, () =>
    withEngine({ root }, async (engine) => {
      assert.deepEqual(await rowsOf(engine, c.sql), c.expected);
    }));
}

test('SQL: a uid-constrained join does not warn about the current user', () =>
  withEngine({ root }, async (engine, warnings) => {
    await rowsOf(engine, 'select v.name from users u join vscode_extensions v using (uid)');
    assert.ok(!warnings.some((w) => w.includes('based on the current user')));
  }));

for (const table of ['magic', 'extended_attributes', 'curl']) {
  test(`SQL: ${table} without its required column fails as osquery`, () =>
    withEngine({ root: '/' }, async (engine) => {
      await assert.rejects(engine.query(`select * from ${table}`), /required column/);
    }));
}

test('SQL: every misc table answers select * on this host', () =>
  withEngine({ root: '/' }, async (engine) => {
    const noRequired = miscTables.map((t) => t.name).filter((n) => !['magic', 'extended_attributes', 'curl'].includes(n));
    for (const name of noRequired) {
      const [result] = await engine.query(`select * from ${name}`);
      assert.ok(result, name);
    }
    assert.ok((await rowsOf(engine, "select 1 from ulimit_info where type = 'nofile'")).length === 1);
    assert.ok((await rowsOf(engine, "select 1 from dns_resolvers where type = 'nameserver'")).length >= 1);
  }));
