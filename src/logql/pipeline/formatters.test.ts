import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr } from '../syntax/index.js';
import type { LogSelectorExpr } from '../syntax/ast.js';
import { compileLogPipeline } from './compile.js';

// Loki's Test_lineFormatter_Format cases (pkg/logql/log/fmt_test.go), run through
// `| line_format` with the case's labels as the stream.
const lineCases: { name: string; tmpl: string; labels: Record<string, string>; tsNs?: bigint; line?: string; want: string; error?: string }[] = [
  { name: 'count', tmpl: '{{.foo | count "abc" }}', labels: { foo: 'abc abc abc', bar: 'blop' }, want: '3' },
  { name: 'count regex', tmpl: '{{.foo | count "a|b|c" }}', labels: { foo: 'abc abc abc', bar: 'blop' }, want: '9' },
  { name: 'combining', tmpl: 'foo{{.foo}}buzz{{  .bar  }}', labels: { foo: 'blip', bar: 'blop' }, want: 'fooblipbuzzblop' },
  { name: 'Replace', tmpl: 'foo{{.foo}}buzz{{ Replace .bar "blop" "bar" -1 }}', labels: { foo: 'blip', bar: 'blop' }, want: 'fooblipbuzzbar' },
  { name: 'replace', tmpl: 'foo{{.foo}}buzz{{ .bar | replace "blop" "bar" }}', labels: { foo: 'blip', bar: 'blop' }, want: 'fooblipbuzzbar' },
  { name: 'title', tmpl: '{{.foo | title }}', labels: { foo: 'blip' }, want: 'Blip' },
  { name: 'substr and trunc', tmpl: '{{.foo | substr 1 3 }} {{ .bar  | trunc 1 }} {{ .bar  | trunc 3 }}', labels: { foo: 'blip', bar: 'blop' }, want: 'li b blo' },
  { name: 'trim', tmpl: '{{.foo | trim }} {{ .bar  | trimAll "op" }} {{ .bar  | trimPrefix "b" }} {{ .bar  | trimSuffix "p" }}', labels: { foo: '  blip ', bar: 'blop' }, want: 'blip bl lop blo' },
  { name: 'lower and upper', tmpl: '{{.foo | lower }} {{ .bar  | upper }}', labels: { foo: 'BLIp', bar: 'blop' }, want: 'blip BLOP' },
  {
    name: 'urlencode',
    tmpl: '{{.foo | urlencode }} {{ urlencode .foo }}',
    labels: { foo: '/loki/api/v1/query?query=sum(count_over_time({stream_filter="some_stream",environment="prod", host=~"someec2.*"}' },
    want: '%2Floki%2Fapi%2Fv1%2Fquery%3Fquery%3Dsum%28count_over_time%28%7Bstream_filter%3D%22some_stream%22%2Cenvironment%3D%22prod%22%2C+host%3D~%22someec2.%2A%22%7D %2Floki%2Fapi%2Fv1%2Fquery%3Fquery%3Dsum%28count_over_time%28%7Bstream_filter%3D%22some_stream%22%2Cenvironment%3D%22prod%22%2C+host%3D~%22someec2.%2A%22%7D',
  },
  {
    name: 'urldecode',
    tmpl: '{{.foo | urldecode }}',
    labels: { foo: '%2Floki%2Fapi%2Fv1%2Fquery%3Fquery%3Dsum%28count_over_time%28%7Bstream_filter%3D%22some_stream%22%2Cenvironment%3D%22prod%22%2C+host%3D~%22someec2.%2A%22%7D' },
    want: '/loki/api/v1/query?query=sum(count_over_time({stream_filter="some_stream",environment="prod", host=~"someec2.*"}',
  },
  { name: 'repeat', tmpl: '{{ "foo" | repeat 3 }}', labels: { foo: 'x' }, want: 'foofoofoo' },
  { name: 'indent', tmpl: '{{ "foo\\n bar" | indent 4 }}', labels: { foo: 'x' }, want: '    foo\n     bar' },
  { name: 'nindent', tmpl: '{{ "foo" | nindent 2 }}', labels: { foo: 'x' }, want: '\n  foo' },
  { name: 'contains', tmpl: '{{ if  .foo | contains "p"}}yes{{end}}-{{ if  .foo | contains "z"}}no{{end}}', labels: { foo: 'BLIp' }, want: 'yes-' },
  { name: 'hasPrefix', tmpl: '{{ if  .foo | hasPrefix "BL" }}yes{{end}}-{{ if  .foo | hasPrefix "p"}}no{{end}}', labels: { foo: 'BLIp' }, want: 'yes-' },
  { name: 'hasSuffix', tmpl: '{{ if  .foo | hasSuffix "Ip" }}yes{{end}}-{{ if  .foo | hasSuffix "pw"}}no{{end}}', labels: { foo: 'BLIp' }, want: 'yes-' },
  { name: 'regexReplaceAll', tmpl: '{{ regexReplaceAll "(p)" .foo "t" }}', labels: { foo: 'BLIp' }, want: 'BLIt' },
  { name: 'regexReplaceAllLiteral', tmpl: '{{ regexReplaceAllLiteral "(p)" .foo "${1}" }}', labels: { foo: 'BLIp' }, want: 'BLI${1}' },
  {
    name: 'err',
    tmpl: '{{.foo Replace "foo"}}',
    labels: { foo: 'blip', bar: 'blop' },
    line: 'in',
    want: 'in',
    error: 'template: line:1:2: executing "line" at <.foo>: foo is not a method but has arguments',
  },
  { name: 'missing', tmpl: 'foo {{.foo}}buzz{{  .bar  }}', labels: { bar: 'blop' }, want: 'foo buzzblop' },
  { name: 'function', tmpl: 'foo {{.foo | ToUpper }} buzz{{  .bar  }}', labels: { foo: 'blip', bar: 'blop' }, want: 'foo BLIP buzzblop' },
  { name: 'mathint', tmpl: '{{ add .foo 1 | sub .bar | mul .baz | div .bazz}}', labels: { foo: '1', bar: '3', baz: '10', bazz: '20' }, want: '2' },
  { name: 'mathfloat', tmpl: '{{ addf .foo 1.5 | subf .bar 1.5 | mulf .baz | divf .bazz }}', labels: { foo: '1.5', bar: '5', baz: '10.5', bazz: '20.2' }, want: '3.8476190476190477' },
  { name: 'mathfloatround', tmpl: '{{ round (addf .foo 1.5 | subf .bar | mulf .baz | divf .bazz) 5 .2}}', labels: { foo: '1.5', bar: '3.5', baz: '10.5', bazz: '20.4' }, want: '3.88572' },
  { name: 'min', tmpl: 'min is {{ min .foo .bar .baz }} and max is {{ max .foo .bar .baz }}', labels: { foo: '5', bar: '10', baz: '15' }, want: 'min is 5 and max is 15' },
  { name: 'max', tmpl: 'minf is {{ minf .foo .bar .baz }} and maxf is {{maxf .foo .bar .baz}}', labels: { foo: '5.3', bar: '10.5', baz: '15.2' }, want: 'minf is 5.3 and maxf is 15.2' },
  { name: 'ceilfloor', tmpl: 'ceil is {{ ceil .foo }} and floor is {{floor .foo }}', labels: { foo: '5.3' }, want: 'ceil is 6 and floor is 5' },
  { name: 'mod', tmpl: 'mod is {{ mod .foo 3 }}', labels: { foo: '20' }, want: 'mod is 2' },
  { name: 'float64int', tmpl: '{{ "2.5" | float64 | int | add 10}}', labels: { foo: '2.5' }, want: '12' },
  { name: 'datetime', tmpl: '{{ sub (unixEpoch (toDate "2006-01-02" "2021-11-02")) (unixEpoch (toDate "2006-01-02" "2021-11-01")) }}', labels: { x: 'y' }, want: '86400' },
  { name: 'dateformat', tmpl: '{{ date "2006-01-02" (toDate "2006-01-02" "2021-11-02") }}', labels: { x: 'y' }, want: '2021-11-02' },
  { name: 'now', tmpl: '{{ div (unixEpoch now) (unixEpoch now) }}', labels: { x: 'y' }, want: '1' },
  { name: 'line', tmpl: '{{ __line__ }} bar {{ .bar }}', labels: { bar: '2' }, line: '1', want: '1 bar 2' },
  { name: 'default', tmpl: '{{.foo | default "-" }}{{.bar | default "-"}}{{.unknown | default "-"}}', labels: { foo: 'blip', bar: '' }, want: 'blip--' },
  { name: 'timestamp', tmpl: '{{ __timestamp__ | date "2006-01-02" }} bar {{ .bar }}', labels: { bar: '2' }, tsNs: 1656353124120000000n, want: '2022-06-27 bar 2' },
  { name: 'timestamp_unix', tmpl: '{{ __timestamp__ | unixEpoch }} bar {{ .bar }}', labels: { bar: '2' }, tsNs: 1656353124120000000n, want: '1656353124 bar 2' },
  {
    name: 'template_error',
    tmpl: '{{.foo | now}}',
    labels: { foo: 'blip', bar: 'blop' },
    line: 'in',
    want: 'in',
    error: 'template: line:1:9: executing "line" at <now>: wrong number of args for now: want 0 got 1',
  },
  { name: 'bytes 1', tmpl: '{{ .foo | bytes }}', labels: { foo: '3 kB' }, want: '3000' },
  { name: 'bytes 2', tmpl: '{{ .foo | bytes }}', labels: { foo: '3MB' }, want: '3e+06' },
  { name: 'duration 1', tmpl: '{{ .foo | duration }}', labels: { foo: '3ms' }, want: '0.003' },
  { name: 'duration 2', tmpl: '{{ .foo | duration_seconds }}', labels: { foo: '3m10s' }, want: '190' },
  { name: 'toDateInZone', tmpl: '{{ .foo | toDateInZone "2006-01-02T15:04:05.999999999Z" "UTC" | unixEpochMillis }}', labels: { foo: '2023-03-10T01:32:40.340485723Z' }, want: '1678411960340' },
  { name: 'unixEpochNanos', tmpl: '{{ .foo | toDateInZone "2006-01-02T15:04:05.999999999Z" "UTC" | unixEpochNanos }}', labels: { foo: '2023-03-10T01:32:40.340485723Z' }, want: '1678411960340485723' },
  { name: 'base64encode', tmpl: '{{ .foo | b64enc }}', labels: { foo: "i'm a string, encode me!" }, want: 'aSdtIGEgc3RyaW5nLCBlbmNvZGUgbWUh' },
  { name: 'base64decode', tmpl: '{{ .foo | b64dec }}', labels: { foo: 'aSdtIGEgc3RyaW5nLCBlbmNvZGUgbWUh' }, want: "i'm a string, encode me!" },
  { name: 'alignLeft', tmpl: '{{ alignLeft 4 .foo }}', labels: { foo: 'hello' }, want: 'hell' },
  { name: 'alignRight', tmpl: '{{ alignRight 4 .foo }}', labels: { foo: 'hello' }, want: 'ello' },
  { name: 'simple key template', tmpl: '{{.foo}}', labels: { foo: 'bar' }, want: 'bar' },
  { name: 'simple key template with space', tmpl: '{{.foo}}  ', labels: { foo: 'bar' }, want: 'bar  ' },
  { name: 'simple key template with missing key', tmpl: '{{.missing}}', labels: { foo: 'bar' }, want: '' },
];

