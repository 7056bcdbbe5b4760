import { GoMapView, GoTime, type GoValue } from './values.js';

/** spf13/cast ToInt64 as sprig uses it: strings parsed (base prefixes, "1.0"), floats truncated, failures 0. */
export function castToInt64(v: GoValue): bigint {
  switch (typeof v) {
    case 'bigint':
      return BigInt.asIntN(64, v);
    case 'number':
      return Number.isFinite(v) ? BigInt.asIntN(64, BigInt(Math.trunc(v))) : -(2n ** 63n);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const s = /^([+-]?[0-9]+)\.0*$/.exec(v)?.[1] ?? v;
      const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[1-9][0-9_]*|0)$/.exec(s);
      if (m === null) return 0n;
      let body = (m[2] as string).replace(/_/g, '');
      if (/^0[0-7]+$/.test(body)) body = `0o${body.slice(1)}`;
      try {
        const n = BigInt(body) * (m[1] === '-' ? -1n : 1n);
        return n >= -(2n ** 63n) && n < 2n ** 63n ? n : 0n;
      } catch {
        return 0n;
      }
    }
    default:
      return 0n;
  }
}

/** spf13/cast ToFloat64: strings via ParseFloat, failures 0. */
export function castToFloat64(v: GoValue): number {
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const t = v.trim() === v ? v : '';
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
      if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
      if (/^nan$/i.test(t)) return NaN;
      return 0;
    }
    default:
      return 0;
  }
}

/** sprig's empty(): nil, zero numbers, false, empty strings/slices/maps. Structs (time) are never empty. */
export function isEmptyValue(v: GoValue): boolean {
  if (v === null || v === undefined) return true;
  if (v instanceof GoTime) return false;
  switch (typeof v) {
    case 'string': return v === '';
    case 'bigint': return v === 0n;
    case 'number': return v === 0;
    case 'boolean': return !v;
    case 'function': return false;
    default:
      if (Array.isArray(v)) return v.length === 0;
      if (v instanceof GoMapView) return v.keys().length === 0;
      return Object.keys(v).length === 0;
  }
}

/** shopspring/decimal arithmetic as sprig's addf/subf/mulf/divf use it (exact decimals from shortest float text). */
interface Dec {
  readonly n: bigint;
  readonly scale: number;
}

function toDec(x: number): Dec {
  if (!Number.isFinite(x)) throw new Error(`Cannot create a Decimal from ${x}`);
  if (x === 0) return { n: 0n, scale: 0 };
  const [mant = '0', e = '0'] = x.toExponential().split('e');
  const digits = mant.replace('.', '').replace('-', '');
  const frac = digits.length - 1 - Number(e);
  const n = BigInt(digits) * (x < 0 ? -1n : 1n);
  return frac >= 0 ? { n, scale: frac } : { n: n * 10n ** BigInt(-frac), scale: 0 };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(scale - a.scale), b.n * 10n ** BigInt(scale - b.scale), scale];
}

function decToFloat(d: Dec): number {
  const neg = d.n < 0n;
  const s = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, '0');
  const text = d.scale === 0 ? s : `${s.slice(0, s.length - d.scale)}.${s.slice(s.length - d.scale)}`;
  return Number((neg ? '-' : '') + text);
}

export function decimalAdd(values: readonly number[]): number {
  let acc: Dec = { n: 0n, scale: 0 };
  for (const v of values) {
    const [a, b, scale] = align(acc, toDec(v));
    acc = { n: a + b, scale };
  }
  return decToFloat(acc);
}

export function decimalSub(first: number, rest: readonly number[]): number {
  let acc = toDec(first);
  for (const v of rest) {
    const [a, b, scale] = align(acc, toDec(v));
    acc = { n: a - b, scale };
  }
  return decToFloat(acc);
}

export function decimalMul(first: number, rest: readonly number[]): number {
  let acc = toDec(first);
  for (const v of rest) {
    const d = toDec(v);
    acc = { n: acc.n * d.n, scale: acc.scale + d.scale };
  }
  return decToFloat(acc);
}

/** Division rounded half away from zero to 16 decimal places (decimal.DivisionPrecision). */
export function decimalDiv(first: number, rest: readonly number[]): number {
  let acc = toDec(first);
  for (const v of rest) {
    const d = toDec(v);
    if (d.n === 0n) throw new Error('decimal division by zero');
    const [a, b] = align(acc, d);
    const num = a * 10n ** 17n;
    let q = num / b;
    const neg = (a < 0n) !== (b < 0n);
    const absQ = q < 0n ? -q : q;
    const rounded = (absQ + 5n) / 10n;
    q = neg ? -rounded : rounded;
    acc = { n: q, scale: 16 };
  }
  return decToFloat(acc);
}
