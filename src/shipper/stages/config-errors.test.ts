import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { WatchpostError } from '../../core/index.js';
import { buildPipeline } from './build-pipeline.js';
import { createTestContext } from './testdata/stage-test-kit.js';

// [pipeline_stages YAML, promtail's error text (a RegExp where the tail is the parser's own)]
const cases: ReadonlyArray<readonly [string, string | RegExp]> = [
  ['- nope: {}', 'Unknown stage type: nope'],
  ['- json', 'invalid YAML config, make sure each stage of your pipeline is a YAML object (must end with a `:`), check stage `- json`'],
  ['- {json: {expressions: {a: b}}, labels: {a: }}', 'pipeline stage must contain only one key'],
  ['- json: {}', 'invalid json stage config: JMES expression is required'],
  ['- json: {expressions: {a: "[["}}', /^invalid json stage config: could not compile JMES expression: /],
  ['- json: {expressions: {a: b}, source: ""}', 'invalid json stage config: empty source'],
  ['- json: {expressions: {a: b}, expresions: {}}', "invalid json stage config: unknown key 'expresions' (valid keys: expressions, source, drop_malformed)"],
  ['- json: {expressions: [a]}', "invalid json stage config: 'expressions' expected a map, got a list"],
  ['- regex: {}', 'invalid regex stage config: expression is required'],
  ['- regex: {expression: "(a"}', 'invalid regex stage config: could not compile regular expression: error parsing regexp: missing closing ): `(a`'],
  ['- regex: {expression: "a", source: ""}', 'invalid regex stage config: empty source'],
  ['- logfmt: {}', 'invalid logfmt stage config: logfmt mapping is required'],
  ['- timestamp: {format: Unix}', 'invalid timestamp stage config: timestamp source value is required if timestamp is specified'],
  ['- timestamp: {source: t}', 'invalid timestamp stage config: timestamp format is required'],
  ['- timestamp: {source: t, format: Unix, location: Foo/Bar}', 'invalid timestamp stage config: invalid location specified: unknown time zone Foo/Bar'],
  ['- timestamp: {source: t, format: Unix, action_on_failure: x}', 'invalid timestamp stage config: invalid action on failure (supported values are [skip fudge])'],
  ['- output: {}', 'invalid output stage config: output source value is required if output is specified'],
  ['- labels: {x-y: a}', 'invalid labels stage config: invalid label name: x-y'],
  ['- labels:', 'invalid labels stage config: label stage config cannot be empty'],
  ['- labeldrop: []', 'invalid labeldrop stage config: labeldrop stage config cannot be empty'],
  ['- labelallow:', 'invalid labelallow stage config: labelallow stage config cannot be empty'],
  ['- static_labels:', 'invalid static_labels stage config: static_labels stage config cannot be empty'],
  ['- metrics: {m: {type: Foo}}', "invalid metrics stage config: invalid metric type 'foo', metric type must be one of 'counter', 'gauge', or 'histogram'"],
  ['- metrics: {m: {type: Counter, config: {}}}', 'invalid metrics stage config: counter action must be defined as either `inc` or `add`'],
  ['- metrics: {m: {type: Counter, config: {action: set}}}', 'invalid metrics stage config: action set is not valid, action must be either `inc` or `add`'],
  ['- metrics: {m: {type: Counter, config: {action: inc, match_all: true, value: x}}}', 'invalid metrics stage config: `match_all: true` cannot be combined with `value`, please remove `match_all` or `value`'],
  ['- metrics: {m: {type: Counter, config: {action: add, count_entry_bytes: true}}}', 'invalid metrics stage config: `count_entry_bytes: true` can only be set with `match_all: true`'],
  ['- metrics: {m: {type: Counter, config: {action: inc, match_all: true, count_entry_bytes: true}}}', 'invalid metrics stage config: `count_entry_bytes: true` can only be used with `action: add`'],
  ['- metrics: {m: {type: Gauge, config: {}}}', 'invalid metrics stage config: gauge action must be defined as `set`, `inc`, `dec`, `add`, or `sub`'],
  ['- metrics: {m: {type: Counter, max_idle_duration: 500ms, config: {action: inc}}}', 'invalid metrics stage config: max_idle_duration less than 1s not allowed'],
  ['- metrics: {m: {type: Counter, max_idle_duration: soon, config: {action: inc}}}', `invalid metrics stage config: max_idle_duration could not be parsed as a time.Duration: 'time: invalid duration "soon"'`],
  ['- metrics: {m: {type: Histogram, config: {buckets: [2, 1]}}}', 'invalid metrics stage config: histogram buckets must be in increasing order'],
  ['- tenant: {}', 'invalid tenant stage config: label, source or value config are required'],
  ['- tenant: {source: a, value: b}', 'invalid tenant stage config: label, source and value are mutually exclusive: you should set source, value or label but not all'],
  [`- match: {selector: '{app="a"}'}`, "invalid match stage config: match stage requires at least one additional stage to be defined in '- stages'"],
  [`- match: {selector: ''}`, 'invalid match stage config: selector statement required for match stage'],
  [`- match: {selector: '{a="b"}', action: nope}`, "invalid match stage config: match stage action should be 'keep' or 'drop'"],
  [`- match: {selector: '{a="b"}', pipeline_name: ''}`, 'invalid match stage config: match stage pipeline name can be omitted but cannot be an empty string'],
  [`- match: {selector: '{a="b"}', action: drop, stages: [{labels: {a: }}]}`, 'invalid match stage config: match stage configured to drop entries cannot contains stages'],
  [`- match: {selector: '{}', action: drop}`, /^invalid match stage config: invalid selector syntax for match stage: /],
  [`- match: {selector: '{a="b"} | json', action: drop}`, /^invalid match stage config: invalid selector syntax for match stage: /],
  [`- match: {selector: '{a=~"(b"}', action: drop}`, /^invalid match stage config: invalid selector syntax for match stage: error parsing regexp: missing closing \)/],
  [`- match: {selector: '{a="b"}', stages: [{json: {}}]}`, 'invalid match stage config: match stage failed to create pipeline from config: invalid json stage config: JMES expression is required'],
  ['- drop: {}', 'invalid drop stage config: drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`'],
  ['- drop: {source: a, value: b, expression: c}', 'invalid drop stage config: drop stage config error, `value` and `expression` cannot both be defined at the same time.'],
  ['- drop: {value: b, expression: c}', 'invalid drop stage config: drop stage config must contain `source` if `value` is specified'],
  ['- drop: {older_than: xyz}', 'invalid drop stage config: drop stage invalid duration, xyz cannot be converted to a duration: time: invalid duration "xyz"'],
  ['- drop: {expression: "(a"}', 'invalid drop stage config: drop stage regex compilation error: error parsing regexp: missing closing ): `(a`'],
  ['- limit: {rate: 0, burst: 1}', 'invalid limit stage config: limit stage failed to parse rate or burst'],
  ['- limit: {rate: 1, burst: 1, by_label_name: app}', 'invalid limit stage config: When ratelimiting by label, drop must be true'],
  ['- multiline: {}', 'invalid multiline stage config: multiline stage config must define `firstline` regular expression'],
  ['- multiline: {firstline: a, max_wait_time: x}', 'invalid multiline stage config: multiline stage `max_wait_time` parse error: time: invalid duration "x"'],
  ['- sampling: {rate: 1.5}', 'invalid sampling stage config: sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0, received 1.500000'],
  ['- template: {template: x}', 'invalid template stage config: template source value is required'],
  ['- template: {source: a, template: "{{ .x"}', /^invalid template stage config: template: pipeline_template:1: /],
  ['- template: {source: a, template: "{{ nope .x }}"}', /^invalid template stage config: template: pipeline_template:1: function "nope" not defined/],
  ['- replace: {}', 'invalid replace stage config: expression is required'],
  ['- replace: {expression: a, source: ""}', 'invalid replace stage config: empty source in replace stage'],
  ['- geoip: {db: /x.mmdb, source: ip}', /^invalid geoip stage config: the geoip stage is not supported by watchpost/],
];

for (const [yaml, want] of cases) {
  test(`buildPipeline refuses ${yaml.replace(/\s+/g, ' ')}`, () => {
    const ctx = createTestContext();
    assert.throws(
      () => buildPipeline([{ json: { expressions: { ok: 'ok' } } }, ...(parse(yaml) as unknown[])], ctx),
      (err: unknown) => {
        assert.ok(err instanceof WatchpostError, String(err));
        assert.equal(err.code, 'ERR_CONFIG_INVALID');
        if (typeof want === 'string') assert.equal(err.message, want);
        else assert.match(err.message, want);
        assert.equal((err.details as { index?: number }).index, 1);
        return true;
      },
    );
  });
}

test('buildPipeline takes back the metrics of stages built before a config error', () => {
  const ctx = createTestContext();
  const stages = parse(`
- metrics: {m: {type: Counter, config: {action: inc}}}
- json: {}`) as unknown[];
  assert.throws(() => buildPipeline(stages, ctx));
  assert.equal(ctx.registry.getSingleMetric('promtail_custom_m'), undefined);
  buildPipeline(stages.slice(0, 1), ctx);
});
