import { test } from 'node:test';
import assert from 'node:assert/strict';
import { search } from 'jmespath';
import { compileJmesPath } from './jmespath-compile.js';

const documents: unknown[] = [
  { a: { b: { c: 1 } }, list: [{ b: 2 }, { b: 3 }], 'grpc.stream': 's', n: null, s: 'str', arr: [[1, 2], [3]] },
  { a: [1, 2, 3], list: 'not a list' },
  { a: null },
  {},
];

// Plain paths take the compiled fast path; the others the interpreter. Both must agree with jmespath.search.
const expressions = ['a', 'a.b', 'a.b.c', 'a.b.c.d', '"grpc.stream"', 'list[0].b', 'list[-1].b', 'list[5]', 'a[0]', 'arr[0][1]', '@', 'n.x', 's.x', 'list[*].b', 'length(a)', "a.b || 'x'", '{x: a.b.c}'];

for (const expression of expressions) {
  test(`compileJmesPath(${expression}) equals jmespath.search`, () => {
    const compiled = compileJmesPath(expression);
    for (const doc of documents) {
      let want: unknown;
      try {
        want = search(doc, expression);
      } catch {
        want = undefined;
      }
      assert.deepEqual(compiled(doc), want, JSON.stringify(doc));
    }
  });
}

test('compileJmesPath throws on invalid syntax', () => {
  assert.throws(() => compileJmesPath('[['));
});
