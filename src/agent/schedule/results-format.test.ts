import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serializeRow } from './differential.js';
import { formatBatchLine, formatCalendarTime, formatEventLines, formatSnapshotLine, type ResultHeader } from './results-format.js';

const h: ResultHeader = { name: 'pack_ssh_last', hostIdentifier: 'web-1', unixTime: 1412123850, epoch: 0, counter: 3, numerics: false, decorations: { username: 'alice', host_uuid: 'U' } };
const row = serializeRow({ username: 'bob', type: '7', host: '10.0.0.5' });

test('formatCalendarTime() is UTC asctime plus " UTC", day padded with a space', () => {
  assert.equal(formatCalendarTime(1412098650), 'Tue Sep 30 17:37:30 2014 UTC');
  assert.equal(formatCalendarTime(1462228052), 'Mon May  2 22:27:32 2016 UTC');
});

test('formatEventLines() writes osquery\'s event lines', () => {
  assert.deepEqual([...formatEventLines(h, [row], 'added'), ...formatEventLines(h, ['{"a":"1"}'], 'removed')], [
    '{"name":"pack_ssh_last","hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"epoch":0,"counter":3,"numerics":false,"decorations":{"host_uuid":"U","username":"alice"},"columns":{"host":"10.0.0.5","type":"7","username":"bob"},"action":"added"}',
    '{"name":"pack_ssh_last","hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"epoch":0,"counter":3,"numerics":false,"decorations":{"host_uuid":"U","username":"alice"},"columns":{"a":"1"},"action":"removed"}',
  ]);
});

test('formatEventLines() omits an empty decorations object and merges them with --decorations_top_level', () => {
  const [plain] = formatEventLines({ ...h, decorations: {} }, [row], 'added');
  assert.equal(plain?.includes('decorations'), false);
  const [top] = formatEventLines({ ...h, decorationsTopLevel: true }, [row], 'added');
  assert.equal(top, '{"name":"pack_ssh_last","hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"epoch":0,"counter":3,"numerics":false,"host_uuid":"U","username":"alice","columns":{"host":"10.0.0.5","type":"7","username":"bob"},"action":"added"}');
});

test('formatBatchLine() puts diffResults first', () => {
  assert.equal(
    formatBatchLine({ ...h, decorations: {} }, [row], []),
    '{"diffResults":{"added":[{"host":"10.0.0.5","type":"7","username":"bob"}],"removed":[]},"name":"pack_ssh_last","hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"epoch":0,"counter":3,"numerics":false}',
  );
});

test('formatSnapshotLine() writes every row, and an empty array for no rows', () => {
  const s = { ...h, counter: 0, decorations: {} };
  assert.equal(
    formatSnapshotLine(s, [serializeRow({ pid: '1', path: '/sbin/init' })]),
    '{"snapshot":[{"path":"/sbin/init","pid":"1"}],"action":"snapshot","name":"pack_ssh_last","hostIdentifier":"web-1","calendarTime":"Wed Oct  1 00:37:30 2014 UTC","unixTime":1412123850,"epoch":0,"counter":0,"numerics":false}',
  );
  assert.match(formatSnapshotLine(s, []), /^\{"snapshot":\[\],"action":"snapshot",/);
  assert.deepEqual(formatEventLines(s, [], 'snapshot'), []);
  assert.match(formatEventLines(s, ['{"a":"1"}'], 'snapshot')[0] ?? '', /"columns":\{"a":"1"\},"action":"snapshot"\}$/);
});
