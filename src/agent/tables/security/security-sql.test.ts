import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createSqlEngine } from '../../index.js';
import type { TableImpl } from '../table.js';
import { securityTables } from './index.js';
import { readUtf8 } from '../lib/fs-read.js';
import { parsePasswd } from '../lib/etc-passwd.js';

const root = join(import.meta.dirname, 'testdata/host');

/** A users table over the fixture's /etc/passwd, for JOINs. */
const users: TableImpl = {
  name: 'users',
  reads: [],
  *generate(ctx) {
    for (const u of parsePasswd(readUtf8(ctx.hostPath('/etc/passwd')) ?? '')) yield { uid: u.uid, gid: u.gid, username: u.name, directory: u.dir };
  },
};

async function withEngine(run: (query: (sql: string) => Promise<unknown[][]>, warnings: string[]) => Promise<void>): Promise<void> {
  const warnings: string[] = [];
  const tables = new Map([users, ...securityTables].map((t) => [t.name, t]));
  const engine = await createSqlEngine({ tables, paths: { root }, onWarning: (m) => warnings.push(m) });
  try {
    await run(async (sql) => [...((await engine.query(sql))[0]?.rows ?? [])].map((r) => [...r]), warnings);
  } finally {
    await engine.close();
  }
}

test('SQL: user_data tables JOIN users read every user once, without the warning', async () => {
  await withEngine(async (query, warnings) => {
    assert.deepEqual(await query('SELECT username, count(*) FROM users JOIN known_hosts USING (uid) GROUP BY username ORDER BY username'), [
      ['alice', '4'],
      ['alice-dup', '4'],
      ['root', '1'],
    ]);
    assert.deepEqual(
      await query("SELECT DISTINCT u.username, c.ssh_config_file FROM users u JOIN ssh_configs c USING (uid) WHERE c.ssh_config_file LIKE '/home/%' ORDER BY 1"),
      [['alice', '/home/alice/.ssh/config'], ['alice-dup', '/home/alice/.ssh/config']],
    );
    assert.deepEqual(warnings, []);
    await query('SELECT * FROM known_hosts');
    assert.deepEqual(warnings, ['The known_hosts table returns data based on the current user by default, consider JOINing against the users table']);
  });
});

test('SQL: ssh_configs WHERE uid = 1000 keeps only that user (the uid 0 system rows are filtered out)', async () => {
  await withEngine(async (query) => {
    const rows = await query('SELECT DISTINCT uid, ssh_config_file FROM ssh_configs WHERE uid = 1000');
    assert.deepEqual(rows, [['1000', '/home/alice/.ssh/config']]);
  });
});

test('SQL: shadow username pushdown, numeric columns and sudoers through the engine', async () => {
  await withEngine(async (query) => {
    assert.deepEqual(await query("SELECT username, password_status, hash_alg, max, inactive FROM shadow WHERE username IN ('alice', 'carol') ORDER BY 1"), [
      ['alice', 'active', '6', '90', '30'],
      ['carol', 'not_set', '', '-1', '-1'],
    ]);
    assert.deepEqual(await query("SELECT count(*) FROM sudoers WHERE header LIKE '%include%'"), [['3']]);
    assert.deepEqual(await query('SELECT count(*) FROM yum_sources'), [['3']]);
  });
});
