import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Labels } from '../../core/index.js';
import { parseExpr } from '../syntax/index.js';
import type { LogSelectorExpr } from '../syntax/ast.js';
import { compileLogPipeline, leadingLineFilter, reorderStages } from './compile.js';

interface Case {
  readonly name: string;
  readonly query: string;
  readonly line: string;
  readonly stream?: Labels;
  readonly metadata?: Labels;
  /** Expected `line labels-key`, or null when the line is dropped. */
  readonly want: { line: string; key: string } | null;
}

const app = '{app="foo"}';
const cases: Case[] = [
  // line filters (logql.md §5)
  { name: 'contains keeps', query: `${app} |= "err"`, line: 'an error', want: { line: 'an error', key: app } },
  { name: 'contains drops', query: `${app} |= "err"`, line: 'fine', want: null },
  { name: 'not contains', query: `${app} != "debug"`, line: 'debug x', want: null },
  { name: 'regex is unanchored', query: `${app} |~ "e.r"`, line: 'a err b', want: { line: 'a err b', key: app } },
  { name: 'regex dot does not match newline', query: `${app} |~ "a.b"`, line: 'a\nb', want: null },
  { name: 'regex (?s) dot matches newline', query: `${app} |~ "(?s)a.b"`, line: 'a\nb', want: { line: 'a\nb', key: app } },
  { name: 'regex (?i)', query: `${app} |~ "(?i)ERROR"`, line: 'error', want: { line: 'error', key: app } },
  { name: 'not regex', query: `${app} !~ "^x"`, line: 'xy', want: null },
  { name: 'or alternatives share |=', query: `${app} |= "a" or "b"`, line: 'only b', want: { line: 'only b', key: app } },
  { name: 'or alternatives share != (none may match)', query: `${app} != "a" or "b"`, line: 'only b', want: null },
  { name: 'an empty or-alternative is dropped (Loki newOrFilter)', query: `${app} |= "" or "x"`, line: 'no', want: null },
  { name: '!= "" drops every line', query: `${app} != ""`, line: 'anything', want: null },
  { name: 'chained filters AND, or binds to its filter', query: `${app} |= "test" |= "foo" or "bar"`, line: 'test bar', want: { line: 'test bar', key: app } },
  { name: 'chained filters AND fails', query: `${app} |= "test" |= "foo" or "bar"`, line: 'bar only', want: null },
  { name: 'pattern filter', query: `${app} |> "<_> level=error <_>"`, line: 'ts level=error msg', want: { line: 'ts level=error msg', key: app } },
  { name: 'pattern filter leading capture needs text', query: `${app} |> "<_> level=error <_>"`, line: 'level=error msg', want: null },
  { name: 'negated pattern filter', query: `${app} !> "<_> level=error <_>"`, line: 'ts level=info msg', want: { line: 'ts level=info msg', key: app } },
  { name: 'ip filter CIDR', query: `${app} |= ip("192.168.0.0/16")`, line: 'client 192.168.4.5 connected', want: { line: 'client 192.168.4.5 connected', key: app } },
  { name: 'ip filter range', query: `${app} |= ip("10.0.0.1-10.0.0.9")`, line: 'x 10.0.0.10 y', want: null },
  { name: 'ip filter IPv6', query: `${app} |= ip("2001:db8::/32")`, line: 'from 2001:db8::1 ok', want: { line: 'from 2001:db8::1 ok', key: app } },
  { name: 'negated ip filter', query: `${app} != ip("127.0.0.1")`, line: 'from 127.0.0.1', want: null },
  // json (§6.1)
  {
    name: 'json flattens, keeps number text, skips arrays and null, sanitises keys',
    query: `${app} | json`,
    line: '{"a.b":{"c":"d"},"n":1.50,"t":true,"arr":[1],"z":null,"User-Agent":"x","1st":"y","ü":"u"}',
    want: { line: '{"a.b":{"c":"d"},"n":1.50,"t":true,"arr":[1],"z":null,"User-Agent":"x","1st":"y","ü":"u"}', key: '{User_Agent="x", _="u", _1st="y", a_b_c="d", app="foo", n="1.50", t="true"}' },
  },
  { name: 'json nested keys: digit prefix and trimming at every level', query: `${app} | json`, line: '{"a":{"1b":"x"," c ":"y"}}', want: { line: '{"a":{"1b":"x"," c ":"y"}}', key: '{a__1b="x", a_c="y", app="foo"}' } },
  { name: 'json maps U+FFFD to a space', query: `${app} | json`, line: '{"m":"a\uFFFDb"}', want: { line: '{"m":"a\uFFFDb"}', key: '{app="foo", m="a b"}' } },
  { name: 'json: an object under a blank key adds no prefix', query: `${app} | json`, line: '{" ": {"foo":"bar"}}', want: { line: '{" ": {"foo":"bar"}}', key: '{app="foo", foo="bar"}' } },
  { name: 'json collision gets _extracted', query: `${app} | json`, line: '{"app":"bar"}', want: { line: '{"app":"bar"}', key: '{app="foo", app_extracted="bar"}' } },
  { name: 'json unescapes strings', query: `${app} | json`, line: '{"m":"a\\"b\\u00e9\\n"}', want: { line: '{"m":"a\\"b\\u00e9\\n"}', key: '{app="foo", m="a\\"bé\\n"}' } },
  {
    name: 'json error keeps labels before the error point',
    query: `${app} | json`,
    line: '{"a":"1","b":',
    want: { line: '{"a":"1","b":', key: '{__error__="JSONParserErr", __error_details__="Malformed JSON error", a="1", app="foo"}' },
  },
  {
    name: 'json error texts follow jsonparser: a missing closing brace',
    query: `${app} | json`,
    line: '{"a":"1"',
    want: { line: '{"a":"1"', key: '{__error__="JSONParserErr", __error_details__="Value is array, but can\'t find closing \']\' symbol", a="1", app="foo"}' },
  },
  {
    name: 'json error texts follow jsonparser: an unknown value',
    query: `${app} | json`,
    line: '{"a":1,"b":x}',
    want: { line: '{"a":1,"b":x}', key: '{__error__="JSONParserErr", __error_details__="Unknown value type", a="1", app="foo"}' },
  },
  {
    name: 'json on plain text',
    query: `${app} | json`,
    line: 'hello',
    want: { line: 'hello', key: '{__error__="JSONParserErr", __error_details__="Value looks like object, but can\'t find closing \'}\' symbol", app="foo"}' },
  },
  // json with expressions (§6.2)
  {
    name: 'json expressions: nested, index, bracket, object raw, missing empty',
    query: '{app="foo"} | json a="x.y", b="list[1]", c=`m["k k"]`, o="obj", gone="nope.no", list',
    line: '{"x":{"y":7},"list":["p","q"],"m":{"k k":"v"},"obj":{"i":[1, 2]}}',
    want: { line: '{"x":{"y":7},"list":["p","q"],"m":{"k k":"v"},"obj":{"i":[1, 2]}}', key: '{a="7", app="foo", b="q", c="v", gone="", list="[\\"p\\",\\"q\\"]", o="{\\"i\\":[1, 2]}"}' },
  },
  { name: 'json expressions on non-JSON line', query: `${app} | json a="x"`, line: 'x=1', want: { line: 'x=1', key: '{__error__="JSONParserErr", app="foo"}' } },
  // logfmt (§6.3)
  {
    name: 'logfmt: quoted values unescaped, bare keys and empty values skipped',
    query: `${app} | logfmt`,
    line: 'level=info msg="hello \\"you\\"" bare empty= q=""',
    want: { line: 'level=info msg="hello \\"you\\"" bare empty= q=""', key: '{app="foo", level="info", msg="hello \\"you\\""}' },
  },
  {
    name: 'logfmt --keep-empty keeps bare keys',
    query: `${app} | logfmt --keep-empty`,
    line: 'a=1 bare empty=',
    want: { line: 'a=1 bare empty=', key: '{a="1", app="foo", bare="", empty=""}' },
  },
  {
    name: 'logfmt --strict stops at the first error',
    query: `${app} | logfmt --strict`,
    line: 'a=1 =x b=2',
    want: { line: 'a=1 =x b=2', key: '{__error__="LogfmtParserErr", __error_details__="logfmt syntax error at pos 5 : unexpected \'=\'", a="1", app="foo"}' },
  },
  { name: 'logfmt skips malformed pairs without --strict', query: `${app} | logfmt`, line: 'a=1 =x b=2', want: { line: 'a=1 =x b=2', key: '{a="1", app="foo", b="2"}' } },
  {
    name: 'logfmt with parameters renames and defaults to empty',
    query: `${app} | logfmt host, fwd_ip="fwd", gone`,
    line: 'host=h1 fwd=1.2.3.4 other=x',
    want: { line: 'host=h1 fwd=1.2.3.4 other=x', key: '{app="foo", fwd_ip="1.2.3.4", gone="", host="h1"}' },
  },
  // regexp and pattern (§6.4, §6.5)
  {
    name: 'regexp named groups, optional group empty',
    query: '{app="foo"} | regexp `(?P<method>\\w+) (?P<path>\\S+)(?: (?P<code>\\d+))?`',
    line: 'GET /a',
    want: { line: 'GET /a', key: '{app="foo", code="", method="GET", path="/a"}' },
  },
  { name: 'regexp no match adds nothing', query: '{app="foo"} | regexp `(?P<n>\\d+)`', line: 'abc', want: { line: 'abc', key: app } },
  {
    name: 'pattern captures',
    query: '{app="foo"} | pattern `<ip> - - [<_>] "<method> <uri> <_>" <status>`',
    line: '10.0.0.1 - - [01/Jan] "GET /x HTTP/1.1" 200',
    want: { line: '10.0.0.1 - - [01/Jan] "GET /x HTTP/1.1" 200', key: '{app="foo", ip="10.0.0.1", method="GET", status="200", uri="/x"}' },
  },
  { name: 'pattern leading literal must be at the start', query: '{app="foo"} | pattern `x <a>`', line: 'y x 1', want: { line: 'y x 1', key: app } },
  // unpack (§6.6)
  {
    name: 'unpack replaces the line with _entry',
    query: `${app} | unpack`,
    line: '{"_entry":"the line","pod":"p1","n":1,"app":"dup"}',
    want: { line: 'the line', key: '{app="foo", app_extracted="dup", pod="p1"}' },
  },
  { name: 'unpack without _entry changes nothing', query: `${app} | unpack`, line: '{"pod":"p1"}', want: { line: '{"pod":"p1"}', key: app } },
  {
    name: 'unpack on non-object',
    query: `${app} | unpack`,
    line: 'text',
    want: { line: 'text', key: '{__error__="JSONParserErr", __error_details__="expecting json object(6), but it is not", app="foo"}' },
  },
  {
    name: 'pattern: apache common log',
    query: '{app="foo"} | pattern `<ip> <userid> <user> [<_>] "<method> <path> <_>" <status> <size>`',
    line: '127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
    want: { line: '127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326', key: '{app="foo", ip="127.0.0.1", method="GET", path="/apache_pb.gif", size="2326", status="200", user="frank", userid="user-identifier"}' },
  },
  {
    name: 'pattern: collision with a stream label',
    query: '{app="foo"} | pattern `<_> msg="<app> <path> (<status>) <duration>"`',
    line: 'level=debug caller=logging.go:66 msg="POST /loki/api/v1/push (204) 1.238734ms"',
    want: { line: 'level=debug caller=logging.go:66 msg="POST /loki/api/v1/push (204) 1.238734ms"', key: '{app="foo", app_extracted="POST", duration="1.238734ms", path="/loki/api/v1/push", status="204"}' },
  },
  {
    name: 'unpack: only string members, sanitised keys',
    query: `${app} | unpack`,
    line: '{"bar":1,"foo.bar":"10ms","test-dash":"x","_entry":"some message","pod":{"uid":"1"}}',
    want: { line: 'some message', key: '{app="foo", foo_bar="10ms", test_dash="x"}' },
  },
  { name: 'unpack: array line', query: `${app} | unpack`, line: '["foo","bar"]', want: { line: '["foo","bar"]', key: '{__error__="JSONParserErr", __error_details__="expecting json object(6), but it is not", app="foo"}' } },
  // first parser wins
  { name: 'a later parser does not overwrite', query: `${app} | logfmt | regexp "a=(?P<a>.)"`, line: 'a=1', want: { line: 'a=1', key: '{a="1", app="foo"}' } },
  // label filters (§7)
  { name: 'numeric filter', query: `${app} | logfmt | status >= 500`, line: 'status=503', want: { line: 'status=503', key: '{app="foo", status="503"}' } },
  { name: 'numeric filter rejects', query: `${app} | logfmt | status >= 500`, line: 'status=200', want: null },
  { name: 'typed filter on missing label drops', query: `${app} | logfmt | status >= 500`, line: 'x=1', want: null },
  {
    name: 'typed filter conversion error keeps the line',
    query: `${app} | logfmt | status >= 500`,
    line: 'status=abc',
    want: { line: 'status=abc', key: '{__error__="LabelFilterErr", __error_details__="strconv.ParseFloat: parsing \\"abc\\": invalid syntax", app="foo", status="abc"}' },
  },
  { name: 'string filter on missing label compares empty', query: `${app} | logfmt | level=""`, line: 'x=1', want: { line: 'x=1', key: '{app="foo", x="1"}' } },
  { name: 'regex label filter is anchored', query: `${app} | logfmt | level=~"err"`, line: 'level=error', want: null },
  { name: 'duration filter', query: `${app} | logfmt | took > 250ms`, line: 'took=1.5s', want: { line: 'took=1.5s', key: '{app="foo", took="1.5s"}' } },
  { name: 'bytes filter', query: `${app} | logfmt | size > 20KB`, line: 'size=1MB', want: { line: 'size=1MB', key: '{app="foo", size="1MB"}' } },
  { name: 'ip label filter', query: `${app} | logfmt | addr = ip("10.0.0.0/8")`, line: 'addr=10.2.3.4', want: { line: 'addr=10.2.3.4', key: '{addr="10.2.3.4", app="foo"}' } },
  { name: 'and binds tighter than or', query: `${app} | logfmt | a="1" or b="1" and c="1"`, line: 'a=1 b=0 c=0', want: { line: 'a=1 b=0 c=0', key: '{a="1", app="foo", b="0", c="0"}' } },
  { name: 'comma is and', query: `${app} | logfmt | a="1", b="1"`, line: 'a=1 b=0', want: null },
  { name: '__error__ filter removes errored lines', query: `${app} | json | __error__=""`, line: 'nope', want: null },
  { name: 'structured metadata filters without a parser', query: `${app} | trace_id="abc"`, line: 'l', metadata: { trace_id: 'abc' }, want: { line: 'l', key: '{app="foo", trace_id="abc"}' } },
  { name: 'parsed key equal to metadata key is _extracted', query: `${app} | logfmt`, line: 'trace_id=x', metadata: { trace_id: 'abc' }, want: { line: 'trace_id=x', key: '{app="foo", trace_id="abc", trace_id_extracted="x"}' } },
  { name: 'Object.prototype names are not labels', query: `${app} | constructor="" | logfmt | line_format "{{.toString}}"`, line: 'constructor=x', want: { line: '', key: '{app="foo", constructor="x"}' } },
  // formatters (§8)
  { name: 'line_format', query: `${app} | logfmt | line_format "{{.level | ToUpper}}: {{.msg}} {{.missing}}!"`, line: 'level=warn msg=hi', want: { line: 'WARN: hi !', key: '{app="foo", level="warn", msg="hi"}' } },
  { name: 'line_format __line__', query: `${app} | line_format "[{{ __line__ }}]"`, line: 'x', want: { line: '[x]', key: app } },
  { name: 'line filter after line_format sees the new line', query: `${app} | line_format "new" |= "new"`, line: 'old', want: { line: 'new', key: app } },
  {
    name: 'line_format execution error',
    query: `${app} | line_format "{{ .app | ToUpper 1 }}"`,
    line: 'x',
    want: { line: 'x', key: '{__error__="TemplateFormatErr", __error_details__="template: line:1:10: executing \\"line\\" at <ToUpper>: wrong number of args for ToUpper: want 1 got 2", app="foo"}' },
  },
  { name: 'label_format rename', query: `${app} | logfmt | label_format lvl=level`, line: 'level=info', want: { line: 'level=info', key: '{app="foo", lvl="info"}' } },
  { name: 'label_format rename of a missing label is a no-op', query: `${app} | label_format lvl=level`, line: 'l', want: { line: 'l', key: app } },
  {
    name: 'label_format templates see the labels from before the stage',
    query: `${app} | label_format a="x", b="{{.a}}-{{.app}}"`,
    line: 'l',
    want: { line: 'l', key: '{a="x", app="foo", b="-foo"}' },
  },
  { name: 'label_format overwrites', query: `${app} | label_format app="{{.app}}2"`, line: 'l', want: { line: 'l', key: '{app="foo2"}' } },
  // drop / keep / decolorize (§8.4, §8.5)
  { name: 'drop names and matchers', query: `${app} | logfmt | drop a, b="2"`, line: 'a=1 b=3 c=4', want: { line: 'a=1 b=3 c=4', key: '{app="foo", b="3", c="4"}' } },
  { name: 'drop __error__', query: `${app} | json | drop __error__, __error_details__`, line: 'x', want: { line: 'x', key: app } },
  { name: 'keep never removes __error__', query: `${app} | json | keep nothing`, line: 'x', want: { line: 'x', key: '{__error__="JSONParserErr", __error_details__="Value looks like object, but can\'t find closing \'}\' symbol"}' } },
  { name: 'keep with a matcher', query: `${app} | logfmt | keep a, b="1"`, line: 'a=1 b=2 c=3', want: { line: 'a=1 b=2 c=3', key: '{a="1"}' } },
  { name: 'decolorize', query: `${app} | decolorize`, line: '\u001b[1;31mred\u001b[0m text', want: { line: 'red text', key: app } },
];

