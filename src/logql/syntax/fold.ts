/**
 * Constant folding of `literal op literal`, as Loki's reduceBinOp/MergeBinOp:
 * comparisons give 1 or 0, a zero divisor gives NaN for `/` and `%`, `%` is
 * Go's math.Mod and `^` Go's math.Pow.
 */
import type { BinaryOp } from './ast.js';

/** Go math.Pow special cases that differ from JavaScript's `**`. */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if ((x === -1) && (y === Infinity || y === -Infinity)) return 1;
  return x ** y;
}

/** Go math.Mod (the sign follows x), NaN for y = 0. */
export function goMod(x: number, y: number): number {
  return x % y;
}

export function foldLiterals(op: BinaryOp, left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? NaN : left / right;
    case '%':
      return right === 0 ? NaN : goMod(left, right);
    case '^':
      return goPow(left, right);
    case '==':
      return left === right ? 1 : 0;
    case '!=':
      return left !== right ? 1 : 0;
    case '>':
      return left > right ? 1 : 0;
    case '>=':
      return left >= right ? 1 : 0;
    case '<':
      return left < right ? 1 : 0;
    case '<=':
      return left <= right ? 1 : 0;
    default:
      // Logical operators never reach folding: literal legs are rejected first.
      return NaN;
  }
}
