import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WatchpostError } from '../../core/index.js';
import { prepareConfigText } from './config-text.js';
import { parseAgentConfig } from './config-parse.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

test('prepareConfigText() drops # and // lines, joins backslash-newline and keeps original line numbers', () => {
  const raw = ['{', '  # hash comment', '  // slash comment', '  "a": "x \\', 'y",', '  "b": 1', '}'].join('\n');
  const p = prepareConfigText(raw);
  assert.equal(p.text, '{\n"a": "x y",\n"b": 1\n}');
  assert.deepEqual(p.lineMap, [1, 4, 6, 7]);
});

test('parseAgentConfig() reads comments, line joins, schedule, packs and decorators', () => {
  const text = `{
  // a comment line
  # another
  "options": { "host_identifier": "uuid", "schedule_splay_percent": 20, "logger_event_type": false },
  "schedule": {
    "users": { "query": "SELECT * \\
FROM users;", "interval": "600", "removed": false, "platform": "linux", "shard": "50" },
    "mounts": { "query": "SELECT * FROM mounts;", "snapshot": true, "startup_priority": 2 }
  },
  "packs": { "p": { "platform": "posix", "version": "4.0.0", "discovery": ["SELECT 1;"], "queries": { "q": { "query": "SELECT 1;", "interval": 60 } } } },
  "decorators": { "load": ["SELECT 1 AS one;"], "always": ["SELECT 2 AS two;"], "interval": { "3600": ["SELECT 3 AS three;"], "90": ["SELECT 4;"] } },
  "file_paths": { "etc": ["/etc/%%"] },
  "prometheus_targets": { "urls": ["http://127.0.0.1:9100/metrics"] }
}`;
  const c = parseAgentConfig(text, { file: 'osquery.conf' });
  assert.deepEqual(c.options, { host_identifier: 'uuid', schedule_splay_percent: '20', logger_event_type: 'false' });
  const [main, p] = c.packs;
  assert.equal(main?.name, 'main');
  assert.deepEqual(main?.queries.map((q) => [q.name, q.query, q.intervalS, q.snapshot, q.removed, q.platform, q.shard, q.startupPriority]), [
    ['users', 'SELECT * FROM users;', 600, false, false, 'linux', 50, undefined],
    ['mounts', 'SELECT * FROM mounts;', 3600, true, true, '', 0, 2],
  ]);
  assert.deepEqual([p?.name, p?.platform, p?.version, p?.discovery, p?.queries[0]?.intervalS], ['p', 'posix', '4.0.0', ['SELECT 1;'], 60]);
  assert.deepEqual(c.decorators, { load: ['SELECT 1 AS one;'], always: ['SELECT 2 AS two;'], interval: [{ periodS: 3600, queries: ['SELECT 3 AS three;'] }] });
  assert.deepEqual(c.warnings, ['Decorator interval must be a multiple of 60: 90']);
  assert.deepEqual(c.filePaths, { etc: ['/etc/%%'] });
  assert.deepEqual(c.prometheusTargets, { urls: ['http://127.0.0.1:9100/metrics'] });
  assert.match(c.hash, /^[0-9a-f]{40}$/);
});

test('parseAgentConfig() skips what osquery skips, with warnings', () => {
  const c = parseAgentConfig(
    JSON.stringify({
      schedule: {
        ok: { query: 'SELECT 1;' },
        zero: { query: 'SELECT 1;', interval: 0 },
        huge: { query: 'SELECT 1;', interval: 604801 },
        'query.x': { query: 'SELECT 1;' },
        my_epoch: { query: 'SELECT 1;' },
      },
    }),
    { file: 'c.conf', defaultIntervalS: 120 },
  );
  assert.deepEqual(c.packs[0]?.queries.map((q) => [q.name, q.intervalS]), [['ok', 120]]);
  assert.deepEqual(c.warnings, [
    'Query has invalid interval: zero: 0',
    'Query has invalid interval: huge: 604801',
    'Query name is reserved, skipping: query.x',
    'Query name is reserved, skipping: my_epoch',
  ]);
});

