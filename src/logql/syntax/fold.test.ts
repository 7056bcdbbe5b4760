import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BinaryOp } from './ast.js';
import { applyArithmetic, foldLiterals, isSetOp, type ArithmeticOp } from './fold.js';

// Loki's mergeBinOp: NaN for a zero divisor, Go's math.Mod and math.Pow, comparisons as 1/0.
const cases: Array<{ op: ArithmeticOp; left: number; right: number; want: number }> = [
  { op: '+', left: 1.5, right: 2, want: 3.5 },
  { op: '-', left: 1, right: 3, want: -2 },
  { op: '*', left: -2, right: 3, want: -6 },
  { op: '/', left: 1, right: 4, want: 0.25 },
  { op: '/', left: 1, right: 0, want: NaN },
  { op: '%', left: -7, right: 3, want: -1 },
  { op: '%', left: 7, right: 0, want: NaN },
  { op: '%', left: 5, right: Infinity, want: 5 },
  { op: '^', left: 2, right: 10, want: 1024 },
  { op: '^', left: 1, right: NaN, want: 1 },
  { op: '^', left: -1, right: Infinity, want: 1 },
  { op: '^', left: NaN, right: 0, want: 1 },
  { op: '^', left: NaN, right: 2, want: NaN },
  { op: '==', left: 2, right: 2, want: 1 },
  { op: '!=', left: 2, right: 2, want: 0 },
  { op: '>', left: 3, right: 2, want: 1 },
  { op: '>=', left: 2, right: 3, want: 0 },
  { op: '<', left: NaN, right: 1, want: 0 },
  { op: '<=', left: 1, right: 1, want: 1 },
];

for (const c of cases) {
  test(`applyArithmetic(): ${c.left} ${c.op} ${c.right} = ${c.want}`, () => {
    assert.equal(applyArithmetic(c.op, c.left, c.right), c.want);
    assert.equal(foldLiterals(c.op, c.left, c.right), c.want);
  });
}

test('foldLiterals() gives NaN for the set operators, which isSetOp() names', () => {
  const setOps: BinaryOp[] = ['and', 'or', 'unless'];
  for (const op of setOps) {
    assert.ok(isSetOp(op));
    assert.equal(foldLiterals(op, 1, 1), NaN);
  }
  assert.equal(isSetOp('+'), false);
});
