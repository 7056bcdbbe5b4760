import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WatchpostError } from '../../core/index.js';
import { parseAgentArgs } from './agent-flags.js';
import { loadAgentConfig } from './load-config.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

test('loadAgentConfig(): a missing file is ERR_NO_INPUT; a parse error names file:line once', () => {
  const dir = tempDir('wp-load-config-');
  const file = join(dir, 'osquery.conf');
  assert.throws(() => loadAgentConfig(parseAgentArgs([`--config_path=${file}`])), (err: unknown) => {
    assert.ok(err instanceof WatchpostError);
    assert.deepEqual([err.code, err.message], ['ERR_NO_INPUT', `cannot read config file ${file}: no such file`]);
    return true;
  });
  writeFileSync(file, '{\n"schedule": {"a": {"query": "SELECT 1;", "interval": "x"}}\n}\n');
  assert.throws(() => loadAgentConfig(parseAgentArgs([`--config_path=${file}`])), (err: unknown) => {
    assert.ok(err instanceof WatchpostError);
    assert.deepEqual([err.code, err.message], ['ERR_CONFIG_INVALID', `${file}:2: schedule.a.interval: must be a number of seconds, not "x"`]);
    return true;
  });
  writeFileSync(file, '{"schedule": {"a": {"query": "SELECT 1;", "interval": 60}}}');
  assert.deepEqual(loadAgentConfig(parseAgentArgs([`--config_path=${file}`])).packs.flatMap((p) => p.queries.map((q) => [p.name, q.name, q.intervalS])), [['main', 'a', 60]]);
});
