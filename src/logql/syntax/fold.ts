/**
 * The arithmetic of binary operators, as Loki's mergeBinOp: comparisons give
 * 1 or 0, a zero divisor gives NaN for `/` and `%` (Prometheus would give
 * ±Inf), `%` is Go's math.Mod and `^` Go's math.Pow. The parser folds
 * `literal op literal` with it (reduceBinOp) and the engine applies it
 * element-wise.
 */
import type { BinaryOp } from './ast.js';

/** The operators that compute a value (set operators `and`/`or`/`unless` only filter). */
export type ArithmeticOp = Exclude<BinaryOp, 'and' | 'or' | 'unless'>;

/** The set operators, which match series and never compute values. */
export function isSetOp(op: BinaryOp): op is 'and' | 'or' | 'unless' {
  return op === 'and' || op === 'or' || op === 'unless';
}

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

/** One operation on two values; comparisons give 1 or 0 (the engine's filtering reads them so). */
export function applyArithmetic(op: ArithmeticOp, left: number, right: number): number {
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
  }
}

/** `literal op literal` as one literal (set operators never get here: literal legs are rejected first; NaN if they did). */
export function foldLiterals(op: BinaryOp, left: number, right: number): number {
  return isSetOp(op) ? NaN : applyArithmetic(op, left, right);
}
