import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine, type SqlEngine } from './engine.js';
import type { Constraint, QueryContext, Row, TableImpl } from '../tables/table.js';
import { isErrorCode } from '../../core/index.js';

interface Call {
  readonly table: string;
  readonly constraints: Record<string, readonly Constraint[]>;
  readonly used: string[];
}

/** Fake tables over fixed rows that record what the SQL layer hands their generator. */
function recordingTable(name: string, rows: Row[], calls: Call[], columns: string[]): TableImpl {
  return {
    name,
    reads: [],
    *generate(ctx: QueryContext) {
      const constraints: Record<string, readonly Constraint[]> = {};
      for (const c of columns) if (ctx.constraints(c).length) constraints[c] = ctx.constraints(c);
      calls.push({ table: name, constraints, used: columns.filter((c) => ctx.isColumnUsed(c)) });
      yield* rows;
    },
  };
}

async function withEngine(fn: (engine: SqlEngine, calls: Call[]) => Promise<void>): Promise<void> {
  const calls: Call[] = [];
  const processes = recordingTable('processes', [
    { pid: 1, name: 'init', path: '/sbin/init' },
    { pid: 42, name: 'sshd', path: '/usr/sbin/sshd', resident_size: '' },
  ], calls, ['pid', 'name', 'path']);
  const file = recordingTable('file', [{ path: '/etc/passwd', filename: 'passwd', size: 1234 }], calls, ['path', 'directory']);
  const hosts = recordingTable('etc_hosts', [{ address: '127.0.0.1', hostnames: 'localhost' }], calls, ['address']);
  const engine = await createSqlEngine({ tables: new Map([processes, file, hosts].map((t) => [t.name, t])) });
  try {
    await fn(engine, calls);
  } finally {
    await engine.close();
  }
}

test('createSqlEngine pushes an = constraint on an index column down to the generator', () =>
  withEngine(async (engine, calls) => {
    const [result] = await engine.query('SELECT name FROM processes WHERE pid = 42');
    assert.deepEqual(result?.rows, [['sshd']]);
    assert.deepEqual(calls[0]?.constraints, { pid: [{ op: '=', value: 42 }] });
  }));

test('createSqlEngine hands a LIKE on a required column to the generator', () =>
  withEngine(async (engine, calls) => {
    await engine.query("SELECT filename FROM file WHERE path LIKE '/etc/%'");
    assert.deepEqual(calls[0]?.constraints, { path: [{ op: 'LIKE', value: '/etc/%' }] });
  }));

test('createSqlEngine does not push constraints on plain columns', () =>
  withEngine(async (engine, calls) => {
    const [result] = await engine.query("SELECT pid FROM processes WHERE name = 'init'");
    assert.deepEqual(result?.rows, [['1']]);
    assert.deepEqual(calls[0]?.constraints, {});
  }));

test('createSqlEngine reports which columns a statement reads', () =>
  withEngine(async (engine, calls) => {
    await engine.query('SELECT name FROM processes');
    assert.deepEqual(calls[0]?.used, ['name']);
  }));

test('createSqlEngine converts cells as osquery does: missing text is empty, empty numbers are NULL', () =>
  withEngine(async (engine) => {
    const [result] = await engine.query("SELECT cmdline, resident_size, typeof(resident_size) AS t FROM processes WHERE pid = 42");
    assert.deepEqual(result?.rows, [['', null, 'null']]);
  }));

test('createSqlEngine makes foreign-platform columns hidden and empty', () =>
  withEngine(async (engine) => {
    const [star] = await engine.query('SELECT * FROM processes WHERE pid = 1');
    assert.ok(!star?.columns.includes('elevated_token'));
    const [hidden] = await engine.query('SELECT elevated_token FROM processes WHERE pid = 1');
    assert.deepEqual(hidden?.rows, [[null]]);
  }));

test('createSqlEngine serves table aliases as views', () =>
  withEngine(async (engine) => {
    const [result] = await engine.query('SELECT hostnames FROM hosts');
    assert.deepEqual(result?.rows, [['localhost']]);
  }));

test('createSqlEngine joins through an indexed inner table with one lookup per outer row', () =>
  withEngine(async (engine, calls) => {
    const [result] = await engine.query('SELECT p.name FROM etc_hosts h JOIN processes p ON p.pid = 42');
    assert.deepEqual(result?.rows, [['sshd']]);
    assert.ok(calls.some((c) => c.table === 'processes' && c.constraints.pid?.[0]?.value === 42));
  }));

