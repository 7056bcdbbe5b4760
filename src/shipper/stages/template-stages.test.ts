import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createTestContext, runStageCase, type StageCase } from './testdata/stage-test-kit.js';

const sha3 = (s: string): string => createHash('sha3-256').update(s).digest('hex');
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const accessLog =
  '11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] "GET /1986.js HTTP/1.1" 200 932 "-" "Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6"';

const cases: StageCase[] = [
  {
    name: 'template: a constant, .Value with a suffix, ToLower, Replace, if/else',
    stages: `
- logfmt: {mapping: {app: , level: , name: }}
- template: {source: new_key, template: 'hello world!'}
- template: {source: app, template: '{{ .Value }}_some_suffix'}
- template: {source: name, template: '{{ ToLower .Value }}'}
- template: {source: level, template: '{{ if eq .Value "WARN" }}{{ Replace .Value "WARN" "OK" -1 }}{{ else }}{{ .Value }}{{ end }}'}`,
    lines: ['app=loki level=WARN name=LOKI'],
    want: [{ extracted: { new_key: 'hello world!', app: 'loki_some_suffix', name: 'loki', level: 'OK' } }],
  },
  {
    name: 'template: Hash and Sha2Hash take the salt first (sprig pipeline order)',
    stages: `
- logfmt: {mapping: {ip: }}
- template: {source: h3, template: '{{ .ip | Hash "salt" }}'}
- template: {source: h2, template: '{{ Sha2Hash "salt" .ip }}'}`,
    lines: ['ip=10.0.0.1'],
    want: [{ extracted: { h3: sha3('salt10.0.0.1'), h2: sha256('salt10.0.0.1') } }],
  },
  {
    name: 'template: regexReplaceAll expands $1 and ${name}; the literal form does not',
    stages: `
- logfmt: {mapping: {msg: }}
- template: {source: a, template: '{{ regexReplaceAll "(\\\\w+)@(?P<host>\\\\w+)" .msg "$1 at \${host}" }}'}
- template: {source: b, template: '{{ regexReplaceAllLiteral "(ts=)" .msg "$1" }}'}`,
    lines: ['msg="ts=1 bob@example"'],
    want: [{ extracted: { a: 'ts=1 bob at example', b: '$11 bob@example' } }],
  },
  {
    name: 'template: .Entry, missing keys print <no value>, sprig functions, empty result deletes the key',
    stages: `
- logfmt: {mapping: {gone: , up: }}
- template: {source: line, template: '{{ .Entry }}'}
- template: {source: missing, template: '{{ .nothere }}'}
- template: {source: up, template: '{{ .Value | upper }}'}
- template: {source: gone, template: ''}`,
    lines: ['gone=1 up=x'],
    want: [{ extracted: { line: 'gone=1 up=x', missing: '<no value>', up: 'X', gone: '<absent>' } }],
  },
  {
    name: 'template: an execution error leaves the value unchanged',
    stages: `
- logfmt: {mapping: {v: }}
- template: {source: v, template: '{{ regexReplaceAll "(" .Value "x" }}'}`,
    lines: ['v=keep'],
    want: [{ extracted: { v: 'keep' } }],
  },
  {
    name: 'replace: masks a captured password',
    stages: `- replace: {expression: 'password (\\S+)', replace: '****'}`,
    lines: ["2019-01-01T01:00:00.000000001Z stderr P i'm a log message who has sensitive information with password xyz!"],
    want: [{ line: "2019-01-01T01:00:00.000000001Z stderr P i'm a log message who has sensitive information with password ****" }],
  },
  {
    name: 'replace: reference access-log example renders every group; named groups are extracted',
    stages: `
- replace:
    expression: '^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]\\d{4})\\] "(?P<action>\\S+)\\s?(?P<path>\\S+)?\\s?(?P<protocol>\\S+)?" (?P<status>\\d{3}|-) (\\d+|-)\\s?"?(?P<referer>[^"]*)"?\\s?"?(?P<useragent>[^"]*)?"?$'
    replace: '{{ if eq .Value "200" }}{{ Replace .Value "200" "HttpStatusOk" -1 }}{{ else }}{{ .Value | ToUpper }}{{ end }}'`,
    lines: [accessLog],
    want: [
      {
        line: '11.11.11.11 - FRANK [25/JAN/2000:14:00:01 -0500] "GET /1986.JS HTTP/1.1" HttpStatusOk 932 "-" "MOZILLA/5.0 (WINDOWS; U; WINDOWS NT 5.1; DE; RV:1.9.1.7) GECKO/20091221 FIREFOX/3.5.7 GTB6"',
        extracted: { ip: '11.11.11.11', user: 'FRANK', status: 'HttpStatusOk', path: '/1986.JS', timestamp: '25/JAN/2000:14:00:01 -0500' },
      },
    ],
  },
  {
    name: 'replace: nested groups (promtail test) render the outer group in the line, every named group extracted',
    stages: `
- replace:
    expression: '(?P<ip_user>^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+)) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]\\d{4})\\] "(?P<action_path>(?P<action>\\S+)\\s?(?P<path>\\S+)?)\\s?(?P<protocol>\\S+)?" (?P<status>\\d{3}|-) (\\d+|-)\\s?"?(?P<referer>[^"]*)"?\\s?"?(?P<useragent>[^"]*)?"?$'
    replace: '{{ if eq .Value "200" }}{{ Replace .Value "200" "HttpStatusOk" -1 }}{{ else }}{{ .Value | ToUpper }}{{ end }}'`,
    lines: [accessLog],
    want: [
      {
        line: '11.11.11.11 - FRANK [25/JAN/2000:14:00:01 -0500] "GET /1986.JS HTTP/1.1" HttpStatusOk 932 "-" "MOZILLA/5.0 (WINDOWS; U; WINDOWS NT 5.1; DE; RV:1.9.1.7) GECKO/20091221 FIREFOX/3.5.7 GTB6"',
        extracted: { ip_user: '11.11.11.11 - FRANK', action_path: 'GET /1986.JS', ip: '11.11.11.11', identd: '-', user: 'FRANK', action: 'GET', protocol: 'HTTP/1.1', referer: '-' },
      },
    ],
  },
  {
    name: 'replace: adjacent capture groups all go (promtail test)',
    stages: "- replace: {expression: '(a|b|c)', replace: ''}",
    lines: ['abc'],
    want: [{ line: '' }],
  },
  {
    name: 'replace: empty replace value removes the group (promtail test)',
    stages: "- replace: {expression: '11.11.11.11 - (\\S+\\s)', replace: ''}",
    lines: [accessLog],
    want: [{ line: accessLog.replace('frank ', '') }],
  },
  {
    name: 'replace: every match is replaced; an empty replace deletes the capture',
    stages: `
- replace: {expression: '(\\d{2}.\\d{2}.\\d{2}.\\d{2}) - (\\S+)', replace: '{{ .Value | ToUpper }}x'}
- replace: {expression: '(\\s*secret=\\S+)'}`,
    lines: ['11.11.11.11 - frank 12.12.12.12 - bob secret=abc end'],
    want: [{ line: '11.11.11.11x - FRANKx 12.12.12.12x - BOBx end' }],
  },
  {
    name: 'replace: source rewrites the extracted value, not the line; extracted values are template data',
    stages: `
- logfmt: {mapping: {level: , app: }}
- replace: {expression: '(error)', source: level, replace: '{{ .app }}-ERROR'}`,
    lines: ['level=error app=api'],
    want: [{ line: 'level=error app=api', extracted: { level: 'api-ERROR' } }],
  },
];

for (const c of cases) {
  test(c.name, async () => {
    const { actual, expected } = await runStageCase(c, createTestContext());
    assert.deepEqual(actual, expected);
  });
}
