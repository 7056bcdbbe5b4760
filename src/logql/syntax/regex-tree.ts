/**
 * The shape of a (valid) Go regexp after `regexp/syntax.Parse(re, Perl)` and
 * `Simplify()`, reduced to what Loki's RegexSimplifier looks at: merged
 * literals with their case-folding flag, `.` (not matching `\n`), classes,
 * assertions, repetitions, captures, concatenations and alternations, with
 * Go's alternation factoring (common literal prefixes, runs of one-character
 * alternatives merged into a class, runs of empty alternatives merged).
 * Call it only on patterns analyzeGoRegexp accepted.
 */

export type RegexNode =
  | { readonly op: 'literal'; readonly text: string; readonly fold: boolean }
  | { readonly op: 'anyNotNL' | 'anyChar' | 'class' | 'empty' | 'assert' }
  /** Anything the simplifier never accepts (here: `x{n}` copies, which Go does not merge). */
  | { readonly op: 'other' }
  | { readonly op: 'star' | 'plus' | 'quest'; readonly sub: RegexNode }
  | { readonly op: 'capture'; readonly sub: RegexNode }
  | { readonly op: 'concat' | 'alternate'; readonly subs: readonly RegexNode[] };

interface Flags {
  fold: boolean;
  dotNL: boolean;
}

