import type { BinaryOp } from '../syntax/ast.js';

export type ArithmeticOp = Exclude<BinaryOp, 'and' | 'or' | 'unless'>;

/** Comparison operators filter (or give 0/1 with `bool`). */
export function isComparison(op: BinaryOp): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '>=' || op === '<' || op === '<=';
}

export function isSetOp(op: BinaryOp): op is 'and' | 'or' | 'unless' {
  return op === 'and' || op === 'or' || op === 'unless';
}

/**
 * One element-wise operation. Arithmetic returns the value; comparisons
 * return 1 or 0. Division and modulo by zero give NaN, as Loki's
 * `mergeBinOp` does (Prometheus would give ±Inf); `%` is Go's math.Mod.
 */
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
      return right === 0 ? NaN : left % right;
    case '^':
      return Math.pow(left, right);
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
