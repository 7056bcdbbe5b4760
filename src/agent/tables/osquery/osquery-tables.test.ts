import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTableSpecs } from '../../specs/index.js';
import { watchpostVersion } from '../../version.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { flagCatalog } from './flag-catalog.js';
import { setFlagValues } from './flag-values.js';
import { osqueryEventsTable } from './osquery-events.js';
import { osqueryExtensionsTable } from './osquery-extensions.js';
import { osqueryFlagsTable } from './osquery-flags.js';
import { osqueryPacksTable } from './osquery-packs.js';
import { osqueryRegistryTable } from './osquery-registry.js';
import { osqueryScheduleTable } from './osquery-schedule.js';
import { setAgentPlugins, setRegisteredTables } from './registry-view.js';
import { setSchedulerView, type SchedulerView } from './scheduler-view.js';

afterEach(() => {
  setSchedulerView(undefined);
  setFlagValues(undefined);
  setRegisteredTables([]);
  setAgentPlugins([]);
});

const agentView: SchedulerView = {
  scheduledQueries: () => [
    {
      name: 'pack_incident-response_last', query: 'select * from last;', interval: 3600, denylisted: false,
      performance: {
        executions: 4, lastExecuted: 1_764_780_000, outputSize: 2048, wallTime: 1, wallTimeMs: 1250, lastWallTimeMs: 300,
        userTimeMs: 900, lastUserTimeMs: 200, systemTimeMs: 120, lastSystemTimeMs: 30, averageMemory: 4_194_304, lastMemory: 4_096_000,
      },
    },
    { name: 'mounts', query: 'select * from mounts;', interval: 600, denylisted: true },
  ],
  packs: () => [{ name: 'incident-response', platform: 'posix', version: '1.4.5', shard: 0, active: true, discoveryCacheHits: 2, discoveryExecutions: 1 }],
};

test('osquery_schedule and osquery_packs are empty in the shell, as in osqueryi', () => {
  assert.deepEqual(runGenerator(osqueryScheduleTable).rows, []);
  assert.deepEqual(runGenerator(osqueryPacksTable).rows, []);
});

test('osquery_schedule reports the agent\'s schedule, zeros for a query that has not run', () => {
  setSchedulerView(agentView);
  const { rows } = runGenerator(osqueryScheduleTable);
  assert.deepEqual(validateRows('osquery_schedule', rows, {
    name: 'NonEmptyString', query: 'NonEmptyString', interval: 'NonNegativeInt', executions: 'NonNegativeInt', last_executed: 'NonNegativeInt',
    denylisted: 'Bool', output_size: 'NonNegativeInt', wall_time: 'NonNegativeInt', wall_time_ms: 'NonNegativeInt', last_wall_time_ms: 'NonNegativeInt',
    user_time: 'NonNegativeInt', last_user_time: 'NonNegativeInt', system_time: 'NonNegativeInt', last_system_time: 'NonNegativeInt',
    average_memory: 'NonNegativeInt', last_memory: 'NonNegativeInt',
  }), []);
  assert.deepEqual(rows[0], {
    name: 'pack_incident-response_last', query: 'select * from last;', interval: 3600, denylisted: 0, executions: 4, last_executed: 1_764_780_000,
    output_size: 2048, wall_time: 1, wall_time_ms: 1250, last_wall_time_ms: 300, user_time: 900, last_user_time: 200, system_time: 120,
    last_system_time: 30, average_memory: 4_194_304, last_memory: 4_096_000,
  });
  assert.equal(rows[1]?.denylisted, 1);
  assert.equal(rows[1]?.executions, 0);
  assert.equal(rows[1]?.last_executed, 0);
});

test('osquery_packs reports the agent\'s packs', () => {
  setSchedulerView(agentView);
  const { rows } = runGenerator(osqueryPacksTable);
  assert.deepEqual(rows, [{ name: 'incident-response', platform: 'posix', version: '1.4.5', shard: 0, active: 1, discovery_cache_hits: 2, discovery_executions: 1 }]);
});

test('the flag catalog is sorted, unique, and has the flags watchpost sql and the agent read', () => {
  const names = flagCatalog.map((f) => f.name);
  assert.deepEqual(names, [...new Set(names)].sort());
  for (const name of ['config_path', 'logger_path', 'database_path', 'host_identifier', 'specified_identifier', 'pidfile',
    'schedule_splay_percent', 'logger_event_type', 'utc', 'disable_events', 'nullvalue', 'json', 'csv']) {
    assert.ok(names.includes(name), name);
  }
  for (const f of flagCatalog) {
    if (f.type === 'bool') assert.match(f.defaultValue, /^(true|false)$/, f.name);
    if (f.type === 'uint64') assert.match(f.defaultValue, /^\d+$/, f.name);
  }
});