const errorCases: Array<{ name: string; text: string; message: string }> = [
  { name: 'a JSON syntax error names the original line', text: '{\n# c\n"schedule": {\n"a": {"query": "x",}\n}\n}', message: 'c.conf:4: invalid JSON: expected a quoted object key, found \'}\'' },
  { name: 'an unterminated document', text: '{"schedule": {', message: 'c.conf:1: invalid JSON: expected a quoted object key, found end of input' },
  { name: 'a missing comma between members', text: '{"schedule": {}\n"packs": {}}', message: 'c.conf:2: invalid JSON: expected \',\' or \'}\' in object, found \'"\'' },
  { name: 'a missing comma between array items', text: '{"decorators": {"load": ["SELECT 1;"\n "SELECT 2;"]}}', message: 'c.conf:2: invalid JSON: expected \',\' or \']\' in array, found \'"\'' },
  { name: 'the top level must be an object', text: '[1]', message: 'c.conf:1: (top level): must be an object, not an array' },
  { name: 'a non-numeric interval names its key and line', text: '{\n"schedule": {\n  "users": {\n    "query": "SELECT 1;",\n    "interval": "often"\n  }\n}\n}', message: 'c.conf:5: schedule.users.interval: must be a number of seconds, not "often"' },
  { name: 'a missing query', text: '{"packs": {"p": {"queries": {"q": {"interval": 10}}}}}', message: 'c.conf:1: packs.p.queries.q: missing "query"' },
  { name: 'a query that is not a string', text: '{"schedule": {"q": {"query": 5}}}', message: 'c.conf:1: schedule.q.query: must be a string, not a number' },
  { name: 'snapshot must be boolean', text: '{"schedule": {"q": {"query": "x", "snapshot": "yes"}}}', message: 'c.conf:1: schedule.q.snapshot: must be true or false, not "yes"' },
  { name: 'decorators.load must be strings', text: '{"decorators": {"load": ["a", 1]}}', message: 'c.conf:1: decorators.load.1: must be a string, not a number' },
  { name: 'options must be an object', text: '{"options": []}', message: 'c.conf:1: options: must be an object, not an array' },
  { name: 'absurd nesting', text: '['.repeat(100_000), message: 'c.conf:1: invalid JSON: nesting deeper than 256 levels' },
  { name: 'a line after a joined line maps back', text: '{"schedule": {"q": {"query": "a \\\nb",\n"interval": []}}}', message: 'c.conf:3: schedule.q.interval: must be a number of seconds, not []' },
];

for (const c of errorCases) {
  test(`parseAgentConfig() refuses ${c.name}`, () => {
    assert.throws(
      () => parseAgentConfig(c.text, { file: 'c.conf' }),
      (err: unknown) => err instanceof WatchpostError && err.code === 'ERR_CONFIG_INVALID' && err.message === c.message,
    );
  });
}

test('parseAgentConfig() reads packs given as a path and as a "*" glob, and names an unreadable one', () => {
  const dir = tempDir('wp-packs-');
  writeFileSync(join(dir, 'a.conf'), '{\n// pack a\n"queries": {"x": {"query": "SELECT 1;", "interval": 10}}}');
  writeFileSync(join(dir, 'b.conf'), '{"queries": {"y": {"query": "SELECT 2;"}}}');
  const conf = join(dir, 'osquery.conf');
  const c = parseAgentConfig(JSON.stringify({ packs: { one: join(dir, 'a.conf'), '*': join(dir, '*.conf') } }), { file: conf });
  assert.deepEqual(c.packs.map((p) => [p.name, p.queries.map((q) => q.name)]), [['one', ['x']], ['a', ['x']], ['b', ['y']]]);
  assert.equal(c.packs[0]?.source, join(dir, 'a.conf'));
  assert.throws(
    () => parseAgentConfig('{\n"packs": {\n"gone": "missing.conf"}}', { file: conf }),
    { message: `${conf}:3: packs.gone: cannot read pack file ${join(dir, 'missing.conf')}: no such file` },
  );
  writeFileSync(join(dir, 'bad.json'), '{\n"queries": {\n"x": {"query": 1}}}');
  assert.throws(() => parseAgentConfig(JSON.stringify({ packs: { bad: join(dir, 'bad.json') } }), { file: conf }), {
    message: `${join(dir, 'bad.json')}:3: queries.x.query: must be a string, not a number`,
  });
});

test('parseAgentConfig() keeps the first of duplicate names', () => {
  const c = parseAgentConfig('{"schedule": {"a": {"query": "SELECT 1;"}, "a": {"query": "SELECT 2;"}}}', { file: 'c.conf' });
  assert.deepEqual(c.packs[0]?.queries.map((q) => q.query), ['SELECT 1;']);
});