for (const c of cases) {
  test(`pipeline: ${c.name}`, () => {
    const expr = parseExpr(c.query) as LogSelectorExpr;
    const sp = compileLogPipeline(expr).forStream(c.stream ?? { app: 'foo' });
    const got = sp.process(1_700_000_000_000_000_000n, c.line, c.metadata);
    assert.deepEqual(got === undefined ? null : { line: got.line, key: got.key }, c.want);
  });
}

test('pipeline: forStream is cached per label set and stages keep no state between lines', () => {
  const p = compileLogPipeline(parseExpr(`${app} | logfmt`) as LogSelectorExpr);
  const a = p.forStream({ app: 'foo' });
  assert.equal(p.forStream({ app: 'foo' }), a);
  assert.equal(a.process(0n, 'x=1')?.key, '{app="foo", x="1"}');
  assert.equal(a.process(0n, 'y=2')?.key, '{app="foo", y="2"}');
  assert.equal(a.process(0n, 'plain')?.key, '{app="foo"}');
});

test('reorderStages: line filters move before parsers, not across label filters, line_format or unpack', () => {
  const kinds = (q: string): string[] => reorderStages((parseExpr(q) as LogSelectorExpr).stages).map((s) => s.kind);
  assert.deepEqual(kinds(`${app} | json | a="b" |= "x" | line_format "y" |= "z"`), ['JsonParser', 'LabelFilterStage', 'LineFilter', 'LineFormat', 'LineFilter']);
  assert.deepEqual(kinds(`${app} | json | drop a |= "x" | logfmt |~ "y"`), ['LineFilter', 'LineFilter', 'JsonParser', 'DropLabels', 'LogfmtParser']);
  assert.deepEqual(kinds(`${app} | unpack |= "x"`), ['UnpackParser', 'LineFilter']);
  assert.deepEqual(kinds(`${app} | decolorize |= "x"`), ['LineFilter', 'Decolorize']);
});

