import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseGoTemplate, TemplateExecError } from '../../core/gotemplate/index.js';
import { createLogqlTemplateFuncs } from './template-functions.js';

// Golden cases for the template functions of line_format/label_format
// (logql.md §8.3). Each case is `<template>` then `=> <output as JSON>`; the
// file is rewritten with UPDATE_GOLDEN=1 and reviewed as a diff.
process.env.TZ = 'UTC';

const golden = new URL('./testdata/template-functions.golden', import.meta.url);
const labels = { app: 'foo', path: '/api/v1 items', n: '3000', f: '2.5', dur: '1m30s', size: '1KiB', epoch: '1673798889', date: '2023-01-15 10:11:12', b64: 'aGVsbG8=', json: '{"a":{"b":[1,"x"]}}', empty: '' };
const ctx = { line: 'the original line', tsNs: 1_673_798_889_902_000_000n };

const templates = [
  '{{ .app | ToUpper }} {{ ToLower "ABC" }} {{ upper .app }} {{ lower "XY" }} {{ title "hello wORld-x" }}',
  '{{ Replace .path " " "_" -1 }} {{ Replace "aaa" "a" "b" 2 }} {{ replace " " "_" .path }}',
  '[{{ Trim "  xx  " " " }}] [{{ TrimLeft "xxaxx" "x" }}] [{{ TrimRight "xxaxx" "x" }}] [{{ TrimPrefix .path "/api" }}] [{{ TrimSuffix "a.log" ".log" }}] [{{ TrimSpace "  t  " }}]',
  '[{{ trim "  t " }}] [{{ trimAll "x" "xxaxx" }}] [{{ trimPrefix "/api" .path }}] [{{ trimSuffix ".log" "a.log" }}]',
  '{{ regexReplaceAll "(\\\\w+)/(\\\\w+)" .path "${2}-$1" }} {{ regexReplaceAllLiteral "v1" .path "$1" }} {{ regexReplaceAll "a*" "baaac" "-" }}',
  '{{ count "a" "banana" }} {{ count "" "abc" }} {{ count "x*" "xxyx" }}',
  '{{ urlencode .path }} {{ urldecode "a%20b+c%2F" }}',
  '{{ bytes .size }} {{ bytes "2 MB" }} {{ duration .dur }} {{ duration_seconds "250ms" }}',
  '{{ __line__ }} | {{ __timestamp__ }} | {{ __timestamp__ | unixEpochMillis }} | {{ __timestamp__ | unixEpochNanos }} | {{ __timestamp__ | unixEpoch }}',
  '{{ __timestamp__ | date "2006-01-02T15:04:05.000Z07:00" }} {{ date "Mon Jan 2 15:04" (unixToTime .epoch) }}',
  '{{ unixToTime "19373" }} / {{ unixToTime "1673798889902" }} / {{ unixToTime "1673798889902000" }} / {{ unixToTime "1673798889902000001" }}',
  '{{ toDateInZone "2006-01-02 15:04:05" "Europe/Berlin" .date }} / {{ toDateInZone "2006-01-02 15:04:05" "No/Such" .date }} / {{ (toDateInZone "2006" "UTC" "bad").IsZero }}',
  '{{ toDate "2006-01-02 15:04:05" .date | unixEpoch }}',
  '[{{ alignLeft 5 "hello world" }}] [{{ alignLeft 5 "hi" }}] [{{ alignRight 5 "hello world" }}] [{{ alignRight 5 "hi" }}]',
  '{{ b64enc "hello" }} {{ b64dec .b64 }} {{ b64dec "!!" }}',
  '{{ trunc 3 "abcdef" }} {{ trunc -2 "abcdef" }} {{ substr 1 4 "abcdef" }} {{ substr 3 -1 "abcdef" }}',
  '{{ contains "v1" .path }} {{ hasPrefix "/api" .path }} {{ hasSuffix "x" .path }}',
  '{{ indent 2 "a\\nb" }}|{{ nindent 2 "c" }}|{{ repeat 3 "ab" }}',
  '{{ int .n }} {{ int "1.0" }} {{ int "abc" }} {{ float64 .f }} {{ add 1 2 .n }} {{ sub 10 .n }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 3 }}',
  '{{ addf 0.1 0.2 }} {{ subf 1 0.9 }} {{ mulf 1.1 3 }} {{ divf 1 3 }} {{ divf 10 4 }}',
  '{{ max 1 5 3 }} {{ min 4 "2" }} {{ maxf 1.5 2.5 }} {{ minf 1.5 -2 }} {{ ceil 1.2 }} {{ floor "1.8" }} {{ round 2.555 2 }} {{ round 2.5 0 }}',
  '{{ default "none" .empty }} {{ default "none" .app }} {{ .missing | default "d" }}',
  '{{ $j := fromJson .json }}{{ index $j.a.b 1 }} {{ index $j.a.b 0 }} {{ fromJson "nope" }}',
  '{{ if eq .app "foo" }}{{ printf "%s:%05.1f:%x" .app 3.14159 255 }}{{ end }} {{ .path | len }}',
  '{{ div 1 0 }}',
  '{{ regexReplaceAll "(" .app "x" }}',
  '{{ unixToTime "abc" }}',
  '{{ unixToTime "123" }}',
  '{{ duration "10" }}',
  '{{ bytes "1 XB" }}',
  '{{ urldecode "%zz" }}',
  '{{ divf 1 0 }}',
];

function run(template: string): string {
  try {
    return parseGoTemplate('line', template, { funcs: createLogqlTemplateFuncs(ctx), missingKey: 'zero' }).execute(labels);
  } catch (e) {
    if (e instanceof TemplateExecError) return `error: ${e.message}`;
    throw e;
  }
}

test('LogQL template functions: golden outputs', () => {
  const actual = templates.map((t) => `${t}\n=> ${JSON.stringify(run(t))}\n`).join('\n');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, actual);
  assert.equal(actual, readFileSync(golden, 'utf8'));
});
