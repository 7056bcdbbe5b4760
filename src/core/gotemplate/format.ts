import { quoteGoString } from '../labels/labels.js';
import { formatGoFloat } from './float-format.js';
import { goTypeName, GoTime, isAnyMap, mapGet, mapKeys, type GoValue } from './values.js';

export { formatGoFloat };

/**
 * Go's fmt for template values: %v printing (Sprint/Sprintln rules) and
 * Sprintf with the common verbs, flags, width and precision, including
 * fmt's error forms (`%!d(string=x)`, `%!s(MISSING)`, `%!(EXTRA …)`).
 */

/** %v of a value (fmt.Sprint of one operand). */
export function formatValue(v: GoValue, plus = false): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'number':
      return formatGoFloat(v, 'g', -1);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<no value>';
    case 'function':
      return '0x0';
    default:
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return `[${v.map((x: GoValue) => formatValue(x, plus)).join(' ')}]`;
      if (v instanceof GoTime) return v.toString();
      if (isAnyMap(v)) return `map[${[...mapKeys(v)].sort().map((k) => `${k}:${formatValue(mapGet(v, k), plus)}`).join(' ')}]`;
      return String(v);
  }
}

/** fmt.Sprint: spaces between operands when neither is a string. */
export function goSprint(args: readonly GoValue[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln: spaces between all operands, newline at the end. */
export function goSprintln(args: readonly GoValue[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

/** fmt.Sprintf. */
export function goSprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '-') spec.minus = true;
      else if (c === '+') spec.plus = true;
      else if (c === '#') spec.sharp = true;
      else if (c === ' ') spec.space = true;
      else if (c === '0') spec.zero = true;
      else break;
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        return typeof a === 'bigint' ? Number(a) : undefined;
      }
      const m = /^[0-9]+/.exec(format.slice(i));
      if (m === null) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNum();
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    // fmt's tooLarge: widths and precisions past 1e6 are refused.
    if (spec.width !== undefined && spec.width > 1e6) {
      out += '%!(BADWIDTH)';
      spec.width = undefined;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
      if (spec.prec > 1e6) {
        out += '%!(BADPREC)';
        spec.prec = undefined;
      }
    }
    const verb = format[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args.slice(argi).map((a) => `${goTypeName(a)}=${formatValue(a)}`).join(', ')})`;
  }
  return out;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  if (spec.minus) return s + ' '.repeat(width - len);
  if (spec.zero && numeric) {
    const signed = /^[+\- ]/.test(s);
    return signed ? s[0] + '0'.repeat(width - len) + s.slice(1) : '0'.repeat(width - len) + s;
  }
  return ' '.repeat(width - len) + s;
}

function badVerb(v: GoValue, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v)})`;
}

function signed(s: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${s}`;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

function formatArg(v: GoValue, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec, false);
  if (verb === 'v' && typeof v !== 'number' && typeof v !== 'bigint') {
    if (spec.sharp && typeof v === 'string') return pad(quoteGoString(v), spec, false);
    return pad(formatValue(v, spec.plus), spec, false);
  }
  if (Array.isArray(v) && verb !== 's' && verb !== 'q' && verb !== 'x' && verb !== 'X') {
    return `[${v.map((x: GoValue) => formatArg(x, verb, spec)).join(' ')}]`;
  }
  if (isAnyMap(v) && verb !== 'v') {
    return `map[${[...mapKeys(v)].sort().map((k) => `${formatArg(k, verb, spec)}:${formatArg(mapGet(v, k), verb, spec)}`).join(' ')}]`;
  }
  switch (typeof v) {
    case 'bigint':
      return formatInt(v, verb, spec);
    case 'number':
      return formatFloatArg(v, verb, spec);
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(String(v), spec, false) : badVerb(v, verb);
    case 'string':
      return formatString(v, verb, spec);
    default:
      if (v instanceof GoTime && (verb === 's' || verb === 'q')) return formatString(v.toString(), verb, spec);
      if (Array.isArray(v) && (verb === 's' || verb === 'q')) return `[${v.map((x: GoValue) => formatArg(x, verb, spec)).join(' ')}]`;
      return badVerb(v, verb);
  }
}

function formatString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 'v':
    case 's': {
      const t = spec.prec === undefined ? s : [...s].slice(0, spec.prec).join('');
      return pad(t, spec, false);
    }
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? `\`${s}\`` : quoteGoString(s), spec, false);
    case 'x':
    case 'X': {
      let hex = Buffer.from(s, 'utf8').toString('hex');
      if (verb === 'X') hex = hex.toUpperCase();
      return pad(hex, spec, false);
    }
    default:
      return badVerb(s, verb);
  }
}

function formatInt(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let body: string;
  switch (verb) {
    case 'v':
    case 'd':
      body = a.toString();
      break;
    case 'x':
      body = (spec.sharp ? '0x' : '') + a.toString(16);
      break;
    case 'X':
      body = (spec.sharp ? '0X' : '') + a.toString(16).toUpperCase();
      break;
    case 'o':
      body = (spec.sharp ? '0' : '') + a.toString(8);
      break;
    case 'O':
      body = `0o${a.toString(8)}`;
      break;
    case 'b':
      body = a.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), spec, false);
    case 'q':
      return pad(`'${String.fromCodePoint(Number(n))}'`, spec, false);
    case 'U':
      return pad(`U+${a.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      return formatFloatArg(Number(n), verb, spec);
    default:
      return badVerb(n, verb);
  }
  if (spec.prec !== undefined) body = body.padStart(spec.prec, '0');
  return pad(signed(body, neg, spec), spec, spec.prec === undefined);
}

function formatFloatArg(f: number, verb: string, spec: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatGoFloat(f, 'g', spec.prec ?? -1);
      break;
    case 'e':
    case 'E':
      s = formatGoFloat(f, 'e', spec.prec ?? 6);
      break;
    case 'f':
    case 'F':
      s = formatGoFloat(f, 'f', spec.prec ?? 6);
      break;
    default:
      return badVerb(f, verb);
  }
  if (verb === 'E' || verb === 'G') s = s.toUpperCase().replace('INF', 'Inf').replace('NAN', 'NaN');
  const neg = s.startsWith('-');
  const body = neg || s.startsWith('+') ? s.slice(1) : s;
  if (Number.isNaN(f)) return pad(spec.plus ? '+NaN' : 'NaN', spec, false);
  if (!Number.isFinite(f)) return pad(neg ? '-Inf' : '+Inf', spec, false);
  return pad(signed(body, neg, spec), spec, true);
}