test('leadingLineFilter: the pure line-filter prefix after reordering', () => {
  const f = leadingLineFilter(parseExpr(`${app} | json |= "a" |~ "b+"`) as LogSelectorExpr);
  assert.ok(f !== undefined);
  assert.equal(f('ab'), true);
  assert.equal(f('a'), false);
  assert.equal(leadingLineFilter(parseExpr(`${app} | line_format "x" |= "a"`) as LogSelectorExpr), undefined);
  assert.equal(leadingLineFilter(parseExpr(`${app} | json | a="b" |= "a"`) as LogSelectorExpr), undefined);
  assert.equal(leadingLineFilter(parseExpr(app) as LogSelectorExpr), undefined);
});

const stageErrors: { query: string; err: string }[] = [
  { query: `${app} | line_format "{{.a"`, err: `parse error : stage '| line_format "{{.a"' : invalid line template: template: line:1: unclosed action` },
  { query: `${app} | line_format "{{ nope }}"`, err: `parse error : stage '| line_format "{{ nope }}"' : invalid line template: template: line:1: function "nope" not defined` },
  { query: `${app} | label_format a="{{.x", b=c`, err: `parse error : stage '| label_format a="{{.x",b=c' : invalid template for label 'a': template: label:1: unclosed action` },
  { query: `${app} | label_format a=b, a="x"`, err: `parse error : stage '| label_format a=b,a="x"' : multiple label name 'a' not allowed in a single format operation` },
  { query: `${app} | label_format __error__=b`, err: `parse error : stage '| label_format __error__=b' : __error__ cannot be formatted` },
  { query: `${app} | json a="b..c"`, err: `parse error : stage '| json a="b..c"' : cannot parse expression [b..c]: syntax error: unexpected DOT, expecting FIELD` },
];

for (const c of stageErrors) {
  test(`compileLogPipeline: ${c.query} fails as Loki's stage error`, () => {
    assert.throws(() => compileLogPipeline(parseExpr(c.query) as LogSelectorExpr), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'ERR_LOGQL_PARSE');
      assert.equal(e.message, c.err);
      return true;
    });
  });
}

test('ProcessedLine.categories: stream, structured metadata and parsed labels apart', () => {
  const p = compileLogPipeline(parseExpr(`${app} | logfmt | label_format app="{{.app}}2"`) as LogSelectorExpr).forStream({ app: 'foo', env: 'prod' });
  const r = p.process(0n, 'level=info trace_id=x', { trace_id: 'abc' });
  assert.deepEqual(r?.categories, {
    stream: { env: 'prod' },
    structuredMetadata: { trace_id: 'abc' },
    parsed: { app: 'foo2', level: 'info', trace_id_extracted: 'x' },
  });
  const plain = compileLogPipeline(parseExpr(app) as LogSelectorExpr).forStream({ app: 'foo' });
  assert.deepEqual(plain.process(0n, 'l')?.categories, { stream: { app: 'foo' }, structuredMetadata: {}, parsed: {} });
});
