/**
 * The argument of a range aggregation (syntax.y `logRangeExpr`): a selector,
 * its pipeline, an optional unwrap, the `[range]` and an optional offset, in
 * every placement the grammar accepts.
 */
import type { LogRange, StreamSelector } from './ast.js';
import { parseStages } from './parse-pipeline.js';
import { parseSelector } from './parse-selector.js';
import type { TokenStream } from './token-stream.js';

function parseOffset(ts: TokenStream): number {
  if (ts.accept('offset') === undefined) return 0;
  return ts.expect('DURATION').value;
}

/** The argument of a range aggregation, in every placement syntax.y accepts. */
export function parseLogRange(ts: TokenStream): LogRange {
  if (ts.accept('(') !== undefined) {
    if (ts.is('(')) {
      ts.enter();
      const inner = parseLogRange(ts);
      ts.leave();
      ts.expect(')');
      return inner;
    }
    if (!ts.is('{')) throw ts.unexpected(['{', '(']);
    const selector = parseSelector(ts);
    if (ts.is('RANGE')) {
      const range = parseRangeAfterSelector(ts, selector);
      ts.expect(')');
      return range;
    }
    const { stages, unwrap } = parseStages(ts, true);
    const logSelector = { kind: 'LogSelectorExpr', selector, stages } as const;
    if (ts.is('RANGE')) {
      // `( {…} | … [5m] )`: a whole log range inside the parentheses.
      const rangeNs = ts.next().value;
      const offsetNs = parseOffset(ts);
      ts.expect(')');
      return { kind: 'LogRange', selector: logSelector, rangeNs, offsetNs, unwrap };
    }
    ts.expect(')', unwrap === undefined ? [] : ['RANGE', ')', '|']);
    const rangeNs = ts.expect('RANGE').value;
    const offsetNs = parseOffset(ts);
    return { kind: 'LogRange', selector: logSelector, rangeNs, offsetNs, unwrap };
  }
  if (!ts.is('{')) throw ts.unexpected(['{', '(']);
  return parseRangeAfterSelector(ts, parseSelector(ts));
}

function parseRangeAfterSelector(ts: TokenStream, selector: StreamSelector): LogRange {
  if (ts.is('RANGE')) {
    const rangeNs = ts.next().value;
    const offsetNs = parseOffset(ts);
    const { stages, unwrap } = parseStages(ts, true);
    return { kind: 'LogRange', selector: { kind: 'LogSelectorExpr', selector, stages }, rangeNs, offsetNs, unwrap };
  }
  const { stages, unwrap } = parseStages(ts, true);
  // After an unwrap only the range or a post filter may come (goyacc lists both).
  const rangeNs = ts.expect('RANGE', unwrap === undefined ? [] : ['RANGE', '|']).value;
  const offsetNs = parseOffset(ts);
  return { kind: 'LogRange', selector: { kind: 'LogSelectorExpr', selector, stages }, rangeNs, offsetNs, unwrap };
}
