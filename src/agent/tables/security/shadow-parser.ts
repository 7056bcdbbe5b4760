/** One /etc/shadow entry as glibc's getspent(3) returns it. */
export interface ShadowEntry {
  readonly username: string;
  /** undefined for a NIS compat entry ("+" or "-name" with no other field). */
  readonly password: string | undefined;
  readonly lastChange: number;
  readonly min: number;
  readonly max: number;
  readonly warning: number;
  readonly inactive: number;
  readonly expire: number;
  /** sp_flag, an unsigned long, as osquery prints it: ~0 reads -1. */
  readonly flag: number;
}

/**
 * Parses shadow(5) text as glibc's nss_files does: leading blanks are
 * skipped, blank and '#' lines are ignored, and a line glibc rejects (too few
 * fields, junk in a number) is skipped. An empty number field reads -1; an
 * old-style line that stops after `max` leaves warning, inactive and expire
 * at -1. Numbers are truncated to int as glibc does (so -1 stays -1).
 */
export function parseShadow(text: string): ShadowEntry[] {
  const entries: ShadowEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^[ \t\v\f\r]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const entry = parseShadowLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** One line, or undefined where glibc's parser rejects it. */
export function parseShadowLine(line: string): ShadowEntry | undefined {
  const cursor = { rest: line };
  const username = takeString(cursor);
  if (cursor.rest === '' && (username.startsWith('+') || username.startsWith('-'))) {
    return { username, password: undefined, lastChange: 0, min: -1, max: -1, warning: -1, inactive: -1, expire: -1, flag: -1 };
  }
  const password = takeString(cursor);
  const lastChange = takeNumber(cursor);
  const min = takeNumber(cursor);
  const max = takeNumber(cursor);
  if (lastChange === undefined || min === undefined || max === undefined) return undefined;
  if (cursor.rest.replace(/^[ \t\n\v\f\r]+/, '') === '') {
    return { username, password, lastChange, min, max, warning: -1, inactive: -1, expire: -1, flag: -1 };
  }
  const warning = takeNumber(cursor);
  const inactive = takeNumber(cursor);
  const expire = takeNumber(cursor);
  if (warning === undefined || inactive === undefined || expire === undefined) return undefined;
  const flag = cursor.rest === '' ? -1 : takeNumber(cursor, 64);
  if (flag === undefined) return undefined;
  return { username, password, lastChange, min, max, warning, inactive, expire, flag };
}

const maxUnsignedLong = (1n << 64n) - 1n;

interface Cursor {
  rest: string;
}

/** glibc STRING_FIELD: up to the next ':' (consumed), or the rest of the line. */
function takeString(cursor: Cursor): string {
  const at = cursor.rest.indexOf(':');
  if (at < 0) {
    const value = cursor.rest;
    cursor.rest = '';
    return value;
  }
  const value = cursor.rest.slice(0, at);
  cursor.rest = cursor.rest.slice(at + 1);
  return value;
}

/**
 * glibc INT_FIELD_MAYBE_NULL: strtoul then a cast to int (or to unsigned
 * long for the flag, printed signed); no digits reads -1; the field must end
 * at ':' or at the end of the line, and must not start at the end of the line.
 */
function takeNumber(cursor: Cursor, bits: 32 | 64 = 32): number | undefined {
  if (cursor.rest === '') return undefined;
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(cursor.rest);
  let value = -1;
  let end = 0;
  if (m) {
    const magnitude = BigInt(m[2] as string);
    // strtoul saturates at ULONG_MAX on overflow, whatever the sign.
    const unsigned = magnitude > maxUnsignedLong ? maxUnsignedLong : m[1] === '-' ? -magnitude : magnitude;
    value = Number(BigInt.asIntN(bits, unsigned));
    end = m[0].length;
  }
  const next = cursor.rest[end];
  if (next === ':') cursor.rest = cursor.rest.slice(end + 1);
  else if (next === undefined) cursor.rest = '';
  else return undefined;
  return value;
}

/** osquery's password_status: not_set for "!!", locked for a leading '!', '*' or 'x', empty, or active. */
export function describePasswordStatus(password: string | undefined): string {
  if (password === undefined || password === '') return 'empty';
  if (password === '!!') return 'not_set';
  if (password.startsWith('!') || password.startsWith('*') || password.startsWith('x')) return 'locked';
  return 'active';
}

/** The crypt(3) scheme id of a hash ("$6$…" → "6", "$y$…" → "y"), or '' when there is none. */
export function describeHashAlgorithm(password: string | undefined): string {
  return /^\$(\w+)\$/.exec(password ?? '')?.[1] ?? '';
}
