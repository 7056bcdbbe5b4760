/**
 * Pipeline stages, label filters and unwrap: the `stage`, `labelFilter` and
 * `unwrapExpr` rules of Loki's syntax.y, written as recursive descent.
 */
import { parseGoFloat } from '../../core/go/float.js';
import type {
  ComparisonOp,
  LabelExtraction,
  LabelFilter,
  LabelFormatOp,
  LineFilter,
  LineFilterOp,
  LineFilterValue,
  MatchOp,
  Matcher,
  NamedLabel,
  PipelineStage,
  Unwrap,
  UnwrapConversion,
} from './ast.js';
import { createParseError } from './parse-error.js';
import { checkPatternParser } from './pattern-check.js';
import { analyzeGoRegexp } from './re2.js';
import type { TokenStream } from './token-stream.js';

const lineFilterOps: ReadonlySet<string> = new Set(['|=', '|~', '|>', '!=', '!~', '!>']);
const matchOps: ReadonlySet<string> = new Set(['=', '!=', '=~', '!~']);
const comparisonOps: ReadonlySet<string> = new Set(['>', '>=', '<', '<=', '==']);

export function isLineFilterStart(ts: TokenStream): boolean {
  return lineFilterOps.has(ts.peek().type);
}

/** Loki's mustNewMatcher: regex matchers must compile (Prometheus wraps nothing around the error). */
export function createMatcher(name: string, op: MatchOp, value: string): Matcher {
  if (op === '=~' || op === '!~') {
    const analysis = analyzeGoRegexp(value, { dotAll: true });
    if (analysis.error !== undefined) throw createParseError(analysis.error);
  }
  return { name, op, value };
}

/** `IDENTIFIER (= | != | =~ | !~) STRING` after the name was read. */
export function parseMatcherRest(ts: TokenStream, name: string, expectingOps: readonly string[]): Matcher {
  const op = ts.peek().type;
  if (!matchOps.has(op)) throw ts.unexpected(expectingOps);
  ts.next();
  const value = ts.expect('STRING').text;
  return createMatcher(name, op as MatchOp, value);
}

export interface ParsedPipeline {
  readonly stages: PipelineStage[];
  readonly unwrap: Unwrap | undefined;
}

/**
 * Stages until something else comes. With `allowUnwrap`, `| unwrap …` ends
 * the pipeline and is returned with its post filters.
 */
export function parseStages(ts: TokenStream, allowUnwrap: boolean): ParsedPipeline {
  const stages: PipelineStage[] = [];
  for (;;) {
    if (isLineFilterStart(ts)) {
      stages.push(...parseLineFilter(ts));
      continue;
    }
    if (!ts.is('|')) break;
    if (allowUnwrap && ts.peek2().type === 'unwrap') return { stages, unwrap: parseUnwrap(ts) };
    ts.next();
    stages.push(parseStageAfterPipe(ts));
  }
  return { stages, unwrap: undefined };
}

function parseFilterValue(ts: TokenStream): LineFilterValue {
  const token = ts.peek();
  if (token.type === 'STRING') {
    ts.next();
    return { value: token.text, ip: false };
  }
  if (token.type === 'ip') {
    ts.next();
    ts.expect('(');
    const value = ts.expect('STRING').text;
    ts.expect(')');
    return { value, ip: true };
  }
  throw ts.unexpected(['STRING', 'ip']);
}

/**
 * `|= "a" or "b"`. Loki rewrites `!= "a" or "b"` into `!= "a" != "b"`
 * (neither may match), so negative filters come back one stage per value.
 */
function parseLineFilter(ts: TokenStream): LineFilter[] {
  const op = ts.next().type as LineFilterOp;
  const values = [parseFilterValue(ts)];
  while (ts.accept('or') !== undefined) values.push(parseFilterValue(ts));
  if (op === '|=' || op === '|~' || op === '|>') return [{ kind: 'LineFilter', op, values }];
  return values.map((value) => ({ kind: 'LineFilter', op, values: [value] }));
}

