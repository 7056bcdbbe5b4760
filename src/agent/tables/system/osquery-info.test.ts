import { test } from 'node:test';
import assert from 'node:assert/strict';
import { osqueryInfoTable, setAgentConfigState } from './osquery-info.js';
import { systemInfoTable } from './system-info.js';
import { watchpostVersion } from '../../version.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

test('osquery_info describes this Watchpost process with osquery column shapes', () => {
  const { rows } = runGenerator(osqueryInfoTable);
  assert.equal(rows.length, 1);
  const row = rows[0] ?? {};
  assert.equal(row.pid, process.pid);
  assert.equal(row.version, watchpostVersion);
  assert.equal(row.uuid, runGenerator(systemInfoTable).rows[0]?.uuid);
  assert.ok(Number(row.start_time) <= Date.now() / 1000 && Number(row.start_time) > Date.now() / 1000 - 3600);
  assert.deepEqual(
    validateRows('osquery_info', rows, {
      pid: 'NonNegativeInt', uuid: 'NonEmptyString', instance_id: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      version: 'NonEmptyString', config_hash: 'String', config_valid: 'Bool', extensions: (v) => v === 'inactive',
      build_platform: (v) => v === 'linux', build_distro: /^node\d+$/, start_time: 'NonNegativeInt', watcher: (v) => v === '-1',
      platform_mask: (v) => v === '9',
    }),
    [],
  );
});

test('osquery_info keeps its instance_id for the life of the process', () => {
  assert.equal(runGenerator(osqueryInfoTable).rows[0]?.instance_id, runGenerator(osqueryInfoTable).rows[0]?.instance_id);
});

test('osquery_info reports the config state the scheduler records', () => {
  assert.deepEqual([runGenerator(osqueryInfoTable).rows[0]?.config_hash, runGenerator(osqueryInfoTable).rows[0]?.config_valid], ['', 0]);
  setAgentConfigState({ configHash: 'b2c3', configValid: true });
  try {
    const row = runGenerator(osqueryInfoTable).rows[0];
    assert.deepEqual([row?.config_hash, row?.config_valid], ['b2c3', 1]);
  } finally {
    setAgentConfigState({ configHash: '', configValid: false });
  }
});
