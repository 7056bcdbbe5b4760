// The web UI's reader of osquery results lines (src/web/osquery-lines.ts), run in Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOsqueryLine } from '../../src/web/osquery-lines.js';

const head = '"name":"pack_p_q","hostIdentifier":"web-1","calendarTime":"Thu Dec  3 10:00:00 2026 UTC","unixTime":1796292000,"epoch":0,"counter":3,"numerics":false';
const cases: Array<{ name: string; line: string; want: ReturnType<typeof parseOsqueryLine> }> = [
  {
    name: 'event format: one row with its action',
    line: `{${head},"decorations":{"host_uuid":"u"},"columns":{"port":"22"},"action":"added"}`,
    want: { name: 'pack_p_q', hostIdentifier: 'web-1', unixTime: 1796292000, counter: 3, rows: [{ action: 'added', columns: { port: '22' } }] },
  },
  {
    name: 'snapshot: every row, action snapshot',
    line: `{"snapshot":[{"name":"Debian GNU/Linux"},{"name":"x"}],"action":"snapshot",${head}}`,
    want: { name: 'pack_p_q', hostIdentifier: 'web-1', unixTime: 1796292000, counter: 3, rows: [{ action: 'snapshot', columns: { name: 'Debian GNU/Linux' } }, { action: 'snapshot', columns: { name: 'x' } }] },
  },
  {
    name: 'an empty snapshot has no rows',
    line: `{"snapshot":[],"action":"snapshot",${head}}`,
    want: { name: 'pack_p_q', hostIdentifier: 'web-1', unixTime: 1796292000, counter: 3, rows: [] },
  },
  {
    name: 'batch format: added then removed',
    line: `{"diffResults":{"added":[{"a":"1"}],"removed":[{"a":"2"}]},${head}}`,
    want: { name: 'pack_p_q', hostIdentifier: 'web-1', unixTime: 1796292000, counter: 3, rows: [{ action: 'added', columns: { a: '1' } }, { action: 'removed', columns: { a: '2' } }] },
  },
  { name: 'a JSON line that is no result', line: '{"level":"info"}', want: undefined },
  { name: 'not JSON', line: 'Accepted password for alice', want: undefined },
  { name: 'a JSON array', line: '[1,2]', want: undefined },
];
for (const c of cases) {
  test(`parseOsqueryLine: ${c.name}`, () => assert.deepEqual(parseOsqueryLine(c.line), c.want));
}
