import { WatchpostError } from '../../core/index.js';

/**
 * Loki's pattern language (`pkg/logql/log/pattern`), shared by the `pattern`
 * parser and the `|>`/`!>` line filters: literals and captures `<name>` /
 * `<_>`. Anything that is not a well-formed capture is literal text.
 */
export type PatternNode = { readonly literal: string } | { readonly capture: string };

const captureRe = /<([A-Za-z_][A-Za-z0-9_]*)>/g;

/** Splits a pattern into merged literal and capture nodes. */
export function parsePatternNodes(pattern: string): PatternNode[] {
  const nodes: PatternNode[] = [];
  let last = 0;
  for (const m of pattern.matchAll(captureRe)) {
    if (m.index > last) nodes.push({ literal: pattern.slice(last, m.index) });
    nodes.push({ capture: m[1] as string });
    last = m.index + m[0].length;
  }
  if (last < pattern.length) nodes.push({ literal: pattern.slice(last) });
  return nodes;
}

function patternError(message: string): WatchpostError {
  return new WatchpostError('ERR_LOGQL_PARSE', message);
}

function checkNoConsecutiveCaptures(nodes: readonly PatternNode[]): void {
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i]!;
    const b = nodes[i + 1]!;
    if ('capture' in a && 'capture' in b) {
      throw patternError(`found consecutive capture '<${a.capture}><${b.capture}>': invalid expression`);
    }
  }
}

/** A compiled `pattern` parser: `names` in order, `match` returns captured values (a prefix of names). */
export interface PatternExtractor {
  readonly names: readonly string[];
  match(line: string): string[];
}

/** Validates as Loki's pattern.New (≥1 named capture, none adjacent, no duplicates). */
export function compilePatternExtractor(pattern: string): PatternExtractor {
  const nodes = parsePatternNodes(pattern);
  const names = nodes.flatMap((n) => ('capture' in n && n.capture !== '_' ? [n.capture] : []));
  if (names.length === 0) throw patternError('at least one capture is required');
  checkNoConsecutiveCaptures(nodes);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw patternError(`duplicate capture name (${n}): invalid expression`);
    seen.add(n);
  }
  return { names, match: (line) => matchPattern(nodes, line) };
}

function matchPattern(nodes: readonly PatternNode[], line: string): string[] {
  const captures: string[] = [];
  if (line === '' || nodes.length === 0) return captures;
  let i = 0;
  let pos = 0;
  const first = nodes[0]!;
  if ('literal' in first) {
    if (!line.startsWith(first.literal)) return captures;
    pos = first.literal.length;
    i = 1;
  }
  while (i < nodes.length) {
    const capture = (nodes[i] as { capture: string }).capture;
    const named = capture !== '_';
    if (i + 1 >= nodes.length) {
      if (named) captures.push(line.slice(pos));
      return captures;
    }
    const literal = (nodes[i + 1] as { literal: string }).literal;
    i += 2;
    const at = line.indexOf(literal, pos);
    if (at < 0) {
      if (named) captures.push(line.slice(pos));
      return captures;
    }
    if (named) captures.push(line.slice(pos, at));
    pos = at + literal.length;
  }
  return captures;
}

/**
 * The `|>` line filter test (Loki's Matcher.Test): only `<_>` captures
 * allowed; literals in order (a leading literal may sit anywhere), a trailing
 * literal at the line end, a trailing capture non-empty, no empty capture
 * between literals; the empty pattern matches only the empty line.
 */
export function compilePatternLineFilter(pattern: string): (line: string) => boolean {
  const nodes = parsePatternNodes(pattern);
  for (const n of nodes) {
    if ('capture' in n && n.capture !== '_') throw patternError(`named captures are not allowed: found '<${n.capture}>'`);
  }
  checkNoConsecutiveCaptures(nodes);
  if (nodes.length === 0) return (line) => line === '';
  const endsOnLiteral = 'literal' in nodes[nodes.length - 1]!;
  return (line) => {
    if (line === '') return false;
    let off = 0;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (!('literal' in n)) continue;
      const j = line.indexOf(n.literal, off);
      if (j < 0) return false;
      // Loki's Matcher.Test: a leading literal may sit anywhere; a later one
      // right at the offset means an empty capture.
      if (i !== 0 && j === off) return false;
      off = j + n.literal.length;
    }
    return endsOnLiteral ? off === line.length : off !== line.length;
  };
}