function parseStageAfterPipe(ts: TokenStream): PipelineStage {
  const token = ts.peek();
  switch (token.type) {
    case 'json':
      ts.next();
      return { kind: 'JsonParser', extractions: ts.is('IDENTIFIER') ? parseExtractions(ts) : [] };
    case 'logfmt': {
      ts.next();
      let strict = false;
      let keepEmpty = false;
      for (let flag = ts.accept('FUNCTION_FLAG'); flag !== undefined; flag = ts.accept('FUNCTION_FLAG')) {
        if (flag.text === '--strict') strict = true;
        else keepEmpty = true;
      }
      const extractions = ts.is('IDENTIFIER') ? parseExtractions(ts) : [];
      return { kind: 'LogfmtParser', strict, keepEmpty, extractions };
    }
    case 'regexp': {
      ts.next();
      const regexp = ts.expect('STRING').text;
      const error = checkRegexpParser(regexp);
      if (error !== undefined) throw createParseError(`invalid regexp parser: ${error}`);
      return { kind: 'RegexpParser', regexp };
    }
    case 'pattern': {
      ts.next();
      const pattern = ts.expect('STRING').text;
      const error = checkPatternParser(pattern);
      if (error !== undefined) throw createParseError(`invalid pattern parser: ${error}`);
      return { kind: 'PatternParser', pattern };
    }
    case 'unpack':
      ts.next();
      return { kind: 'UnpackParser' };
    case 'line_format':
      ts.next();
      return { kind: 'LineFormat', template: ts.expect('STRING').text };
    case 'decolorize':
      ts.next();
      return { kind: 'Decolorize' };
    case 'label_format':
      ts.next();
      return { kind: 'LabelFormat', ops: parseLabelFormats(ts) };
    case 'drop':
      ts.next();
      return { kind: 'DropLabels', labels: parseNamedLabels(ts) };
    case 'keep':
      ts.next();
      return { kind: 'KeepLabels', labels: parseNamedLabels(ts) };
    case 'IDENTIFIER':
    case '(':
      return { kind: 'LabelFilterStage', filter: parseLabelFilter(ts) };
    default:
      throw ts.unexpected();
  }
}

/** Go regexp rules of log.NewRegexpParser; the error text without Loki's prefix. */
function checkRegexpParser(regexp: string): string | undefined {
  const analysis = analyzeGoRegexp(regexp, { dotAll: false });
  if (analysis.error !== undefined) return analysis.error;
  const seen = new Set<string>();
  for (const name of analysis.captureNames) {
    if (name === '') continue;
    if (seen.has(name)) return `duplicate extracted label name '${name}'`;
    seen.add(name);
  }
  if (seen.size === 0) return 'at least one named capture must be supplied';
  return undefined;
}

function parseExtractions(ts: TokenStream): LabelExtraction[] {
  const out: LabelExtraction[] = [];
  for (;;) {
    const name = ts.expect('IDENTIFIER').text;
    let expression: string | undefined;
    if (ts.accept('=') !== undefined) expression = ts.expect('STRING').text;
    out.push({ name, expression });
    if (ts.accept(',') === undefined) return out;
  }
}

function parseLabelFormats(ts: TokenStream): LabelFormatOp[] {
  const out: LabelFormatOp[] = [];
  for (;;) {
    const name = ts.expect('IDENTIFIER').text;
    ts.expect('=');
    const value = ts.peek();
    if (value.type === 'IDENTIFIER') out.push({ name, rename: value.text, template: undefined });
    else if (value.type === 'STRING') out.push({ name, rename: undefined, template: value.text });
    else throw ts.unexpected(['IDENTIFIER', 'STRING']);
    ts.next();
    if (ts.accept(',') === undefined) return out;
  }
}

function parseNamedLabels(ts: TokenStream): NamedLabel[] {
  const out: NamedLabel[] = [];
  for (;;) {
    const name = ts.expect('IDENTIFIER').text;
    if (matchOps.has(ts.peek().type)) out.push({ name, matcher: parseMatcherRest(ts, name, []) });
    else out.push({ name, matcher: undefined });
    if (ts.accept(',') === undefined) return out;
  }
}

/**
 * A label filter expression. Loki's grammar gives `and` precedence over `or`;
 * `,` and juxtaposition have none, so yacc shifts: the filter before them is
 * AND-ed with everything that follows (`a or b, c` = `a or (b and c)`).
 */
export function parseLabelFilter(ts: TokenStream): LabelFilter {
  ts.enter();
  let chain = 0;
  try {
    let left = parseAndFilter(ts);
    while (ts.accept('or') !== undefined) {
      chain++;
      ts.enter();
      const right = parseAndFilter(ts);
      left = { kind: 'BinaryLabelFilter', op: 'or', left, right };
    }
    return left;
  } finally {
    ts.leave(chain + 1);
  }
}

