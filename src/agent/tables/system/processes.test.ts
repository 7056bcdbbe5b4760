import { test } from 'node:test';
import assert from 'node:assert/strict';
import { processesTable } from './processes.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

test('processes yields this process with osquery column shapes', () => {
  const { rows } = runGenerator(processesTable);
  const self = rows.find((r) => r.pid === String(process.pid));
  assert.ok(self, 'own pid present');
  assert.equal(self.path, process.execPath);
  assert.equal(self.on_disk, 1);
  assert.deepEqual(
    validateRows('processes', rows, {
      pid: 'NonNegativeInt', name: 'String', state: /^[A-Za-z]$/, uid: 'NonNegativeInt', gid: 'NonNegativeInt',
      euid: 'NonNegativeInt', parent: 'NonNegativeInt', threads: 'NonNegativeInt', nice: 'Int', start_time: 'Int',
      user_time: 'NonNegativeInt', system_time: 'NonNegativeInt', wired_size: 'NonNegativeInt',
      resident_size: 'NonNegativeOrEmptyInt', total_size: 'NonNegativeOrEmptyInt', on_disk: /^(-1|0|1)$/,
    }),
    [],
  );
});

test('processes with pid = N reads only that pid', () => {
  const { rows } = runGenerator(processesTable, { constraints: { pid: [{ op: '=', value: process.pid }] } });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.pid, String(process.pid));
});

test('processes skips files for columns the query does not read', () => {
  const { rows } = runGenerator(processesTable, { constraints: { pid: [{ op: '=', value: process.pid }] }, usedColumns: ['pid', 'name'] });
  assert.equal(rows[0]?.cmdline, undefined);
  assert.equal(rows[0]?.path, undefined);
});
