import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestContext, runStageCase, type StageCase } from './testdata/stage-test-kit.js';

const cases: StageCase[] = [
  {
    name: 'labels: from extracted values; empty source means the same name; values converted as Go',
    stages: `
- json: {expressions: {app: , n: , big: , small: , flag: , obj: , none: }}
- labels: {app: , number: n, big: , small: , flag: , obj: , none: , missing: }`,
    lines: ['{"app":"loki","n":1.0,"big":1e21,"small":1.5e-7,"flag":false,"obj":{"a":1},"none":null}'],
    labels: { job: 'j' },
    want: [{ labels: { job: 'j', app: 'loki', number: '1', big: '1000000000000000000000', small: '0.00000015', flag: 'false', obj: '{"a":1}' } }],
  },
  {
    name: 'labels: a value that is not valid UTF-8 (a lone surrogate) is skipped',
    stages: `
- regex: {expression: 'v=(?P<v>.*)'}
- labels: {v: }`,
    lines: ['v=\ud800x', 'v=ok'],
    want: [{ labels: {} }, { labels: { v: 'ok' } }],
  },
  {
    name: 'labels: empty string values are set',
    stages: `
- json: {expressions: {e: }}
- labels: {e: }`,
    lines: ['{"e":""}'],
    want: [{ labels: { e: '' } }],
  },
  {
    name: 'labels: the extracted map starts with the entry labels',
    stages: '- labels: {copy: filename}',
    lines: ['x'],
    labels: { filename: '/var/log/a.log' },
    want: [{ labels: { filename: '/var/log/a.log', copy: '/var/log/a.log' } }],
  },
  {
    name: 'static_labels: fixed values; empty and null values ignored',
    stages: "- static_labels: {custom: value, empty: '', nothing: }",
    lines: ['x'],
    labels: { job: 'j' },
    want: [{ labels: { job: 'j', custom: 'value' } }],
  },
  {
    name: 'labeldrop: removes the listed labels',
    stages: '- labeldrop: [filename, absent]',
    lines: ['x'],
    labels: { job: 'j', filename: '/a' },
    want: [{ labels: { job: 'j' } }],
  },
  {
    name: 'labelallow: keeps only the listed labels (filename too goes)',
    stages: '- labelallow: [job, app]',
    lines: ['x'],
    labels: { job: 'j', filename: '/a', app: 'a', other: 'o' },
    want: [{ labels: { job: 'j', app: 'a' } }],
  },
  {
    name: 'structured_metadata: extracted values go to metadata; a label is demoted',
    stages: `
- json: {expressions: {trace_id: }}
- structured_metadata: {trace_id: , pod: }`,
    lines: ['{"trace_id":"abc"}'],
    labels: { job: 'j', pod: 'p-1' },
    want: [{ labels: { job: 'j' }, metadata: { trace_id: 'abc', pod: 'p-1' } }],
  },
  {
    name: 'non_indexed_labels (the old name): a label alone is demoted to metadata',
    stages: '- non_indexed_labels: {pod: }',
    lines: ['x'],
    labels: { job: 'j', pod: 'p-2' },
    want: [{ labels: { job: 'j' }, metadata: { pod: 'p-2' } }],
  },
  {
    name: 'tenant: from an extracted value, a label, or a constant; empty keeps the client tenant',
    stages: `
- json: {expressions: {customer_id: }}
- tenant: {source: customer_id}`,
    lines: ['{"customer_id":"team-a"}', '{"customer_id":""}'],
    want: [{ tenant: 'team-a' }, { line: '{"customer_id":""}' }],
  },
  {
    name: 'tenant: label and value',
    stages: `
- tenant: {label: namespace}
- match: {selector: '{app="fixed"}', stages: [{tenant: {value: ops}}]}`,
    lines: ['x'],
    labels: { namespace: 'ns-1', app: 'fixed' },
    want: [{ tenant: 'ops' }],
  },
  {
    name: 'pack: named values and the line as sorted Go JSON, _entry last; packed labels removed',
    stages: '- pack: {labels: [pod, container, missing], ingest_timestamp: false}',
    lines: ['original <line>'],
    labels: { container: 'myapp', pod: 'p1', job: 'j' },
    tsNs: 5n,
    want: [{ line: '{"container":"myapp","pod":"p1","_entry":"original \\u003cline\\u003e"}', labels: { job: 'j' }, tsNs: 5n }],
  },
  {
    name: 'pack: with nothing found only _entry; ingest_timestamp sets now',
    stages: '- pack: {labels: [nothing]}',
    lines: ['l'],
    want: [{ line: '{"_entry":"l"}', tsNs: BigInt(Date.UTC(2026, 11, 3, 18, 0, 0)) * 1_000_000n }],
  },
  {
    name: 'decolorize: strips ANSI escapes',
    stages: '- decolorize:',
    lines: ['\u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[0m'],
    want: [{ line: 'red and bold green' }],
  },
  {
    name: 'eventlogmessage: Key: Value lines become extracted keys',
    stages: `
- json: {expressions: {message: }}
- eventlogmessage: {}`,
    lines: [JSON.stringify({ message: 'Account Name: bob\r\nLogon ID: 0x1\r\nmessage: dup\r\nnot a pair' })],
    want: [{ extracted: { Account_Name: 'bob', Logon_ID: '0x1', message_extracted: 'dup' } }],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const { actual, expected } = await runStageCase(c, createTestContext());
    assert.deepEqual(actual, expected);
  });
}