function parseAndFilter(ts: TokenStream): LabelFilter {
  let chain = 0;
  try {
    let left = parseChainedFilter(ts);
    while (ts.accept('and') !== undefined) {
      chain++;
      ts.enter();
      const right = parseChainedFilter(ts);
      left = { kind: 'BinaryLabelFilter', op: 'and', left, right };
    }
    return left;
  } finally {
    ts.leave(chain);
  }
}

function parseChainedFilter(ts: TokenStream): LabelFilter {
  const first = parsePrimaryFilter(ts);
  const next = ts.peek().type;
  if (next === ',') {
    ts.next();
    return { kind: 'BinaryLabelFilter', op: 'and', left: first, right: parseLabelFilter(ts) };
  }
  if (next === 'IDENTIFIER' || next === '(') {
    return { kind: 'BinaryLabelFilter', op: 'and', left: first, right: parseLabelFilter(ts) };
  }
  return first;
}

function parsePrimaryFilter(ts: TokenStream): LabelFilter {
  const token = ts.peek();
  if (token.type === '(') {
    ts.next();
    const inner = parseLabelFilter(ts);
    ts.expect(')', []);
    return inner;
  }
  if (token.type !== 'IDENTIFIER') throw ts.unexpected(['IDENTIFIER', '(']);
  ts.next();
  const name = token.text;
  const op = ts.peek().type;
  if (op === '=~' || op === '!~') {
    ts.next();
    return { kind: 'StringLabelFilter', matcher: createMatcher(name, op, ts.expect('STRING').text) };
  }
  if (op === '=' || op === '!=') {
    ts.next();
    const value = ts.peek();
    if (value.type === 'STRING') {
      ts.next();
      return { kind: 'StringLabelFilter', matcher: createMatcher(name, op, value.text) };
    }
    if (value.type === 'ip') {
      ts.next();
      ts.expect('(');
      const pattern = ts.expect('STRING').text;
      ts.expect(')');
      return { kind: 'IpLabelFilter', name, op, pattern };
    }
    return parseTypedValue(ts, name, op);
  }
  if (comparisonOps.has(op)) {
    ts.next();
    return parseTypedValue(ts, name, op as ComparisonOp);
  }
  throw ts.unexpected();
}

/** The right-hand side of a numeric, duration or bytes comparison. */
function parseTypedValue(ts: TokenStream, name: string, op: ComparisonOp): LabelFilter {
  const token = ts.peek();
  switch (token.type) {
    case 'DURATION':
      ts.next();
      return { kind: 'DurationLabelFilter', name, op, valueNs: token.value, raw: token.text };
    case 'BYTES':
      ts.next();
      return { kind: 'BytesLabelFilter', name, op, bytes: token.value, raw: token.text };
    case 'NUMBER':
    case '+':
    case '-': {
      ts.next();
      let sign = '';
      let text = token.text;
      if (token.type !== 'NUMBER') {
        sign = token.type === '-' ? '-' : '';
        text = ts.expect('NUMBER').text;
      }
      const parsed = parseGoFloat(text);
      if (!parsed.ok) throw createParseError(`unable to parse literal as a float: ${parsed.error}`);
      const value = sign === '-' ? -parsed.value : parsed.value;
      return { kind: 'NumericLabelFilter', name, op, value, raw: sign + text };
    }
    default:
      throw ts.unexpected();
  }
}

const conversions: Readonly<Record<string, UnwrapConversion>> = {
  BYTES_CONV: 'bytes',
  DURATION_CONV: 'duration',
  DURATION_SECONDS_CONV: 'duration_seconds',
};

/** `| unwrap label` or `| unwrap bytes(label)`, then `| <label filter>`s. */
function parseUnwrap(ts: TokenStream): Unwrap {
  ts.expect('|');
  ts.expect('unwrap');
  const token = ts.peek();
  let label: string;
  let conversion: UnwrapConversion = '';
  if (token.type === 'IDENTIFIER') {
    ts.next();
    label = token.text;
  } else {
    const converted = conversions[token.type];
    if (converted === undefined) throw ts.unexpected(['IDENTIFIER', 'BYTES_CONV', 'DURATION_CONV', 'DURATION_SECONDS_CONV']);
    ts.next();
    conversion = converted;
    ts.expect('(');
    label = ts.expect('IDENTIFIER').text;
    ts.expect(')');
  }
  const postFilters: LabelFilter[] = [];
  while (ts.accept('|') !== undefined) {
    if (!ts.is('IDENTIFIER') && !ts.is('(')) throw ts.unexpected(['IDENTIFIER', '(']);
    postFilters.push(parseLabelFilter(ts));
  }
  return { label, conversion, postFilters };
}
