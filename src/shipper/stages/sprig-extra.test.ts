import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoTemplate } from '../../core/gotemplate/index.js';
import { promtailTemplateFuncs } from './template-functions.js';

// [template, expected output per sprig v3 / Go]; data: .s = "Hello World", .p = "/var/log/app.log"
const cases: ReadonlyArray<readonly [string, string]> = [
  ['{{ quote .s "x" }}', '"Hello World" "x"'],
  ['{{ squote .s }}', "'Hello World'"],
  ['{{ cat "a" 1 .s }}', 'a 1 Hello World'],
  ['{{ nospace .s }}', 'HelloWorld'],
  ['{{ abbrev 8 .s }}', 'Hello...'],
  ['{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['{{ sha1sum "abc" }}', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ['{{ adler32sum "Wikipedia" }}', '300286872'],
  ['{{ atoi "42" | add 1 }}', '43'],
  ['{{ splitList " " .s | join "-" }}', 'Hello-World'],
  ['{{ (split " " .s)._1 }}', 'World'],
  ['{{ list 1 2 3 | last }}', '3'],
  ['{{ empty "" }} {{ empty "x" }}', 'true false'],
  ['{{ coalesce "" .missing "z" }}', 'z'],
  ['{{ ternary "yes" "no" true }}', 'yes'],
  ['{{ regexMatch "^H.*d$" .s }} {{ regexMatch "(" .s }}', 'true false'],
  ['{{ regexFind "o\\\\w*" .s }}', 'o'],
  ['{{ regexFindAll "o" .s -1 | join "," }}', 'o,o'],
  ['{{ regexSplit "l+" .s -1 | join "|" }}', 'He|o Wor|d'],
  ['{{ regexQuoteMeta "a.b*c" }}', 'a\\.b\\*c'],
  ['{{ base .p }} {{ dir .p }} {{ ext .p }} {{ clean "/a//b/../c/" }}', 'app.log /var/log .log /a/c'],
  ['{{ toJson (list "<a>" 1) }}', '["\\u003ca\\u003e",1]'],
];

for (const [text, want] of cases) {
  test(`promtail template functions: ${text}`, () => {
    const template = parseGoTemplate('t', text, { funcs: promtailTemplateFuncs });
    assert.equal(template.execute({ s: 'Hello World', p: '/var/log/app.log' }), want);
  });
}
