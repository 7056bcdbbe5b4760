import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchpostError } from '../../core/index.js';
import { optionWarnings, parseAgentArgs } from './agent-flags.js';

test('parseAgentArgs() reads --a=b, --a b, -a=b, --bool, --nobool and defaults', () => {
  const f = parseAgentArgs(['--config_path=/c', '--logger_path', '/l', '-database_path=/d', '--utc', '--nologger_event_type', '--custom_x=1']);
  assert.equal(f.string('config_path'), '/c');
  assert.equal(f.string('logger_path'), '/l');
  assert.equal(f.string('database_path'), '/d');
  assert.equal(f.bool('logger_event_type'), false);
  assert.equal(f.bool('utc'), true);
  assert.equal(f.number('schedule_splay_percent'), 10);
  assert.equal(f.string('host_identifier'), 'hostname');
  assert.equal(f.entries().get('custom_x'), '1');
});

test('parseAgentArgs() reads a --flagfile in place, skipping comments; later flags win', () => {
  const files: Record<string, string> = { '/f': '# osquery flags\n--host_identifier=specified\n\n--specified_identifier=web-1\n--schedule_epoch=4\n' };
  const f = parseAgentArgs(['--schedule_epoch=1', '--flagfile=/f', '--schedule_epoch=7'], (p) => files[p] ?? '');
  assert.deepEqual([f.string('host_identifier'), f.string('specified_identifier'), f.number('schedule_epoch')], ['specified', 'web-1', 7]);
});

test('AgentFlags.withOptions() applies config options except CLI-only flags, and keeps aliases and custom_*', () => {
  const f = parseAgentArgs(['--database_path=/d']).withOptions({ database_path: '/x', log_numerics_as_numbers: 'true', schedule_epoch: '3', custom_team: 'a', unknown_flag: 'z' });
  assert.equal(f.string('database_path'), '/d');
  assert.equal(f.bool('logger_numerics'), true);
  assert.equal(f.number('schedule_epoch'), 3);
  assert.equal(f.entries().get('custom_team'), 'a');
  assert.equal(f.entries().has('unknown_flag'), false);
});

const bad: Array<[string[], string]> = [
  [['--no_such_flag=1'], "ERROR: unknown command line flag 'no_such_flag'"],
  [['--utc=maybe'], "ERROR: illegal value 'maybe' specified for bool flag 'utc'"],
  [['--schedule_epoch=x'], "ERROR: illegal value 'x' specified for uint64 flag 'schedule_epoch'"],
  [['--logger_path'], "ERROR: flag '--logger_path' is missing its argument"],
  [['stray'], "ERROR: unexpected argument 'stray' (flags look like --name=value)"],
];
for (const [argv, message] of bad) {
  test(`parseAgentArgs() refuses ${argv.join(' ')}`, () => {
    assert.throws(() => parseAgentArgs(argv), (e: unknown) => e instanceof WatchpostError && e.code === 'ERR_CLI_USAGE' && e.message === message);
  });
}

test('optionWarnings() names unknown options and CLI-only flags as osquery does, and accepts custom_* and aliases', () => {
  assert.deepEqual(optionWarnings({ log_result_events: 'true', pidfile: '/x', custom_team: 'a', log_numerics_as_numbers: 'true', schedule_epoch: '1' }), [
    'Cannot set unknown or invalid flag: log_result_events',
    'The CLI only flag --pidfile set via config file will be ignored, please use a flagfile or pass it to the process at startup',
  ]);
});
