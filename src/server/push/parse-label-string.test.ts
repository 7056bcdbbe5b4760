import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WatchpostError } from '../../core/index.js';
import { parseLabelString } from './parse-label-string.js';

const valid: { input: string; labels: Record<string, string> }[] = [
  { input: '{app="x"}', labels: { app: 'x' } },
  { input: '{app="x", env="prod"}', labels: { app: 'x', env: 'prod' } },
  { input: ' { b = "2" ,a="1", } ', labels: { a: '1', b: '2' } },
  { input: '{}', labels: {} },
  { input: '{app="x", empty=""}', labels: { app: 'x' } },
  { input: '{msg="a \\"quoted\\" \\\\ line\\n"}', labels: { msg: 'a "quoted" \\ line\n' } },
  { input: "{a='single'}", labels: { a: 'single' } },
  { input: '{a=`raw \\n`}', labels: { a: 'raw \\n' } },
  { input: '{a="\\x41\\u00e9"}', labels: { a: 'Aé' } },
  { input: '{_x9="ü"}', labels: { _x9: 'ü' } },
  { input: '{__proto__="p", a="b"}', labels: JSON.parse('{"__proto__":"p","a":"b"}') as Record<string, string> },
];

for (const c of valid) {
  test(`parseLabelString reads ${c.input}`, () => {
    assert.deepEqual({ ...parseLabelString(c.input) }, c.labels);
  });
}

const invalid: { input: string; message: string }[] = [
  { input: '{app="x"', message: "couldn't parse labels: 1:9: parse error: unexpected end of input inside braces" },
  { input: '{app-x="y"}', message: "couldn't parse labels: 1:5: parse error: unexpected character inside braces: '-'" },
  { input: '{app="x}', message: "couldn't parse labels: 1:6: parse error: unterminated quoted string" },
  { input: '{app=x}', message: 'couldn\'t parse labels: 1:6: parse error: unexpected identifier "x" in label set, expected string' },
  { input: '{app!="x"}', message: "couldn't parse labels: 1:5: parse error: unexpected character inside braces: '!'" },
  { input: '{="x"}', message: 'couldn\'t parse labels: 1:2: parse error: unexpected "=" in label set, expected identifier or "}"' },
  { input: '{a="1" b="2"}', message: 'couldn\'t parse labels: 1:8: parse error: unexpected identifier "b" in label set, expected "," or "}"' },
  { input: '', message: "couldn't parse labels: 1:1: parse error: unexpected end of input" },
  { input: 'app="x"', message: "couldn't parse labels: 1:1: parse error: unexpected character: 'a'" },
  { input: '{a="1"} x', message: "couldn't parse labels: 1:9: parse error: unexpected character: 'x'" },
  { input: '{a="\\q"}', message: "couldn't parse labels: 1:5: parse error: unknown escape sequence 'q'" },
];

for (const c of invalid) {
  test(`parseLabelString rejects ${JSON.stringify(c.input)} with Prometheus's parser text`, () => {
    assert.throws(
      () => parseLabelString(c.input),
      (err: unknown) => err instanceof WatchpostError && err.code === 'ERR_API_BAD_REQUEST' && err.message === c.message,
    );
  });
}

test('parseLabelString rejects a repeated label name with Loki\'s duplicate text', () => {
  assert.throws(() => parseLabelString('{a="1", a="2"}'), { message: `stream '{a="1", a="2"}' has duplicate label name: 'a'` });
});
