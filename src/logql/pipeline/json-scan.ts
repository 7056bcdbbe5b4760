/**
 * A small JSON scanner over JS strings with the leniency and error texts of
 * buger/jsonparser (what Loki's json and unpack stages use): values are
 * located, not materialised; numbers keep their literal text.
 */
export const jsonErrors = {
  object: "Value looks like object, but can't find closing '}' symbol",
  array: "Value is array, but can't find closing ']' symbol",
  string: 'Value is string, but can\'t find closing \'"\' symbol',
  value: "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol",
  unknown: 'Unknown value type',
  malformed: 'Malformed JSON error',
} as const;

export class JsonScanError extends Error {}

export type JsonValueType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/** Index of the first non-whitespace character at or after `i`. */
export function skipSpace(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
  }
  return i;
}

/** End (exclusive, after the closing quote) of the string starting at the quote `i`. */
export function stringEnd(s: string, i: number): number {
  const q = closingQuote(s, i);
  if (q < 0) throw new JsonScanError(jsonErrors.string);
  return q + 1;
}

/**
 * Index of the quote closing the string that opens at `i`, -1 when none: the
 * first quote after `i` preceded by an even run of backslashes (indexOf finds
 * candidates natively, far faster than a loop over every character).
 */
export function closingQuote(s: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = s.indexOf('"', from);
    if (q < 0) return -1;
    let b = q - 1;
    while (b > i && s.charCodeAt(b) === 92) b--;
    if (((q - 1 - b) & 1) === 0) return q;
    from = q + 1;
  }
}

/** Unescapes the JSON string literal s[start..end) (quotes included); undefined when an escape is invalid. */
export function unescapeJsonString(s: string, start: number, end: number): string | undefined {
  const body = s.slice(start + 1, end - 1);
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case '"': case '\\': case '/': out += e; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        const hex = body.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
        let code = parseInt(hex, 16);
        i += 4;
        if (code >= 0xd800 && code < 0xdc00) {
          const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(body.slice(i + 1));
          if (low !== null) {
            code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1] as string, 16) - 0xdc00);
            i += 6;
          } else code = 0xfffd;
        } else if (code >= 0xdc00 && code < 0xe000) code = 0xfffd;
        out += String.fromCodePoint(code);
        break;
      }
      default:
        return undefined;
    }
  }
  return out;
}

/** End of the number or literal token at `i`: the first space, comma, `}` or `]` after it (jsonparser's tokenEnd). */
export function tokenEnd(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Split at the comma (44): a digit takes two tests, not seven.
    if (c <= 44 ? c === 44 || c === 32 || c === 10 || c === 13 || c === 9 : c === 125 || c === 93) return i;
  }
  return i;
}

/** Locates the value starting at `i` (no leading space): its type and end. */
export function scanValue(s: string, i: number): { type: JsonValueType; end: number } {
  const end = scanValueEnd(s, i);
  return { type: lastType, end };
}

/** The type of the value scanValueEnd located last (saves an object per value on the hot path). */
let lastType: JsonValueType = 'null';

function scanValueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  switch (c) {
    case 34:
      lastType = 'string';
      return stringEnd(s, i);
    case 123:
      lastType = 'object';
      return blockEnd(s, i, 123, 125, jsonErrors.object);
    case 91:
      lastType = 'array';
      return blockEnd(s, i, 91, 93, jsonErrors.array);
    case 116:
    case 102: {
      const end = tokenEnd(s, i);
      const tok = s.slice(i, end);
      if (tok !== 'true' && tok !== 'false') throw new JsonScanError(jsonErrors.unknown);
      lastType = 'boolean';
      return end;
    }
    case 110: {
      const end = tokenEnd(s, i);
      if (s.slice(i, end) !== 'null') throw new JsonScanError(jsonErrors.unknown);
      lastType = 'null';
      return end;
    }
    default:
      if (c === 45 || (c >= 48 && c <= 57)) {
        lastType = 'number';
        return tokenEnd(s, i);
      }
      throw new JsonScanError(i >= s.length ? jsonErrors.malformed : jsonErrors.unknown);
  }
}

/**
 * End (exclusive) of the object or array opening at `i`: the `close` that
 * balances the `open`s counted outside strings (jsonparser's blockEnd, which
 * counts only the block's own bracket kind); throws JsonScanError(err) when none.
 */
export function blockEnd(s: string, i: number, open: number, close: number, err: string): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 34) {
      j = stringEnd(s, j) - 1;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new JsonScanError(err);
}

/**
 * Calls `visit(keyStart, keyEnd, valueStart, type, valueEnd)` for each member
 * of the object at `i` (jsonparser.ObjectEach); `visit` returning false stops.
 * Returns the index after the closing brace. Throws JsonScanError.
 */
export function eachObjectMember(
  s: string,
  i: number,
  visit: (keyStart: number, keyEnd: number, valueStart: number, type: JsonValueType, valueEnd: number) => boolean | void,
): number {
  // White space is rare between tokens of machine-written JSON: test one
  // character before calling skipSpace. Error choices follow jsonparser.ObjectEach.
  const n = s.length;
  i = enterObject(s, i);
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === 125) return i + 1;
    if (c !== 34) throw new JsonScanError(jsonErrors.object);
    const keyEnd = keyStringEnd(s, i);
    const j = memberValueStart(s, keyEnd);
    const end = scanValueEnd(s, j);
    if (visit(i, keyEnd, j, lastType, end) === false) return end;
    i = end;
    if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
    if (i >= n) throw new JsonScanError(jsonErrors.array);
    const d = s.charCodeAt(i);
    if (d === 125) return i + 1;
    if (d !== 44) throw new JsonScanError(jsonErrors.object);
    i++;
    if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
    if (i >= n) throw new JsonScanError(jsonErrors.array);
  }
  throw new JsonScanError(jsonErrors.object);
}

/**
 * Index of the first member (or the closing brace) of the object at `i`
 * (leading white space allowed), with jsonparser's errors when there is none.
 */
export function enterObject(s: string, i: number): number {
  const n = s.length;
  if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
  if (i >= n || s.charCodeAt(i) !== 123) throw new JsonScanError(jsonErrors.object);
  i++;
  if (s.charCodeAt(i) <= 32) i = skipSpace(s, i);
  if (i >= n) throw new JsonScanError(jsonErrors.malformed);
  return i;
}

/** Index of a member's value, its key ending at `keyEnd`: the colon and white space skipped (jsonparser's errors). */
export function memberValueStart(s: string, keyEnd: number): number {
  const n = s.length;
  let j = keyEnd;
  if (s.charCodeAt(j) <= 32) j = skipSpace(s, j);
  if (j >= n || s.charCodeAt(j) !== 58) throw new JsonScanError(jsonErrors.malformed);
  j++;
  if (s.charCodeAt(j) <= 32) j = skipSpace(s, j);
  if (j >= n) throw new JsonScanError(jsonErrors.malformed);
  return j;
}

/** End of a key string; an unterminated key is jsonparser's MalformedJsonError. */
function keyStringEnd(s: string, i: number): number {
  const q = closingQuote(s, i);
  if (q < 0) throw new JsonScanError(jsonErrors.malformed);
  return q + 1;
}
