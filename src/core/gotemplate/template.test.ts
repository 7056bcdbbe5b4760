import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sprigFuncs } from './sprig.js';
import { parseGoTemplate } from './template.js';
import { GoMapView, GoTime, type GoValue } from './values.js';
import { formatGoFloat, goSprintf } from './format.js';

const data: GoValue = { a: 'x', n: '42', empty: '', list: ['p', 'q'], m: { k: 'v' } };

const cases: { name: string; tmpl: string; want: string; missingKey?: 'default' | 'zero' | 'error' }[] = [
  { name: 'field and text', tmpl: 'a={{.a}}.', want: 'a=x.' },
  { name: 'missing key, default option', tmpl: '{{.nope}}', want: '<no value>' },
  // data is a map[string]interface{}: its zero value is a nil interface, printed as no value
  // (LogQL's label map is map[string]string, whose zero value is "").
  { name: 'missing key, missingkey=zero on an interface map', tmpl: '[{{.a}}{{.nope}}]', want: '[x<no value>]', missingKey: 'zero' },
  { name: 'trim markers', tmpl: 'a  {{- .a -}}  b', want: 'axb' },
  { name: 'comment', tmpl: 'a{{/* note */}}b{{- /* x */ -}} c', want: 'abc' },
  { name: 'if / else if / else', tmpl: '{{if .empty}}1{{else if .a}}2{{else}}3{{end}}', want: '2' },
  { name: 'with sets dot', tmpl: '{{with .m}}{{.k}}{{end}}', want: 'v' },
  { name: 'with else', tmpl: '{{with .empty}}x{{else}}none{{end}}', want: 'none' },
  { name: 'range with index', tmpl: '{{range $i, $e := .list}}{{$i}}:{{$e}} {{end}}', want: '0:p 1:q ' },
  { name: 'range over a map is sorted', tmpl: '{{range $k, $v := .}}{{$k}},{{end}}', want: 'a,empty,list,m,n,' },
  { name: 'range else', tmpl: '{{range .nope}}x{{else}}empty{{end}}', want: 'empty' },
  { name: 'range break and continue', tmpl: '{{range .list}}{{if eq . "q"}}{{break}}{{end}}{{.}}{{continue}}z{{end}}', want: 'p' },
  { name: 'variables and assignment', tmpl: '{{$x := "a"}}{{$x = "b"}}{{$x}}', want: 'b' },
  { name: 'define and template', tmpl: '{{define "t"}}<{{.}}>{{end}}{{template "t" .a}}', want: '<x>' },
  { name: 'block', tmpl: '{{block "b" .a}}[{{.}}]{{end}}', want: '[x]' },
  { name: 'pipeline passes the last argument', tmpl: '{{ "abc" | printf "%s-%s" "z" }}', want: 'z-abc' },
  { name: 'parenthesised pipeline', tmpl: '{{ printf "%d" (len .list) }}', want: '2' },
  { name: 'and/or return operands', tmpl: '{{and "a" "b"}} {{or "" "c"}} {{and "" "x"}}|', want: 'b c |' },
  { name: 'not', tmpl: '{{not .empty}}', want: 'true' },
  { name: 'eq with several operands', tmpl: '{{eq .a "y" "x"}}', want: 'true' },
  { name: 'lt on ints and strings', tmpl: '{{lt 1 2}} {{lt "b" "a"}}', want: 'true false' },
  { name: 'index of map and slice', tmpl: '{{index .m "k"}} {{index .list 1}}', want: 'v q' },
  { name: 'slice of string', tmpl: '{{slice "hello" 1 3}}', want: 'el' },
  { name: 'len counts bytes', tmpl: '{{len "héllo"}}', want: '6' },
  { name: 'print adds spaces between non-strings', tmpl: '{{print 1 2 "a" "b" 3}}', want: '1 2ab3' },
  { name: 'println', tmpl: '{{println "a" 1}}', want: 'a 1\n' },
  { name: 'html js urlquery', tmpl: '{{html "<a&\'>"}} {{js "a\'<"}} {{urlquery "a b&c/é"}}', want: '&lt;a&amp;&#39;&gt; a\\\'\\u003C a+b%26c%2F%C3%A9' },
  { name: 'number constants', tmpl: '{{1.5}} {{0x10}} {{1e3}} {{\'a\'}}', want: '1.5 16 1000 97' },
  { name: 'float printing like %v', tmpl: '{{ 1000000.0 }} {{ 0.00001 }} {{ 123456.0 }}', want: '1e+06 1e-05 123456' },
  { name: 'map printing', tmpl: '{{.m}} {{.list}}', want: 'map[k:v] [p q]' },
  { name: 'raw string', tmpl: '{{`a\\n`}}', want: 'a\\n' },
];

for (const c of cases) {
  test(`parseGoTemplate: ${c.name}`, () => {
    const t = parseGoTemplate('t', c.tmpl, { funcs: sprigFuncs, missingKey: c.missingKey ?? 'default' });
    assert.equal(t.execute(data), c.want);
  });
}