const perlClassLetters = new Set(['d', 'D', 's', 'S', 'w', 'W']);
const assertLetters = new Set(['A', 'z', 'b', 'B']);
const simpleEscapes: Readonly<Record<string, string>> = { a: '\u0007', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Builds the simplified tree of a valid Go regexp. */
export function buildRegexTree(pattern: string): RegexNode {
  const builder = new TreeBuilder(pattern);
  return builder.alternation({ fold: false, dotNL: false });
}

class TreeBuilder {
  readonly #src: string;
  #pos = 0;

  constructor(src: string) {
    this.#src = src;
  }

  alternation(flags: Flags): RegexNode {
    const alternatives: RegexNode[] = [this.#sequence(flags)];
    while (this.#src[this.#pos] === '|') {
      this.#pos++;
      alternatives.push(this.#sequence(flags));
    }
    return makeAlternate(alternatives);
  }

  /** Items up to `|`, `)` or the end; `(?i)` changes `flags` for the rest of the group. */
  #sequence(flags: Flags): RegexNode {
    const src = this.#src;
    const items: RegexNode[] = [];
    while (this.#pos < src.length && src[this.#pos] !== '|' && src[this.#pos] !== ')') {
      const c = src[this.#pos] as string;
      if (c === '*' || c === '+' || c === '?' || c === '{') {
        const repeat = this.#repeat();
        if (repeat !== undefined && items.length > 0) {
          items.push(applyRepeat(items.pop() as RegexNode, repeat.min, repeat.max));
          continue;
        }
        this.#pos++;
        items.push({ op: 'literal', text: c, fold: flags.fold });
        continue;
      }
      const atom = this.#atom(flags);
      if (atom !== undefined) items.push(atom);
    }
    return makeConcat(items);
  }

  /** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (and a lazy `?`); undefined for a literal `{`. */
  #repeat(): { min: number; max: number } | undefined {
    const src = this.#src;
    const c = src[this.#pos];
    let result: { min: number; max: number } | undefined;
    if (c === '*') result = { min: 0, max: -1 };
    else if (c === '+') result = { min: 1, max: -1 };
    else if (c === '?') result = { min: 0, max: 1 };
    if (result !== undefined) this.#pos++;
    else {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.#pos));
      if (m === null) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      result = { min, max };
      this.#pos += m[0].length;
    }
    if (src[this.#pos] === '?') this.#pos++;
    return result;
  }

  #atom(flags: Flags): RegexNode | undefined {
    const src = this.#src;
    const c = src[this.#pos] as string;
    switch (c) {
      case '(':
        return this.#group(flags);
      case '[':
        return this.#charClass(flags);
      case '^':
      case '$':
        this.#pos++;
        return { op: 'assert' };
      case '.':
        this.#pos++;
        return { op: flags.dotNL ? 'anyChar' : 'anyNotNL' };
      case '\\':
        return this.#escape(flags);
      default: {
        const ch = String.fromCodePoint(src.codePointAt(this.#pos) as number);
        this.#pos += ch.length;
        return { op: 'literal', text: ch, fold: flags.fold };
      }
    }
  }

  #group(flags: Flags): RegexNode | undefined {
    const src = this.#src;
    let capture = true;
    let inner: Flags = { ...flags };
    if (src[this.#pos + 1] === '?') {
      const named = /^\(\?P?<[A-Za-z0-9_]+>/.exec(src.slice(this.#pos));
      if (named !== null) this.#pos += named[0].length;
      else {
        const m = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(src.slice(this.#pos)) as RegExpExecArray;
        const on = m[1] ?? '';
        const off = m[2] ?? '';
        const next: Flags = {
          fold: off.includes('i') ? false : on.includes('i') ? true : flags.fold,
          dotNL: off.includes('s') ? false : on.includes('s') ? true : flags.dotNL,
        };
        this.#pos += m[0].length;
        if (m[3] === ')') {
          // `(?i)`: the flags hold for the rest of the enclosing group.
          flags.fold = next.fold;
          flags.dotNL = next.dotNL;
          return undefined;
        }
        inner = next;
        capture = false;
      }
    } else {
      this.#pos++;
    }
    const body = this.alternation(inner);
    this.#pos++; // ')'
    return capture ? { op: 'capture', sub: body } : body;
  }

  #charClass(flags: Flags): RegexNode {
    const src = this.#src;
    const start = this.#pos;
    let i = start + 1;
    if (src[i] === '^') i++;
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      if (src[i] === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        if (end >= 0) {
          i = end + 2;
          continue;
        }
      }
      i += src[i] === '\\' ? 2 : 1;
    }
    this.#pos = i + 1;
    // `[x]` with one literal character is a literal in Go.
    const body = src.slice(start + 1, i);
    if (/^[^\\^\]\-[]$/u.test(body)) return { op: 'literal', text: body, fold: flags.fold };
    return { op: 'class' };
  }

  #escape(flags: Flags): RegexNode {
    const src = this.#src;
    const next = src[this.#pos + 1] as string;
    if (assertLetters.has(next)) {
      this.#pos += 2;
      return { op: 'assert' };
    }
    if (next === 'Q') {
      const end = src.indexOf('\\E', this.#pos + 2);
      const text = end < 0 ? src.slice(this.#pos + 2) : src.slice(this.#pos + 2, end);
      this.#pos = end < 0 ? src.length : end + 2;
      return text === '' ? { op: 'empty' } : { op: 'literal', text, fold: flags.fold };
    }
    if (next === 'p' || next === 'P') {
      this.#pos += src[this.#pos + 2] === '{' ? src.indexOf('}', this.#pos) - this.#pos + 1 : 3;
      return { op: 'class' };
    }
    if (perlClassLetters.has(next)) {
      this.#pos += 2;
      return { op: 'class' };
    }
    const simple = simpleEscapes[next];
    if (simple !== undefined) {
      this.#pos += 2;
      return { op: 'literal', text: simple, fold: flags.fold };
    }
    const hex = /^\\x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(src.slice(this.#pos));
    if (hex !== null) {
      this.#pos += hex[0].length;
      return { op: 'literal', text: String.fromCodePoint(parseInt(hex[1] ?? (hex[2] as string), 16)), fold: flags.fold };
    }
    const octal = /^\\([0-7]{1,3})/.exec(src.slice(this.#pos));
    if (octal !== null) {
      this.#pos += octal[0].length;
      return { op: 'literal', text: String.fromCodePoint(parseInt(octal[1] as string, 8)), fold: flags.fold };
    }
    const ch = String.fromCodePoint(src.codePointAt(this.#pos + 1) as number);
    this.#pos += 1 + ch.length;
    return { op: 'literal', text: ch, fold: flags.fold };
  }
}

/** Go's Simplify for repeats: `{0,}` star, `{1,}` plus, `{0,1}` quest, `{1}` itself. */
function applyRepeat(sub: RegexNode, min: number, max: number): RegexNode {
  if (min === 0 && max === -1) return { op: 'star', sub };
  if (min === 1 && max === -1) return { op: 'plus', sub };
  if (min === 0 && max === 1) return { op: 'quest', sub };
  if (min === 1 && max === 1) return sub;
  if (min === 0 && max === 0) return { op: 'empty' };
  // Go expands the other counts into a concatenation of copies that stays a
  // nested, unmerged node; Loki's simplifier rejects it.
  return { op: 'other' };
}

/** Concatenation with nested concatenations spliced and adjacent same-flag literals merged. */
function makeConcat(items: readonly RegexNode[]): RegexNode {
  const subs: RegexNode[] = [];
  for (const item of items) {
    const parts = item.op === 'concat' ? item.subs : [item];
    for (const part of parts) {
      const last = subs[subs.length - 1];
      if (part.op === 'literal' && last?.op === 'literal' && last.fold === part.fold) {
        subs[subs.length - 1] = { op: 'literal', text: last.text + part.text, fold: part.fold };
      } else {
        subs.push(part);
      }
    }
  }
  if (subs.length === 0) return { op: 'empty' };
  if (subs.length === 1) return subs[0] as RegexNode;
  return { op: 'concat', subs };
}

function leadingLiteral(node: RegexNode): { text: string; fold: boolean } | undefined {
  if (node.op === 'literal') return node;
  if (node.op === 'concat' && node.subs[0]?.op === 'literal') return node.subs[0];
  return undefined;
}

function removeLeading(node: RegexNode, length: number): RegexNode {
  if (node.op === 'literal') {
    const rest = [...node.text].slice(length).join('');
    return rest === '' ? { op: 'empty' } : { ...node, text: rest };
  }
  if (node.op === 'concat') {
    const [first, ...others] = node.subs as [RegexNode, ...RegexNode[]];
    return makeConcat([removeLeading(first, length), ...others].filter((n) => n.op !== 'empty'));
  }
  return node;
}

function isSingleCharacter(node: RegexNode): boolean {
  return (node.op === 'literal' && [...node.text].length === 1) || node.op === 'class' || node.op === 'anyNotNL' || node.op === 'anyChar';
}

/** Alternation with Go's factoring rounds 1, 3 and 4. */
function makeAlternate(input: readonly RegexNode[]): RegexNode {
  const flat: RegexNode[] = [];
  for (const node of input) flat.push(...(node.op === 'alternate' ? node.subs : [node]));
  // Round 1: common literal prefixes of consecutive alternatives.
  const round1: RegexNode[] = [];
  for (let i = 0; i < flat.length; ) {
    const lead = leadingLiteral(flat[i] as RegexNode);
    let j = i + 1;
    let prefix = lead === undefined ? [] : [...lead.text];
    while (lead !== undefined && j < flat.length) {
      const other = leadingLiteral(flat[j] as RegexNode);
      if (other === undefined || other.fold !== lead.fold) break;
      const chars = [...other.text];
      let same = 0;
      while (same < prefix.length && same < chars.length && prefix[same] === chars[same]) same++;
      if (same === 0) break;
      prefix = prefix.slice(0, same);
      j++;
    }
    if (lead !== undefined && j - i >= 2) {
      const rests = flat.slice(i, j).map((n) => removeLeading(n, prefix.length));
      round1.push(makeConcat([{ op: 'literal', text: prefix.join(''), fold: lead.fold }, makeAlternate(rests)]));
    } else {
      round1.push(...flat.slice(i, j));
    }
    i = j;
  }
  // Rounds 3 and 4: runs of one-character alternatives become a class, runs of empties one empty.
  const out: RegexNode[] = [];
  for (let i = 0; i < round1.length; ) {
    const node = round1[i] as RegexNode;
    let j = i + 1;
    if (isSingleCharacter(node)) while (j < round1.length && isSingleCharacter(round1[j] as RegexNode)) j++;
    else if (node.op === 'empty') while (j < round1.length && (round1[j] as RegexNode).op === 'empty') j++;
    out.push(j - i >= 2 && node.op !== 'empty' ? { op: 'class' } : node);
    i = j;
  }
  if (out.length === 1) return out[0] as RegexNode;
  return { op: 'alternate', subs: out };
}
