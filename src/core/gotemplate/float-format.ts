/**
 * Go's strconv.FormatFloat for float64 in the 'e', 'f' and 'g' formats,
 * built on the shortest (or rounded) decimal digits JS produces.
 */

/** Go's strconv.FormatFloat(v, 'e'|'f'|'g', prec, 64); prec -1 is shortest. */
export function formatGoFloat(v: number, fmt: 'e' | 'f' | 'g', prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const sign = neg ? '-' : '';
  if (fmt === 'f' && prec >= 0 && a < 1e21) return sign + a.toFixed(Math.min(prec, 100));
  let digs: { d: string; dp: number };
  if (prec < 0 || fmt === 'f') digs = decimalDigits(a.toExponential());
  else if (fmt === 'e') digs = decimalDigits(a.toExponential(Math.min(prec, 100)));
  else digs = trimDigits(decimalDigits(a.toExponential(Math.max(0, Math.min((prec === 0 ? 1 : prec) - 1, 100)))));
  if (prec < 0) digs = trimDigits(digs);
  switch (fmt) {
    case 'e':
      return sign + formatE(digs, prec < 0 ? digs.d.length - 1 : prec);
    case 'f':
      return sign + formatF(digs, prec < 0 ? Math.max(digs.d.length - digs.dp, 0) : prec);
    default: {
      const shortest = prec < 0;
      let p = shortest ? digs.d.length : prec === 0 ? 1 : prec;
      let eprec = p;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (a !== 0 && (exp < -4 || exp >= eprec)) {
        if (p > digs.d.length) p = digs.d.length;
        return sign + formatE(digs, p - 1);
      }
      if (p > digs.dp) p = digs.d.length;
      return sign + formatF(digs, Math.max(p - digs.dp, 0));
    }
  }
}

function decimalDigits(exp: string): { d: string; dp: number } {
  const [mant = '0', e = '0'] = exp.split('e');
  const d = mant.replace('.', '');
  if (/^0+$/.test(d)) return { d: '0', dp: 1 };
  return { d, dp: Number(e) + 1 };
}

function trimDigits(x: { d: string; dp: number }): { d: string; dp: number } {
  const d = x.d.replace(/0+$/, '');
  return { d: d === '' ? '0' : d, dp: x.dp };
}

function formatE(digs: { d: string; dp: number }, prec: number): string {
  const zero = digs.d === '0';
  let out = digs.d[0] ?? '0';
  if (prec > 0) out += `.${digs.d.slice(1, prec + 1).padEnd(prec, '0')}`;
  const exp = zero ? 0 : digs.dp - 1;
  const abs = Math.abs(exp);
  return `${out}e${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

function formatF(digs: { d: string; dp: number }, prec: number): string {
  let int: string;
  if (digs.dp > 0) int = digs.d.slice(0, digs.dp).padEnd(digs.dp, '0');
  else int = '0';
  if (prec <= 0) return int;
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const idx = digs.dp + i;
    frac += idx < 0 || idx >= digs.d.length ? '0' : digs.d[idx];
  }
  return `${int}.${frac}`;
}
