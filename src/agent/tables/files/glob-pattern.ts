/**
 * glob(3) pattern pieces as glibc understands them with osquery's flags
 * (GLOB_TILDE | GLOB_MARK | GLOB_BRACE, no GLOB_PERIOD): `*`, `?`, `[...]`
 * bracket expressions, backslash escapes, and `{a,b}` alternatives. Matching
 * is fnmatch(3) with FNM_PERIOD: a leading '.' in a name only matches a
 * literal '.' in the pattern.
 */

const classes: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/** Whether a pattern has unescaped wildcard characters. */
export function hasGlobMagic(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** Removes the escaping backslashes of a pattern without wildcards. */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** Index of the ']' closing the bracket expression opened at `start`, or -1. */
function bracketEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) i = close + 1;
    } else if (pattern[i] === ']') {
      return i;
    }
  }
  return -1;
}

function escapeClassChar(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

function compileBracket(body: string): string {
  let i = 0;
  let negate = false;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const name = close > 0 ? body.slice(i + 2, close) : '';
      if (close > 0 && classes[name] !== undefined) {
        out += classes[name];
        i = close + 1;
        continue;
      }
    }
    if (c === '-' && out !== '' && i + 1 < body.length) out += '-';
    else out += escapeClassChar(c);
  }
  return negate ? `[^${out}]` : `[${out}]`;
}

/** Compiles one path component of a glob pattern into an anchored RegExp over a file name. */
function compileGlobComponent(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegExp(pattern[++i] as string);
    } else if (c === '*') {
      out += '.*';
    } else if (c === '?') {
      out += '.';
    } else if (c === '[' && bracketEnd(pattern, i) > 0) {
      const end = bracketEnd(pattern, i);
      out += compileBracket(pattern.slice(i + 1, end));
      i = end;
    } else {
      out += escapeRegExp(c);
    }
  }
  return new RegExp(`^${out}$`, 's');
}

/**
 * A matcher for one path component, fnmatch(3) with FNM_PERIOD: names
 * starting with '.' only match a pattern that starts with a literal '.'.
 */
export function createGlobMatcher(pattern: string): (name: string) => boolean {
  const compiled = compileGlobComponent(pattern);
  const dotAllowed = pattern.startsWith('.') || pattern.startsWith('\\.');
  return (name) => (dotAllowed || !name.startsWith('.')) && compiled.test(name);
}

function escapeRegExp(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/**
 * GLOB_BRACE: expands the first `{a,b,...}` (nested braces allowed) and then
 * the rest, left to right; a brace without its closing partner stays literal.
 */
export function expandBraces(pattern: string): string[] {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '{') continue;
    const parts: string[] = [];
    let depth = 0;
    let from = i + 1;
    let close = -1;
    for (let j = i + 1; j < pattern.length; j++) {
      const c = pattern[j];
      if (c === '\\') j++;
      else if (c === '{') depth++;
      else if (c === '}' && depth > 0) depth--;
      else if (c === ',' && depth === 0) {
        parts.push(pattern.slice(from, j));
        from = j + 1;
      } else if (c === '}') {
        parts.push(pattern.slice(from, j));
        close = j;
        break;
      }
    }
    if (close < 0) return [pattern];
    const head = pattern.slice(0, i);
    const tail = pattern.slice(close + 1);
    return parts.flatMap((p) => expandBraces(head + p + tail));
  }
  return [pattern];
}
