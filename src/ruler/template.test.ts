import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTemplateExpander, humanize, humanize1024, humanizeDuration } from './template.js';

const expand = createTemplateExpander();
const data = { labels: { user: 'alice', instance: 'web1.example.com:22' }, value: 1234.5, externalLabels: { cluster: 'lab' }, externalUrl: 'http://127.0.0.1:3100' };

test('createTemplateExpander() expands $labels, $value, $externalLabels and $externalURL as Prometheus', () => {
  const cases: Array<[string, string]> = [
    ['{{ $labels.user }} logged in', 'alice logged in'],
    ['{{ $value }}', '1234.5'],
    ['{{ $value | humanize }}', '1.234k'],
    ['{{ $externalLabels.cluster }} {{ $externalURL }}', 'lab http://127.0.0.1:3100'],
    ['{{ .Labels.user | toUpper }}', 'ALICE'],
    ['{{ $labels.instance | stripPort }} {{ $labels.instance | stripDomain }}', 'web1.example.com web1:22'],
    ['{{ reReplaceAll "(.*)@(.*)" "$2" "a@b" }}', 'b'],
    ['{{ if match "^al" $labels.user }}yes{{ end }}', 'yes'],
    ['{{ printf "%.1f" $value }}', '1234.5'],
    ['plain text', 'plain text'],
  ];
  for (const [template, want] of cases) assert.equal(expand(template, data), want, template);
});

test('createTemplateExpander() turns parse and execution failures into Prometheus\'s error text', () => {
  assert.match(expand('{{ $labels.user ', data), /^<error expanding template: .+>$/);
  assert.match(expand('{{ nosuchfunc 1 }}', data), /^<error expanding template: .*function "nosuchfunc" not defined.*>$/);
});

test('humanize functions format as Prometheus', () => {
  const cases: Array<[(v: number) => string, number, string]> = [
    [humanize, 0, '0'],
    [humanize, 1234567, '1.235M'],
    [humanize, 0.00123, '1.23m'],
    [humanize, 999, '999'],
    [humanize, -2500, '-2.5k'],
    [humanize, 1e30, '1e+06Y'],
    [humanize1024, 1048576, '1Mi'],
    [humanize1024, 1024, '1ki'],
    [humanize1024, -2048, '-2ki'],
    [humanize1024, 0.5, '0.5'],
    [humanizeDuration, 90061, '1d 1h 1m 1s'],
    [humanizeDuration, 3.5, '3.5s'],
    [humanizeDuration, 0.0015, '1.5ms'],
  ];
  for (const [fn, value, want] of cases) assert.equal(fn(value), want, `${fn.name}(${value})`);
});
