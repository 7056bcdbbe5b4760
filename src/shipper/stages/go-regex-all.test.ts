import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGoRegex } from '../../logql/index.js';
import { findAllSubmatchIndex, goReplaceAll, toSearchable } from './go-regex-all.js';

// Results of Go's regexp ReplaceAllString / ReplaceAllLiteralString for the same inputs.
const cases: ReadonlyArray<readonly [string, string, string, boolean, string]> = [
  ['a(x*)b', '-ab-axxb-', '${1}W', false, '-W-xxW-'],
  ['a(x*)b', '-ab-axxb-', '$1W', false, '---'],
  ['a(x*)b', '-ab-axxb-', '$$1', false, '-$1-$1-'],
  ['a(?P<mid>x*)b', '-axb-', '[$mid]', false, '-[x]-'],
  ['a(x*)b', '-axb-', '$1', true, '-$1-'],
  ['a*', 'baaac', 'X', false, 'XbXcX'],
  ['x*', 'abc', '-', false, '-a-b-c-'],
  ['(b)|(c)', 'abc', '[$1$2]', false, 'a[b][c]'],
  ['a(x*)b', '-axb-', '$', false, '-$-'],
  ['a(x*)b', '-axb-', '${1', false, '-${1-'],
];

for (const [pattern, src, repl, literal, want] of cases) {
  test(`goReplaceAll(${pattern}, ${JSON.stringify(src)}, ${JSON.stringify(repl)}${literal ? ', literal' : ''}) = ${JSON.stringify(want)}`, () => {
    assert.equal(goReplaceAll(toSearchable(compileGoRegex(pattern)), src, repl, literal), want);
  });
}

test('findAllSubmatchIndex gives -1 for groups that did not take part', () => {
  assert.deepEqual(findAllSubmatchIndex(toSearchable(compileGoRegex('(b)|(c)')), 'abc'), [
    [1, 2, 1, 2, -1, -1],
    [2, 3, -1, -1, 2, 3],
  ]);
});
