import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine, type SqlEngine } from '../../index.js';
import { loadPackQueries } from '../../../../test/support/pack-queries.js';
import { setSchedulerView } from './scheduler-view.js';

async function withEngine(fn: (engine: SqlEngine) => Promise<void>): Promise<void> {
  const engine = await createSqlEngine({ timeoutMs: 30_000 });
  try {
    await fn(engine);
  } finally {
    await engine.close();
  }
}

const rowsOf = async (engine: SqlEngine, sql: string): Promise<ReadonlyArray<ReadonlyArray<string | null>>> => (await engine.query(sql))[0]?.rows ?? [];

const mine = new Set(['osquery_schedule', 'osquery_packs', 'osquery_flags', 'osquery_events', 'osquery_registry', 'osquery_extensions', 'osquery_info']);
const queries = loadPackQueries().filter((q) => q.tables.some((t) => mine.has(t)));

test('the osquery pack queries over osquery_* tables are the expected ones', () => {
  assert.deepEqual(queries.map((q) => `${q.pack}/${q.name}`).sort(), [
    'it-compliance/osquery_info', 'osquery-monitoring/events', 'osquery-monitoring/osquery_info', 'osquery-monitoring/schedule',
  ]);
});

test('every osquery pack query over osquery_* tables runs through SQL', () =>
  withEngine(async (engine) => {
    for (const q of queries) {
      const [result] = await engine.query(q.sql);
      assert.ok(result && result.columns.length > 0, `${q.pack}/${q.name} returns a result set`);
    }
  }));

test('SQL: watchpost sql answers the utility tables as osqueryi does', () =>
  withEngine(async (engine) => {
    assert.deepEqual(await rowsOf(engine, 'select count(*) from osquery_schedule'), [['0']]);
    assert.deepEqual(await rowsOf(engine, 'select count(*) from osquery_packs'), [['0']]);
    assert.deepEqual(await rowsOf(engine, "select type, count(*), sum(active) from osquery_events group by type order by type"), [['publisher', '5', '0'], ['subscriber', '13', '0']]);
    assert.deepEqual(await rowsOf(engine, "select default_value, value, shell_only from osquery_flags where name = 'disable_events'"), [['false', 'true', '0']]);
    assert.deepEqual(await rowsOf(engine, 'select uuid, name, type from osquery_extensions'), [['0', 'core', 'core']]);
  }));

test('SQL: osquery_registry answers Fleet\'s table discovery for exactly the registered tables', () =>
  withEngine(async (engine) => {
    const discovery = (table: string): string => `select 1 from osquery_registry where active = true and registry = 'table' and name = '${table}'`;
    assert.deepEqual(await rowsOf(engine, discovery('iptables')), [['1']]);
    assert.deepEqual(await rowsOf(engine, discovery('osquery_registry')), [['1']]);
    assert.deepEqual(await rowsOf(engine, discovery('no_such_table')), []);
    const [[count]] = (await rowsOf(engine, "select count(*) from osquery_registry where registry = 'table'")) as [[string]];
    assert.equal(Number(count), engine.tables().length);
  }));

test('SQL: the agent\'s schedule shows through osquery_schedule, blacklisted alias included', () =>
  withEngine(async (engine) => {
    setSchedulerView({
      scheduledQueries: () => [{ name: 'pack_osquery-monitoring_schedule', query: 'select 1;', interval: 7200, denylisted: true }],
      packs: () => [],
    });
    try {
      assert.deepEqual(await rowsOf(engine, 'select name, interval, denylisted, blacklisted, executions, (user_time/executions) from osquery_schedule'),
        [['pack_osquery-monitoring_schedule', '7200', '1', '1', '0', null]]);
    } finally {
      setSchedulerView(undefined);
    }
  }));
