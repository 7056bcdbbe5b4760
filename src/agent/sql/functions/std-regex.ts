/**
 * std::regex (ECMAScript grammar, libstdc++) emulated with JavaScript RegExp.
 *
 * osquery matches `char` strings, i.e. UTF-8 bytes. To get the same results
 * the pattern and the subject are both mapped byte-for-byte onto a "latin1"
 * JavaScript string (each byte one UTF-16 unit), so `.`, classes and
 * quantifiers work on bytes exactly as in C++, and matched pieces map back to
 * the original bytes. The pattern is translated first:
 * - constructs std::regex rejects but JavaScript accepts are rejected:
 *   lookbehind, named groups, `(?` + anything but `:`/`=`/`!`, a `{` that
 *   does not open a valid `{n}`/`{n,}`/`{n,m}`, `\x`/`\u` without their hex
 *   digits, and back-references to groups not yet closed;
 * - POSIX bracket classes (`[[:alpha:]]`, `[[.x.]]`) become their ranges;
 * - `\s`/`\S` mean C isspace (space, \t-\r) and `\0` is NUL;
 * - libstdc++ quirks are kept: `\cX` is the literal X, `\1` inside brackets
 *   is an error, `]` and `}` alone are literals.
 * Both engines backtrack the ECMAScript way, so they pick the same match;
 * neither can be interrupted mid-match, so a pathological pattern blocks
 * the statement (osquery bounds patterns to 256 bytes, as we do).
 * Known differences: stacked quantifiers (`a**`, `a+*`, `a{1}{2}`), which
 * libstdc++ accepts, are rejected; `[[.name.]]` takes single characters only
 * (libstdc++ also knows names such as `hyphen`, and rejects `[[.-.]]`).
 */

/** A pattern compiled for both ways osquery uses it. */
export interface StdRegex {
  /** Finds the first match at or after lastIndex (std::regex_search). */
  readonly search: RegExp;
  /** Matches only at lastIndex (match_continuous). */
  readonly sticky: RegExp;
  readonly source: string;
}

/** Thrown for a pattern std::regex would reject (its constructor throws regex_error). */
export class StdRegexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StdRegexError';
  }
}

const posixClasses: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', blank: ' \\t', cntrl: '\\x00-\\x1f\\x7f', digit: '0-9',
  graph: '\\x21-\\x7e', lower: 'a-z', print: '\\x20-\\x7e', punct: '\\x21-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7e',
  space: '\\t-\\r ', upper: 'A-Z', xdigit: '0-9A-Fa-f', w: '0-9A-Za-z_', d: '0-9', s: '\\t-\\r ',
};
const cSpace = '\\t-\\r ';
const cache = new Map<string, StdRegex | StdRegexError>();
const cacheLimit = 128;

/** Bytes as a latin1 string (one unit per byte) and back. */
export function latin1FromBytes(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
export function bytesFromLatin1(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

/** Compiles a pattern given as its UTF-8 bytes; throws StdRegexError where std::regex throws. */
export function compileStdRegex(patternBytes: Uint8Array): StdRegex {
  const pattern = latin1FromBytes(patternBytes);
  let hit = cache.get(pattern);
  if (hit === undefined) {
    try {
      const source = translatePattern(pattern);
      hit = { search: new RegExp(source, 'g'), sticky: new RegExp(source, 'y'), source };
    } catch (err) {
      hit = new StdRegexError(err instanceof Error ? err.message : String(err));
    }
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(pattern, hit);
  }
  if (hit instanceof StdRegexError) throw hit;
  return hit;
}

function fail(what: string): never {
  throw new StdRegexError(what);
}

/** Rewrites a latin1 std::regex ECMAScript pattern into an equivalent JavaScript pattern. */
export function translatePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  let opened = 0;
  const open: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const [text, used] = translateEscape(pattern, i + 1, inClass, opened, open);
      out += text;
      i += used;
    } else if (inClass) {
      if (c === ']') inClass = false;
      if (c === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
        const end = pattern.indexOf(pattern[i + 1] + ']', i + 2);
        if (end < 0) fail('unterminated bracket expression');
        out += translateBracketItem(pattern[i + 1] as string, pattern.slice(i + 2, end));
        i = end + 1;
      } else out += c === '[' ? '\\[' : c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      if (pattern[i + 1] === '^') out += pattern[++i];
    } else if (c === '(') {
      if (pattern[i + 1] === '?') {
        if (!':=!'.includes(pattern[i + 2] ?? '')) fail('unsupported group');
        open.push(0);
      } else open.push(++opened);
      out += c;
    } else if (c === ')') {
      open.pop();
      out += c;
    } else if (c === '{') {
      const brace = /^\{\d+(,\d*)?\}/.exec(pattern.slice(i));
      if (!brace) fail('invalid brace');
      out += brace[0];
      i += brace[0].length - 1;
    } else out += c;
  }
  return out;
}

