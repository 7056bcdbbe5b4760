import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSqlEngine } from '../../index.js';
import { loadPackQueries } from '../../../../test/support/pack-queries.js';

const mine = new Set(['process_envs', 'process_memory_map', 'process_open_files', 'process_open_pipes', 'process_namespaces', 'iptables']);
const queries = loadPackQueries().filter((q) => q.tables.some((t) => mine.has(t)));

test('the osquery pack queries over processinfo tables are the expected ones', () => {
  assert.deepEqual(queries.map((q) => `${q.pack}/${q.name}`).sort(), [
    'incident-response/iptables', 'incident-response/open_files', 'incident-response/process_env',
    'incident-response/process_memory', 'it-compliance/iptables',
  ]);
});

test('every osquery pack query over processinfo tables runs through SQL', async (t) => {
  const warnings: string[] = [];
  const engine = await createSqlEngine({ timeoutMs: 60_000, onWarning: (m) => warnings.push(m) });
  t.after(() => engine.close());
  for (const q of queries) {
    await t.test(`${q.pack}/${q.name}`, async () => {
      const [result] = await engine.query(q.sql);
      assert.ok(result, 'the query returns a result set');
      assert.ok(result.columns.length > 0);
    });
  }
});

test('SQL: process tables join on pid and see this process', async (t) => {
  const engine = await createSqlEngine();
  t.after(() => engine.close());
  const [envs] = await engine.query(`select count(*) from processes p join process_envs e using (pid) where p.pid = ${process.pid} and e.key = 'PATH'`);
  assert.deepEqual(envs?.rows, [['1']]);
  const [maps] = await engine.query(`select count(*) > 0, sum(pseudo) > 0 from process_memory_map where pid = ${process.pid}`);
  assert.deepEqual(maps?.rows, [['1', '1']]);
  const [ns] = await engine.query(`select n.net_namespace = (select net_namespace from process_namespaces where pid = 1) from process_namespaces n where n.pid = ${process.pid}`);
  assert.equal(ns?.rows.length, 1);
  const [offset] = await engine.query(`select typeof(offset), typeof(inode), typeof(start) from process_memory_map where pid = ${process.pid} limit 1`);
  assert.deepEqual(offset?.rows, [['integer', 'integer', 'text']]);
});
