import type { BinaryOp } from '../syntax/ast.js';

/** Comparison operators filter (or give 0/1 with `bool`). */
export function isComparison(op: BinaryOp): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '>=' || op === '<' || op === '<=';
}