/** Translates the escape whose letter is at `at`; returns the text and how many pattern units it used. */
function translateEscape(pattern: string, at: number, inClass: boolean, opened: number, open: readonly number[]): [string, number] {
  const c = pattern[at];
  if (c === undefined) fail('trailing backslash');
  if (c === 's') return [inClass ? cSpace : `[${cSpace}]`, 1];
  if (c === 'S') return [inClass ? '\\S\\xa0' : `[^${cSpace}]`, 1];
  if (c === '0') return ['\\x00', 1];
  if (c === 'x' || c === 'u') {
    const digits = c === 'x' ? 2 : 4;
    if (!new RegExp(`^[0-9A-Fa-f]{${digits}}`).test(pattern.slice(at + 1))) fail('invalid escape');
    return ['\\' + pattern.slice(at, at + 1 + digits), 1 + digits];
  }
  if (c === 'c') {
    // libstdc++ reads \cX as the literal X (not a control character).
    const next = pattern[at + 1];
    if (next === undefined) fail('trailing \\c');
    return ['\\x' + next.charCodeAt(0).toString(16).padStart(2, '0'), 2];
  }
  if (inClass && c >= '1' && c <= '9') fail('back reference in a bracket expression');
  if (c >= '1' && c <= '9') {
    const digits = /^\d+/.exec(pattern.slice(at))?.[0] ?? c;
    const group = Number(digits);
    if (group > opened || open.includes(group)) fail('invalid back reference');
    return ['\\' + digits, digits.length];
  }
  return ['\\' + c, 1];
}

function translateBracketItem(kind: string, name: string): string {
  if (kind === ':') return Object.hasOwn(posixClasses, name) ? (posixClasses[name] as string) : fail('unknown character class');
  if (name.length !== 1) fail('unknown collating element');
  return '\\x' + name.charCodeAt(0).toString(16).padStart(2, '0');
}

/** std::regex_search: the first match at or after `from`, or null. */
export function searchFrom(re: StdRegex, subject: string, from: number): RegExpExecArray | null {
  re.search.lastIndex = from;
  return re.search.exec(subject);
}

/**
 * A non-empty match starting exactly at `at` (match_not_null |
 * match_continuous), found by backtracking past empty alternatives.
 */
function matchNotNullAt(re: StdRegex, subject: string, at: number): RegExpExecArray | null {
  re.sticky.lastIndex = at;
  const first = re.sticky.exec(subject);
  if (first === null || first[0].length > 0) return first;
  const notHere = new RegExp(`(?:${re.source})(?<!^[\\s\\S]{${at}})`, 'y');
  notHere.lastIndex = at;
  return notHere.exec(subject);
}

/**
 * std::sregex_token_iterator(..., -1): the pieces between successive matches
 * as libstdc++'s regex_iterator finds them (after an empty match it retries
 * at the same place for a non-empty one, else moves on one byte). With no
 * match at all the whole subject is the one piece; after the last match the
 * rest is a piece only when non-empty.
 */
export function splitByRegex(re: StdRegex, subject: string): string[] {
  let match = searchFrom(re, subject, 0);
  if (match === null) return [subject];
  const pieces: string[] = [];
  let prefixStart = 0;
  while (match !== null) {
    const end = match.index + match[0].length;
    pieces.push(subject.slice(prefixStart, match.index));
    prefixStart = end;
    if (match[0].length === 0) {
      if (end === subject.length) return pieces;
      const again = matchNotNullAt(re, subject, end);
      if (again !== null) {
        match = again;
        continue;
      }
      match = searchFrom(re, subject, end + 1);
    } else match = searchFrom(re, subject, end);
  }
  if (prefixStart < subject.length) pieces.push(subject.slice(prefixStart));
  return pieces;
}