process.env.TZ = 'UTC';

for (const c of lineCases) {
  test(`line_format (Loki fmt_test): ${c.name}`, () => {
    const query = `{x="y"} | line_format ${JSON.stringify(c.tmpl)}`;
    const p = compileLogPipeline(parseExpr(query) as LogSelectorExpr).forStream(c.labels);
    const got = p.process(c.tsNs ?? 0n, c.line ?? '');
    assert.ok(got !== undefined);
    assert.equal(got.line, c.want);
    assert.equal(got.labels.__error__, c.error === undefined ? undefined : 'TemplateFormatErr');
    assert.equal(got.labels.__error_details__, c.error);
  });
}

// Loki's Test_labelsFormatter_Format cases: `| label_format` over the case's stream labels,
// at ts 1661518453244672570 with the line "test line".
const labelCases: { name: string; ops: string; labels: Record<string, string>; want: string }[] = [
  { name: 'rename label', ops: 'baz=foo', labels: { foo: 'blip', bar: 'blop' }, want: '{bar="blop", baz="blip"}' },
  { name: 'rename and overwrite existing label', ops: 'bar=foo', labels: { foo: 'blip', bar: 'blop' }, want: '{bar="blip"}' },
  { name: 'combined with template', ops: 'foo="{{.foo}} and {{.bar}}"', labels: { foo: 'blip', bar: 'blop' }, want: '{bar="blop", foo="blip and blop"}' },
  { name: 'combined with template and rename', ops: 'blip="{{.foo}} and {{.bar}}", bar=foo', labels: { foo: 'blip', bar: 'blop' }, want: '{bar="blip", blip="blip and blop"}' },
  { name: 'fn', ops: 'blip="{{.foo | ToUpper }} and {{.bar}}", bar=foo', labels: { foo: 'blip', bar: 'blop' }, want: '{bar="blip", blip="BLIP and blop"}' },
  { name: 'math', ops: 'status="{{div .status 100 }}"', labels: { status: '200' }, want: '{status="2"}' },
  { name: 'default', ops: 'blip=`{{.foo | default "-" }} and {{.bar}}`', labels: { bar: 'blop' }, want: '{bar="blop", blip="- and blop"}' },
  {
    name: 'template error',
    ops: 'bar="{{replace \\"test\\" .foo}}"',
    labels: { foo: 'blip', bar: 'blop' },
    want: '{__error__="TemplateFormatErr", __error_details__="template: label:1:2: executing \\"label\\" at <replace>: wrong number of args for replace: want 3 got 2", bar="blop", foo="blip"}',
  },
  { name: 'line', ops: 'line="{{ __line__ }}"', labels: { foo: 'blip' }, want: '{foo="blip", line="test line"}' },
  { name: 'timestamp', ops: 'ts="{{ __timestamp__ | date \\"2006-01-02\\" }}"', labels: { foo: 'blip' }, want: '{foo="blip", ts="2022-08-26"}' },
  { name: 'timestamp_unix', ops: 'ts="{{ __timestamp__ | unixEpoch }}"', labels: { foo: 'blip' }, want: '{foo="blip", ts="1661518453"}' },
  { name: 'count', ops: 'count=`{{ __line__ | count "test" }}`', labels: { foo: 'blip' }, want: '{count="1", foo="blip"}' },
  { name: 'count regex no matches', ops: 'count=`{{ __line__ | count "notmatching.*" }}`', labels: { x: 'y' }, want: '{count="0", x="y"}' },
  { name: 'bytes', ops: 'bar="{{ .foo | bytes }}"', labels: { foo: '3MB', bar: 'blop' }, want: '{bar="3e+06", foo="3MB"}' },
  { name: 'unixToTime seconds', ops: 'foo="{{ .bar | unixToTime }}"', labels: { foo: '', bar: '1679577215' }, want: '{bar="1679577215", foo="2023-03-23 13:13:35 +0000 UTC"}' },
];

for (const c of labelCases) {
  test(`label_format (Loki fmt_test): ${c.name}`, () => {
    const p = compileLogPipeline(parseExpr(`{x="y"} | label_format ${c.ops}`) as LogSelectorExpr).forStream(c.labels);
    assert.equal(p.process(1661518453244672570n, 'test line')?.key, c.want);
  });
}

test('decolorize (Loki fmt_test)', () => {
  const p = compileLogPipeline(parseExpr('{x="y"} | decolorize') as LogSelectorExpr).forStream({ x: 'y' });
  assert.equal(p.process(0n, 'sample text')?.line, 'sample text');
  assert.equal(p.process(0n, '\u001b[0;32mgreen\u001b[0m \u001b[0;31mred\u001b[0m')?.line, 'green red');
});