const parseErrors: { tmpl: string; err: string }[] = [
  { tmpl: '{{.a', err: 'template: t:1: unclosed action' },
  { tmpl: 'x\n{{nope}}', err: 'template: t:2: function "nope" not defined' },
  { tmpl: '{{if .a}}', err: 'template: t:1: unexpected EOF' },
  { tmpl: '{{end}}', err: 'template: t:1: unexpected {{end}}' },
  { tmpl: '{{else}}', err: 'template: t:1: unexpected {{else}}' },
  { tmpl: '{{$x}}', err: 'template: t:1: undefined variable "$x"' },
  { tmpl: '{{"a" | "b"}}', err: 'template: t:1: non executable command in pipeline stage 2' },
  { tmpl: '{{}}', err: 'template: t:1: missing value for command' },
  { tmpl: '{{break}}', err: 'template: t:1: {{break}} outside {{range}}' },
  { tmpl: '{{/* x', err: 'template: t:1: unclosed comment' },
  { tmpl: '{{"abc}}', err: 'template: t:1: unterminated quoted string' },
  { tmpl: "{{'a}}", err: 'template: t:1: unterminated character constant' },
  { tmpl: '{{define "x"}}a{{else}}b{{end}}', err: 'template: t:1: unexpected {{else}} in define clause' },
  { tmpl: '{{block "x" .}}a{{else}}b{{end}}', err: 'template: t:1: unexpected {{else}} in block clause' },
  { tmpl: '{{3x}}', err: 'template: t:1: bad number syntax: "3x"' },
  { tmpl: '{{.a @}}', err: "template: t:1: unrecognized character in action: U+0040 '@'" },
];

for (const c of parseErrors) {
  test(`parseGoTemplate: ${JSON.stringify(c.tmpl)} fails to parse`, () => {
    assert.throws(() => parseGoTemplate('t', c.tmpl, { funcs: sprigFuncs }), { message: c.err });
  });
}

const execErrors: { tmpl: string; err: string }[] = [
  { tmpl: '{{.a.b}}', err: 'template: t:1:4: executing "t" at <.a.b>: can\'t evaluate field b in type string' },
  { tmpl: '{{lt 1 "a"}}', err: 'template: t:1:2: executing "t" at <lt>: error calling lt: incompatible types for comparison' },
  { tmpl: '{{index .list 5}}', err: 'template: t:1:2: executing "t" at <index>: error calling index: index out of range: 5' },
  { tmpl: '{{.nope}}', err: 'template: t:1:2: executing "t" at <.nope>: map has no entry for key "nope"' },
  { tmpl: '{{ 3 | upper }}', err: 'template: t:1:7: executing "t" at <upper>: wrong type for value; expected string; got int' },
];

for (const c of execErrors) {
  test(`parseGoTemplate: ${JSON.stringify(c.tmpl)} fails to execute`, () => {
    const t = parseGoTemplate('t', c.tmpl, { funcs: sprigFuncs, missingKey: 'error' });
    assert.throws(() => t.execute(data), { message: c.err });
  });
}

test('goSprintf: verbs, flags, width and precision', () => {
  const cases: [string, GoValue[], string][] = [
    ['%s|%5s|%-5s|%.2s', ['a', 'b', 'c', 'xyz'], 'a|    b|c    |xy'],
    ['%d|%05d|%+d|%x|%X|%o|%b|%c|%U', [42n, 42n, 42n, 255n, 255n, 8n, 5n, 65n, 65n], '42|00042|+42|ff|FF|10|101|A|U+0041'],
    ['%f|%.2f|%8.3f|%e|%g|%v', [3.14159, 3.14159, 3.14159, 1234.5678, 0.000012, 2.5], '3.141590|3.14|   3.142|1.234568e+03|1.2e-05|2.5'],
    ['%q|%v|%t|%T', ['a"b', true, false, 1.5], '"a\\"b"|true|false|float64'],
    ['%d %s', ['x'], '%!d(string=x) %!s(MISSING)'],
    ['%s', ['a', 'b'], 'a%!(EXTRA string=b)'],
    ['100%%', [], '100%'],
  ];
  for (const [f, args, want] of cases) assert.equal(goSprintf(f, args), want, f);
});

test('formatGoFloat: strconv formats', () => {
  assert.equal(formatGoFloat(1e21, 'g', -1), '1e+21');
  assert.equal(formatGoFloat(100, 'g', -1), '100');
  assert.equal(formatGoFloat(1e6, 'g', -1), '1e+06');
  assert.equal(formatGoFloat(0.0001, 'g', -1), '0.0001');
  assert.equal(formatGoFloat(1, 'g', 3), '1');
  assert.equal(formatGoFloat(123456, 'g', 3), '1.23e+05');
  assert.equal(formatGoFloat(-0.5, 'e', 2), '-5.00e-01');
  assert.equal(formatGoFloat(Infinity, 'g', -1), '+Inf');
  assert.equal(formatGoFloat(NaN, 'f', 2), 'NaN');
});

test('GoTime: String() in UTC', () => {
  assert.equal(new GoTime(1_700_000_000_123_000_000n).toString(), '2023-11-14 22:13:20.123 +0000 UTC');
});

test('GoMapView: read like a map[string]string without copying', () => {
  const store: Record<string, string> = { b: '2', a: '1' };
  const view = new GoMapView((k) => (Object.hasOwn(store, k) ? store[k] : undefined), () => Object.keys(store));
  const t = parseGoTemplate('t', '{{.a}}|{{.zz}}|{{len .}}|{{index . "b"}}|{{range $k, $v := .}}{{$k}}={{$v}};{{end}}|{{.}}|{{if .}}y{{end}}', {
    funcs: sprigFuncs,
    missingKey: 'zero',
  });
  assert.equal(t.execute(view), '1||2|2|a=1;b=2;|map[a:1 b:2]|y');
  store.a = 'changed';
  assert.equal(parseGoTemplate('t', '{{.a}}').execute(view), 'changed');
});
