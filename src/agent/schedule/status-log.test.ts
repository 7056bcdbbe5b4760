import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRotatingLog } from './log-file.js';
import { createStatusLogger, formatGlogLine } from './status-log.js';
import { useTempDirs } from './testing/temp-agent.js';

const tempDir = useTempDirs();

test('createStatusLogger() writes osquery\'s status JSON (field order, numbers) and the glog text line', () => {
  const dir = tempDir('wp-status-');
  const json = createRotatingLog(join(dir, 'osqueryd.status.log'));
  const glog = createRotatingLog(join(dir, 'osqueryd.INFO'));
  const status = createStatusLogger(json, glog, { hostIdentifier: () => 'web-1', decorations: () => ({ username: 'alice', host_uuid: 'U' }), version: '0.1.0', now: () => 1412123850_250 });
  status.warning('virtual_table.cpp', 1011, 'Table file was queried without a required column in the WHERE clause');
  json.close();
  glog.close();
  assert.equal(
    readFileSync(join(dir, 'osqueryd.status.log'), 'utf8'),
    '{"hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"severity":1,"filename":"virtual_table.cpp","line":1011,"message":"Table file was queried without a required column in the WHERE clause","version":"0.1.0","decorations":{"host_uuid":"U","username":"alice"}}\n',
  );
  assert.match(readFileSync(join(dir, 'osqueryd.INFO'), 'utf8'), /^W1001 00:37:30\.250000 +\d+ virtual_table\.cpp:1011\] Table file was queried/);
});

test('formatGlogLine() pads the thread id to 5 and uses I/W/E', () => {
  assert.equal(formatGlogLine({ severity: 2, filename: 'scheduler.cpp', line: 125, message: 'x' }, Date.UTC(2026, 11, 3, 18, 10, 10, 123), 42), 'E1203 18:10:10.123000    42 scheduler.cpp:125] x');
  assert.equal(formatGlogLine({ severity: 0, filename: 'a.cpp', line: 1, message: 'y' }, Date.UTC(2026, 0, 9, 1, 2, 3, 4), 123456), 'I0109 01:02:03.004000 123456 a.cpp:1] y');
});