const failures: Array<{ name: string; sql: string; code: string; message: RegExp }> = [
  { name: 'syntax error', sql: 'selec 1', code: 'ERR_AGENT_SQL', message: /^near "selec": syntax error$/ },
  { name: 'unknown table', sql: 'select * from foo', code: 'ERR_AGENT_SQL', message: /^no such table: foo$/ },
  {
    name: 'missing required column',
    sql: 'select * from file',
    code: 'ERR_AGENT_SQL',
    message: /^Table file was queried without a required column in the WHERE clause$/,
  },
  { name: 'ATTACH', sql: "attach '/tmp/watchpost-attach-test.db' as x", code: 'ERR_AGENT_READ_ONLY', message: /^ATTACH is not allowed/ },
  { name: 'CREATE TABLE', sql: 'create table t(a)', code: 'ERR_AGENT_READ_ONLY', message: /^CREATE TABLE is not allowed/ },
  { name: 'CREATE TEMP VIEW', sql: 'create temp view v as select 1', code: 'ERR_AGENT_READ_ONLY', message: /^CREATE VIEW is not allowed/ },
  { name: 'INSERT', sql: "insert into processes(pid) values (3)", code: 'ERR_AGENT_READ_ONLY', message: /^INSERT is not allowed/ },
  { name: 'DELETE', sql: 'delete from processes', code: 'ERR_AGENT_READ_ONLY', message: /^(DELETE|writing to table processes) is not allowed/ },
  { name: 'writing PRAGMA', sql: 'pragma journal_mode = wal', code: 'ERR_AGENT_READ_ONLY', message: /^PRAGMA journal_mode is not allowed/ },
  { name: 'load_extension', sql: "select load_extension('/tmp/x.so')", code: 'ERR_AGENT_SQL', message: /load_extension/ },
];

for (const f of failures) {
  test(`createSqlEngine refuses ${f.name} with a clear error`, () =>
    withEngine(async (engine) => {
      await assert.rejects(engine.query(f.sql), (err: unknown) => {
        assert.ok(isErrorCode(err, f.code as 'ERR_AGENT_SQL'), `code of ${String(err)}`);
        assert.match((err as Error).message, f.message);
        return true;
      });
      // The engine stays usable after a failure.
      const [ok] = await engine.query('select 1 as one');
      assert.deepEqual(ok?.rows, [['1']]);
    }));
}

test('createSqlEngine allows read-only PRAGMAs', () =>
  withEngine(async (engine) => {
    const [result] = await engine.query("pragma table_info('processes')");
    assert.ok((result?.rows.length ?? 0) > 3);
  }));

test('createSqlEngine creates no file on ATTACH', async () => {
  const { existsSync } = await import('node:fs');
  await withEngine(async (engine) => {
    await assert.rejects(engine.query("attach '/tmp/watchpost-attach-test.db' as x"));
  });
  assert.equal(existsSync('/tmp/watchpost-attach-test.db'), false);
});

test('createSqlEngine interrupts a statement past its timeout', () =>
  withEngine(async (engine) => {
    const sql = 'with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c';
    await assert.rejects(engine.query(sql, { timeoutMs: 100 }), (err: unknown) => {
      assert.ok(isErrorCode(err, 'ERR_AGENT_QUERY_TIMEOUT'));
      assert.match((err as Error).message, /exceeded the 100 ms timeout/);
      return true;
    });
  }));

test('createSqlEngine runs every statement of a multi-statement text', () =>
  withEngine(async (engine) => {
    const results = await engine.query('select 1 as a; select 2 as b;');
    assert.deepEqual(results.map((r) => r.columns), [['a'], ['b']]);
  }));

test('createSqlEngine renders values as SQLite text', () =>
  withEngine(async (engine) => {
    const [result] = await engine.query('select 1.5, 2.0, 9007199254740993, null, \'x\'');
    assert.deepEqual(result?.rows, [['1.5', '2.0', '9007199254740993', null, 'x']]);
  }));

test('createSqlEngine stops sleep() at the statement deadline', () =>
  withEngine(async (engine) => {
    const started = Date.now();
    await assert.rejects(engine.query('select sleep(5)', { timeoutMs: 200 }), (err: unknown) => isErrorCode(err, 'ERR_AGENT_QUERY_TIMEOUT'));
    assert.ok(Date.now() - started < 2000);
  }));
