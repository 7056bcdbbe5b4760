import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRotatingLog } from './log-file.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

test('createRotatingLog() appends lines with mode 0640 and never rotates by default', () => {
  const dir = tempDir('wp-log-');
  const log = createRotatingLog(join(dir, 'osqueryd.results.log'), { rotateSizeBytes: 10 });
  log.append(['a'.repeat(20)]);
  log.append(['b', 'c']);
  log.close();
  assert.equal(readFileSync(join(dir, 'osqueryd.results.log'), 'utf8'), `${'a'.repeat(20)}\nb\nc\n`);
  assert.equal(statSync(join(dir, 'osqueryd.results.log')).mode & 0o777, 0o640);
  assert.deepEqual(readdirSync(dir), ['osqueryd.results.log']);
});

test('createRotatingLog() rotates a full file to .1, shifts older ones and keeps at most maxFiles', () => {
  const dir = tempDir('wp-log-');
  const path = join(dir, 'r.log');
  const log = createRotatingLog(path, { rotate: true, rotateSizeBytes: 4, maxFiles: 2 });
  for (const line of ['one', 'two', 'three', 'four', 'five']) log.append([line]);
  log.close();
  assert.deepEqual(readdirSync(dir).sort(), ['r.log', 'r.log.1', 'r.log.2']);
  assert.equal(readFileSync(path, 'utf8'), 'five\n');
  assert.equal(readFileSync(`${path}.1`, 'utf8'), 'four\n');
  assert.equal(readFileSync(`${path}.2`, 'utf8'), 'three\n');
});

test('createRotatingLog() continues an existing file and counts its size', () => {
  const dir = tempDir('wp-log-');
  const path = join(dir, 'r.log');
  const first = createRotatingLog(path, { rotate: true, rotateSizeBytes: 8 });
  first.append(['12345']);
  first.close();
  const second = createRotatingLog(path, { rotate: true, rotateSizeBytes: 8 });
  second.append(['6']);
  second.append(['7']);
  second.close();
  assert.equal(readFileSync(`${path}.1`, 'utf8'), '12345\n6\n');
  assert.equal(readFileSync(path, 'utf8'), '7\n');
});
