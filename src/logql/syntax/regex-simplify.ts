/**
 * Whether Loki turns a `label=~"regex"` filter into literal filters (its
 * RegexSimplifier) rather than keeping a regexp. It only matters for the
 * canonical text: Loki prints the regexp form with backticks
 * (`msg=~\`\w.*\``) and the simplified forms as a plain matcher. This follows
 * Go's parse (capture removal, common-prefix factoring, runs of one-character
 * alternatives becoming a character class) closely enough for real queries.
 */

/** Splits on top-level `|`; undefined when the pattern has structure we do not follow. */
function splitAlternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0 || inClass) return undefined;
  out.push(pattern.slice(start));
  return out;
}

/** The literal text of `part` if it is only literal characters (escaped punctuation allowed). */
function literalOf(part: string): string | undefined {
  let out = '';
  for (let i = 0; i < part.length; i++) {
    const c = part[i] as string;
    if (c === '\\') {
      const next = part[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += next;
      i++;
      continue;
    }
    if ('.[]()*+?{}^$|'.includes(c)) return undefined;
    out += c;
  }
  return out;
}

type Piece = { readonly kind: 'literal'; readonly text: string } | { readonly kind: 'other'; readonly ok: boolean };

/** One alternative: `.*`, `.+`, empty, literal, or `[.*] literal [.*]`, or `literal (alternation)`. */
function classify(part: string): Piece {
  let p = part;
  while (p.startsWith('(') && p.endsWith(')') && splitAlternatives(p.slice(1, -1)) !== undefined && balancedInner(p)) {
    p = p.startsWith('(?:') ? p.slice(3, -1) : p.slice(1, -1);
  }
  if (p === '' || p === '.*' || p === '.+') return { kind: 'other', ok: true };
  const alts = splitAlternatives(p);
  if (alts !== undefined && alts.length > 1) return { kind: 'other', ok: isSimplifiableRegex(p) };
  const literal = literalOf(p);
  if (literal !== undefined) return { kind: 'literal', text: literal };
  let body = p;
  if (body.startsWith('.*')) body = body.slice(2);
  if (body.endsWith('.*') && !body.endsWith('\\.*')) body = body.slice(0, -2);
  const inner = literalOf(body);
  if (inner !== undefined && inner !== '') return { kind: 'other', ok: true };
  const group = /^([^()]*?)\((?:\?:)?(.*)\)$/.exec(p);
  if (group !== null) {
    const prefix = literalOf(group[1] as string);
    const rest = splitAlternatives(group[2] as string);
    if (prefix !== undefined && prefix !== '' && rest !== undefined && rest.length > 1) {
      return { kind: 'other', ok: alternativesOk(rest.map(classify)) };
    }
  }
  return { kind: 'other', ok: false };
}

function balancedInner(p: string): boolean {
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0 && i !== p.length - 1) return false;
    }
  }
  return true;
}

/** Go factors common prefixes, and a run of one-character alternatives becomes a class (not simplifiable). */
function alternativesOk(pieces: readonly Piece[]): boolean {
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (piece.kind === 'other') {
      if (!piece.ok) return false;
      continue;
    }
    const next = pieces[i + 1];
    if (piece.text.length === 1 && next?.kind === 'literal' && next.text.length === 1) return false;
    if (next?.kind === 'literal' && piece.text !== '' && next.text !== '' && piece.text[0] === next.text[0]) {
      // Common prefix factoring: the rest must still be simplifiable.
      let j = i;
      while (j + 1 < pieces.length) {
        const candidate = pieces[j + 1] as Piece;
        if (candidate.kind !== 'literal' || candidate.text[0] !== piece.text[0]) break;
        j++;
      }
      const run = pieces.slice(i, j + 1).map((x) => (x as { text: string }).text);
      let prefix = run[0] as string;
      for (const text of run) while (!text.startsWith(prefix)) prefix = prefix.slice(0, -1);
      const rests = run.map((text) => text.slice(prefix.length));
      for (let k = 0; k + 1 < rests.length; k++) {
        if ((rests[k] as string).length === 1 && (rests[k + 1] as string).length === 1) return false;
      }
      i = j;
    }
  }
  return true;
}

/** True when Loki's RegexSimplifier replaces the regex (printed as a plain matcher). */
export function isSimplifiableRegex(regex: string): boolean {
  let pattern = regex;
  if (pattern.startsWith('(?i)')) pattern = pattern.slice(4);
  const alternatives = splitAlternatives(pattern);
  if (alternatives === undefined) return false;
  if (alternatives.length === 1) {
    const piece = classify(alternatives[0] as string);
    return piece.kind === 'literal' || piece.ok;
  }
  return alternativesOk(alternatives.map(classify));
}
