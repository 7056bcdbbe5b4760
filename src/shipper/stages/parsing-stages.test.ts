import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStageCase, type StageCase } from './testdata/stage-test-kit.js';

const dockerLine = '{"log":"log message\\n","stream":"stderr","time":"2019-04-30T02:12:41.8443515Z"}';

const cases: StageCase[] = [
  {
    name: 'json: reference example extracts log, stream, time',
    stages: '- json: {expressions: {output: log, stream: stream, timestamp: time}}',
    lines: [dockerLine],
    want: [{ line: dockerLine, extracted: { output: 'log message\n', stream: 'stderr', timestamp: '2019-04-30T02:12:41.8443515Z' } }],
  },
  {
    name: 'json: source reads an extracted JSON string; empty expression uses the key',
    stages: `
- json: {expressions: {output: log, extra: }}
- json: {expressions: {user: }, source: extra}`,
    lines: ['{"log":"log message\\n","extra":"{\\"user\\":\\"marco\\"}"}'],
    want: [{ extracted: { extra: '{"user":"marco"}', user: 'marco' } }],
  },
  {
    name: 'json: objects and arrays become Go JSON (HTML-safe, sorted keys); missing paths are nil',
    stages: `- json: {expressions: {obj: a, arr: a.c, missing: a.nope, first: "a.c[0]", last: "a.c[-1]", quoted: '"grpc.stream"', len: "length(a.c)"}}`,
    lines: ['{"a":{"z":1,"b":"<x&y>","c":[1,2.5,true,null]},"grpc.stream":"s1"}'],
    want: [
      {
        extracted: {
          obj: '{"b":"\\u003cx\\u0026y\\u003e","c":[1,2.5,true,null],"z":1}',
          arr: '[1,2.5,true,null]',
          missing: null,
          first: 1,
          last: null,
          quoted: 's1',
          len: 4,
        },
      },
    ],
  },
  {
    name: 'json: inherited object properties are not fields',
    stages: '- json: {expressions: {c: constructor, p: __proto__}}',
    lines: ['{"a":1}'],
    want: [{ extracted: { c: null, p: null } }],
  },
  {
    name: 'json: a line that is not a JSON object is left alone',
    stages: '- json: {expressions: {a: a}}',
    lines: ['[1,2]', 'not json', '"text"'],
    want: [{ line: '[1,2]', extracted: { a: '<absent>' } }, { line: 'not json' }, { line: '"text"' }],
  },
  {
    name: 'json: drop_malformed drops lines that do not decode',
    stages: '- json: {expressions: {a: a}, drop_malformed: true}',
    lines: ['not json', '{"a":"kept"}', '[1]'],
    want: [{ extracted: { a: 'kept' } }],
  },
  {
    name: 'json: a missing or nil source does nothing',
    stages: `
- json: {expressions: {a: }}
- json: {expressions: {b: }, source: a}
- json: {expressions: {c: }, source: nothere}`,
    lines: ['{"b":1}'],
    want: [{ extracted: { a: null, b: '<absent>', c: '<absent>' } }],
  },
  {
    name: 'regex: reference CRI expression',
    stages: `- regex: {expression: '^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$'}`,
    lines: ["2019-01-01T01:00:00.000000001Z stderr P i'm a log message!"],
    want: [{ extracted: { time: '2019-01-01T01:00:00.000000001Z', stream: 'stderr', flags: 'P', content: "i'm a log message!" } }],
  },
  {
    name: 'regex: source, unmatched optional group is empty, no match changes nothing',
    stages: `
- json: {expressions: {time: }}
- regex: {expression: '^(?P<year>\\d+)(?P<opt>x)?', source: time}
- regex: {expression: '^(?P<never>zzz)'}`,
    lines: ['{"time":"2019-01-01"}'],
    want: [{ extracted: { year: '2019', opt: '', never: '<absent>' } }],
  },
  {
    name: 'regex: a number source is read as Go formats it',
    stages: `
- json: {expressions: {n: }}
- regex: {expression: '^(?P<digits>\\d+)$', source: n}`,
    lines: ['{"n":2e3}'],
    want: [{ extracted: { digits: '2000' } }],
  },
  {
    name: 'logfmt: reference example maps fields as strings',
    stages: '- logfmt: {mapping: {timestamp: time, app: , duration: , unknown: }}',
    lines: ['time=2012-11-01T22:08:41+00:00 app=loki level=WARN duration=125 message="this is a log line" extra="user=foo"'],
    want: [{ extracted: { timestamp: '2012-11-01T22:08:41+00:00', app: 'loki', duration: '125', unknown: '<absent>' } }],
  },
  {
    name: 'logfmt: source, quoted escapes, bare keys, last duplicate wins',
    stages: `
- logfmt: {mapping: {extra: , msg: , flag: , dup: }}
- logfmt: {mapping: {user: }, source: extra}`,
    lines: ['extra="user=foo" msg="say \\"hi\\"" flag dup=1 dup=2'],
    want: [{ extracted: { extra: 'user=foo', user: 'foo', msg: 'say "hi"', flag: '', dup: '2' } }],
  },
  {
    name: 'logfmt: decoding stops at the first syntax error',
    stages: '- logfmt: {mapping: {a: , b: , c: }}',
    lines: ['a=1 b=x"y c=3'],
    want: [{ extracted: { a: '1', b: '<absent>', c: '<absent>' } }],
  },
  {
    name: 'output: line from an extracted value; nil and missing keep the line',
    stages: `
- json: {expressions: {message: , obj: , none: }}
- output: {source: message}`,
    lines: ['{"user":"alice","message":"hello"}', '{"obj":{"k":"v"}}'],
    want: [{ line: 'hello' }, { line: '{"obj":{"k":"v"}}' }],
  },
  {
    name: 'output: objects output as Go JSON',
    stages: `
- json: {expressions: {obj: }}
- output: {source: obj}`,
    lines: ['{"obj":{"k":"v"}}'],
    want: [{ line: '{"k":"v"}' }],
  },
  {
    name: 'docker: reference example (trailing newline kept)',
    stages: '- docker: {}',
    lines: [dockerLine, 'not json', '{"log":"bad time","stream":"stdout","time":"yesterday"}'],
    tsNs: 7n,
    labels: { job: 'docker' },
    want: [
      { line: 'log message\n', labels: { job: 'docker', stream: 'stderr' }, tsNs: 1556590361844351500n },
      { line: 'not json', labels: { job: 'docker' }, tsNs: 7n },
      // A bad time is fudged from the last good one of the same labels ({job, stream} differs here: kept).
      { line: 'bad time', labels: { job: 'docker', stream: 'stdout' }, tsNs: 7n },
    ],
  },
  {
    name: 'cri: full line, partial lines joined to the next full line, other lines unchanged',
    stages: '- cri: {}',
    lines: [
      '2019-04-30T02:12:41.8443515Z stdout F some full line',
      '2019-01-01T01:00:00.000000001Z stderr P part1 ',
      '2019-01-01T01:00:00.000000002Z stderr P part2 ',
      '2019-01-01T01:00:00.000000003Z stderr F end',
      'garbage',
    ],
    want: [
      { line: 'some full line', labels: { stream: 'stdout' }, tsNs: 1556590361844351500n },
      { line: 'part1 part2 end', labels: { stream: 'stderr' }, tsNs: 1546304400000000003n },
      { line: 'garbage', labels: {} },
    ],
  },
  {
    name: 'cri: max_partial_line_size_truncate cuts partial lines',
    stages: '- cri: {max_partial_line_size: 5, max_partial_line_size_truncate: true}',
    lines: ['2019-01-01T01:00:00.000000001Z stdout P 0123456789', '2019-01-01T01:00:00.000000002Z stdout F abc'],
    want: [{ line: '01234' }],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const { actual, expected } = await runStageCase(c);
    assert.deepEqual(actual, expected);
  });
}
