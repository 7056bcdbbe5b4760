/**
 * Prometheus strutil.Unquote: Go string literal syntax for "…", '…' and `…`.
 * Returns undefined on a syntax error (Go's "invalid syntax").
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const simple: Readonly<Record<string, number>> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

export function unquoteGoString(text: string): string | undefined {
  const n = text.length;
  if (n < 2) return undefined;
  const quote = text[0];
  if (quote !== text[n - 1]) return undefined;
  const body = text.slice(1, n - 1);
  if (quote === '`') return body.includes('`') ? undefined : body;
  if (quote !== '"' && quote !== "'") return undefined;
  if (body.includes('\n')) return undefined;
  if (!body.includes('\\') && !body.includes(quote)) return body;
  const bytes: number[] = [];
  let i = 0;
  let count = 0;
  while (i < body.length) {
    if (quote === "'" && count > 0) return undefined;
    count++;
    const ch = body[i] as string;
    if (ch === quote) return undefined;
    if (ch !== '\\') {
      const cp = body.codePointAt(i) as number;
      const s = String.fromCodePoint(cp);
      for (const b of encoder.encode(s)) bytes.push(b);
      i += s.length;
      continue;
    }
    const esc = body[i + 1];
    if (esc === undefined) return undefined;
    i += 2;
    const simpleValue = simple[esc];
    if (simpleValue !== undefined) {
      bytes.push(simpleValue);
      continue;
    }
    if (esc === "'" || esc === '"') {
      if (esc !== quote) return undefined;
      bytes.push(esc.charCodeAt(0));
      continue;
    }
    if (esc === 'x' || esc === 'u' || esc === 'U') {
      const len = esc === 'x' ? 2 : esc === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      i += len;
      const value = parseInt(hex, 16);
      if (esc === 'x') {
        bytes.push(value);
        continue;
      }
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return undefined;
      for (const b of encoder.encode(String.fromCodePoint(value))) bytes.push(b);
      continue;
    }
    if (esc >= '0' && esc <= '7') {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      const value = parseInt(oct, 8);
      if (value > 255) return undefined;
      i += 2;
      bytes.push(value);
      continue;
    }
    return undefined;
  }
  return decoder.decode(Uint8Array.from(bytes));
}
