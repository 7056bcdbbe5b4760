import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDecorations, type RunSql } from './decorators.js';

const answers: Record<string, Array<Record<string, string>> | Error> = {
  load: [{ host_uuid: 'U', shared: 'load' }],
  always: [{ username: 'alice', shared: 'always' }, { username: 'bob' }],
  hourly: [{ uptime: '10' }],
  daily: [{ shared: 'daily' }],
  broken: new Error('no such table: nope'),
};
const runSql: RunSql = async (sql) => {
  const a = answers[sql];
  if (a instanceof Error) throw a;
  return a ?? [];
};

test('createDecorations() merges load, always and interval columns (later overwrite), first row only', async () => {
  const warnings: string[] = [];
  const d = createDecorations({ load: ['load'], always: ['always', 'broken'], interval: [{ periodS: 3600, queries: ['hourly'] }, { periodS: 86400, queries: ['daily'] }] }, runSql, (m) => warnings.push(m));
  await d.run('load');
  assert.deepEqual(d.current(), { host_uuid: 'U', shared: 'load' });
  await d.run('always');
  assert.deepEqual(d.current(), { host_uuid: 'U', shared: 'always', username: 'alice' });
  await d.run('interval', 7200);
  assert.deepEqual(d.current(), { host_uuid: 'U', shared: 'always', username: 'alice', uptime: '10' });
  await d.run('interval', 86400);
  assert.deepEqual(d.current(), { host_uuid: 'U', shared: 'daily', username: 'alice', uptime: '10' });
  await d.run('interval', 60);
  assert.equal(d.current().uptime, '10', 'an interval tick with nothing due keeps the interval decorations');
  assert.deepEqual(warnings, [
    'Decorator query returned more than one row: always',
    'Error running decorator query: broken: no such table: nope',
  ]);
});

test('createDecorations() does nothing with --disable_decorators', async () => {
  const d = createDecorations({ load: ['load'], always: ['always'], interval: [] }, runSql, () => {}, true);
  await d.run('load');
  await d.run('always');
  assert.deepEqual(d.current(), {});
});
