/**
 * Go's strconv.ParseFloat(s, 64) and fmt's `%v` / FormatFloat('f', -1) for
 * float64, as LogQL needs them (literals, numeric label filters, unwrap).
 */
import { fail, ok, type ParseResult } from './parse-result.js';

const decimalPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const hexPattern = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

function syntaxError(text: string): ParseResult<number> {
  return fail(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
}

function rangeError(text: string): ParseResult<number> {
  return fail(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: value out of range`);
}

function isDigitFor(c: string, hex: boolean): boolean {
  return (c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c));
}

/** Go's underscoreOK: an underscore sits between digits (a base prefix counts as one). */
function underscoresAllowed(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && /[xXbBoO]/.test(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (isDigitFor(c, hex)) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(text, 64): the value, or Go's error text. */
export function parseGoFloat(text: string): ParseResult<number> {
  if (text.length === 0) return syntaxError(text);
  const special = parseSpecial(text);
  if (special !== undefined) return ok(special);
  let s = text;
  if (s.includes('_')) {
    if (!underscoresAllowed(s)) return syntaxError(text);
    s = s.replaceAll('_', '');
  }
  if (decimalPattern.test(s)) {
    const value = Number(s);
    if (!Number.isFinite(value)) return rangeError(text);
    return ok(value);
  }
  const hex = hexPattern.exec(s);
  if (hex === null) return syntaxError(text);
  const [, sign, whole = '', fraction = '', exponent = '0'] = hex;
  if (whole.length + fraction.length === 0) return syntaxError(text);
  let mantissa = 0;
  for (const c of whole + fraction) mantissa = mantissa * 16 + parseInt(c, 16);
  const value = mantissa * 2 ** (Number(exponent) - 4 * fraction.length);
  if (!Number.isFinite(value)) return rangeError(text);
  return ok(sign === '-' ? -value : value);
}

function parseSpecial(text: string): number | undefined {
  const lower = text.toLowerCase();
  let sign = 1;
  let body = lower;
  if (body[0] === '+' || body[0] === '-') {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
    if (body === 'inf' || body === 'infinity') return sign * Infinity;
    return undefined;
  }
  if (body === 'inf' || body === 'infinity') return Infinity;
  if (body === 'nan') return NaN;
  return undefined;
}

/**
 * Go `fmt.Sprint(float64)` (%v, i.e. strconv 'g' with the shortest digits):
 * exponent form when the decimal exponent is below -4 or at least 6
 * (`1e+06`, `1.23456789e+08`, `1e-05`), plain digits otherwise.
 */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, expText] = value.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return formatGoFloatFixed(value);
}

/** Go `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent. */
export function formatGoFloatFixed(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const [mantissa, expText] = abs.toExponential().split('e') as [string, string];
    const exp = Number(expText);
    const digits = mantissa.replace('.', '');
    const pointAt = 1 + exp;
    let out: string;
    if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
    else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
    else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
    return value < 0 ? `-${out}` : out;
  }
  return Object.is(value, -0) ? '-0' : String(value);
}

/** Go `fmt.Sprintf("%f", v)`: six decimals. */
export function formatGoFloatPrecision6(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return value.toFixed(6);
}