test('osquery_flags shows defaults and the values in force, shell flags marked', () => {
  const { rows } = runGenerator(osqueryFlagsTable);
  assert.equal(rows.length, flagCatalog.length);
  assert.deepEqual(validateRows('osquery_flags', rows, {
    name: /^[a-z_]{3,}$/, type: /^(bool|string|uint64|int32|double)$/, description: 'NonEmptyString', default_value: 'String', value: 'String', shell_only: 'Bool',
  }), []);
  const byName = new Map(rows.map((r) => [r.name, r]));
  assert.deepEqual(byName.get('disable_events'), {
    name: 'disable_events', type: 'bool', description: 'Disable osquery publish/subscribe system', default_value: 'false', value: 'true', shell_only: 0,
  });
  assert.deepEqual([byName.get('config_path')?.value, byName.get('json')?.shell_only, byName.get('separator')?.value], ['/etc/osquery/osquery.conf', 1, '|']);
});

test('osquery_flags takes the agent\'s values and lists custom_ flags', () => {
  setFlagValues({ host_identifier: 'uuid', custom_team: 'blue', not_a_flag: 'x' });
  const { rows } = runGenerator(osqueryFlagsTable);
  const byName = new Map(rows.map((r) => [r.name, r]));
  assert.equal(byName.get('host_identifier')?.value, 'uuid');
  assert.equal(byName.get('host_identifier')?.default_value, 'hostname');
  assert.equal(byName.get('disable_events')?.value, 'false');
  assert.deepEqual(byName.get('custom_team'), { name: 'custom_team', type: 'string', description: '', default_value: '', value: 'blue', shell_only: 0 });
  assert.equal(byName.has('not_a_flag'), false);
  assert.deepEqual(rows.map((r) => r.name), rows.map((r) => String(r.name)).sort());
});

test('osquery_events lists osquery\'s Linux publishers and one subscriber per evented table, all inactive', () => {
  const { rows } = runGenerator(osqueryEventsTable);
  assert.deepEqual(validateRows('osquery_events', rows, {
    name: 'NonEmptyString', publisher: 'NonEmptyString', type: /^(publisher|subscriber)$/, subscriptions: 'NonNegativeInt', events: 'NonNegativeInt', refreshes: 'NonNegativeInt', active: /^0$/,
  }), []);
  const publishers = rows.filter((r) => r.type === 'publisher');
  assert.deepEqual(publishers.map((r) => r.name), ['BPFEventPublisher', 'auditeventpublisher', 'inotify', 'syslog', 'udev']);
  assert.ok(publishers.every((r) => r.publisher === r.name));
  const evented = [...loadTableSpecs().values()].filter((s) => s.evented).map((s) => s.name).sort();
  const subscribers = rows.filter((r) => r.type === 'subscriber');
  assert.deepEqual(subscribers.map((r) => r.name), evented);
  assert.ok(subscribers.every((r) => publishers.some((p) => p.name === r.publisher)), 'each subscriber names a listed publisher');
  assert.equal(subscribers.find((r) => r.name === 'file_events')?.publisher, 'inotify');
});

test('osquery_registry lists the registered tables, utility tables internal, and inactive event plugins', () => {
  setRegisteredTables(['processes', 'osquery_info', 'file_events']);
  setAgentPlugins([{ registry: 'logger', name: 'filesystem', internal: false, active: true }]);
  const { rows } = runGenerator(osqueryRegistryTable);
  assert.deepEqual(validateRows('osquery_registry', rows, { registry: 'NonEmptyString', name: 'NonEmptyString', owner_uuid: /^0$/, internal: 'Bool', active: 'Bool' }), []);
  const brief = rows.map((r) => `${r.registry}/${r.name} internal=${r.internal} active=${r.active}`);
  assert.deepEqual(brief.filter((b) => !b.startsWith('event_')), [
    'logger/filesystem internal=0 active=1',
    'table/file_events internal=0 active=1',
    'table/osquery_info internal=1 active=1',
    'table/processes internal=0 active=1',
  ]);
  assert.equal(brief.indexOf('event_publisher/BPFEventPublisher internal=0 active=0'), 0);
  assert.equal(rows.filter((r) => r.registry === 'event_subscriber').length, 13);
  assert.ok(rows.filter((r) => String(r.registry).startsWith('event_')).every((r) => r.active === 0));
});

test('osquery_extensions has the core row only', () => {
  const { rows } = runGenerator(osqueryExtensionsTable);
  assert.deepEqual(rows, [{ uuid: 0, name: 'core', version: watchpostVersion, sdk_version: '5.23.1', path: '', type: 'core' }]);
  assert.deepEqual(validateRows('osquery_extensions', rows, { uuid: /^0$/, name: 'NonEmptyString', version: /^\d+\.\d+\.\d+/, sdk_version: /^\d+\.\d+\.\d+$/, type: /^core$/ }), []);
});
