/**
 * Pipeline stages (syntax.y `pipelineStage`): line filters, parsers,
 * formatters, drop/keep and label filter stages, written as recursive descent.
 */
import type {
  LabelExtraction,
  LabelFormatOp,
  LineFilter,
  LineFilterOp,
  LineFilterValue,
  NamedLabel,
  PipelineStage,
  Unwrap,
} from './ast.js';
import { createParseError } from './parse-error.js';
import { parseLabelFilter, parseUnwrap } from './parse-label-filter.js';
import { isMatchOp, parseMatcherRest } from './parse-selector.js';
import { checkPatternParser } from './pattern-check.js';
import { analyzeGoRegexp } from './re2.js';
import type { TokenStream } from './token-stream.js';

const lineFilterOps: ReadonlySet<string> = new Set(['|=', '|~', '|>', '!=', '!~', '!>']);

export function isLineFilterStart(ts: TokenStream): boolean {
  return lineFilterOps.has(ts.peek().type);
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
    if (isMatchOp(ts.peek().type)) out.push({ name, matcher: parseMatcherRest(ts, name, []) });
    else out.push({ name, matcher: undefined });
    if (ts.accept(',') === undefined) return out;
  }
}
