/**
 * Validation of `| pattern "<expr>"` as Loki's pattern package does it:
 * captures are `<name>` (letter or `_` first, then letters, digits, `_`),
 * `<_>` is unnamed; at least one named capture, no two captures in a row,
 * no duplicate names. Returns the error text without Loki's prefix.
 */
const capturePattern = /<[A-Za-z_][A-Za-z0-9_]*>/g;

export interface PatternNode {
  readonly capture: boolean;
  /** Capture name (`_` for unnamed) or the literal text. */
  readonly text: string;
}

/** Splits a pattern into literals and captures. */
export function tokenizePattern(pattern: string): PatternNode[] {
  const nodes: PatternNode[] = [];
  let last = 0;
  for (const match of pattern.matchAll(capturePattern)) {
    const at = match.index;
    if (at > last) nodes.push({ capture: false, text: pattern.slice(last, at) });
    nodes.push({ capture: true, text: match[0].slice(1, -1) });
    last = at + match[0].length;
  }
  if (last < pattern.length) nodes.push({ capture: false, text: pattern.slice(last) });
  return nodes;
}

/** Two captures in a row cannot be told apart: Loki's error for the first such pair. */
function checkNoConsecutiveCaptures(nodes: readonly PatternNode[]): string | undefined {
  for (let i = 0; i + 1 < nodes.length; i++) {
    const a = nodes[i] as PatternNode;
    const b = nodes[i + 1] as PatternNode;
    if (a.capture && b.capture) return `found consecutive capture '<${a.text}><${b.text}>': invalid expression`;
  }
  return undefined;
}

export function checkPatternParser(pattern: string): string | undefined {
  const nodes = tokenizePattern(pattern);
  const names = nodes.filter((n) => n.capture && n.text !== '_').map((n) => n.text);
  if (names.length === 0) return 'at least one capture is required';
  const consecutive = checkNoConsecutiveCaptures(nodes);
  if (consecutive !== undefined) return consecutive;
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return `duplicate capture name (${name}): invalid expression`;
    seen.add(name);
  }
  return undefined;
}

/** Line filter `|> "…"` rules: no named captures, no consecutive captures (empty pattern allowed). */
export function checkPatternLineFilter(pattern: string): string | undefined {
  const nodes = tokenizePattern(pattern);
  const consecutive = checkNoConsecutiveCaptures(nodes);
  if (consecutive !== undefined) return consecutive;
  const named = nodes.find((n) => n.capture && n.text !== '_');
  if (named !== undefined) return `named captures are not allowed: found '<${named.text}>'`;
  return undefined;
}
