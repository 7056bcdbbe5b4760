import type { Item } from './lexer.js';
import type { ArgNode, NumberNode } from './nodes.js';
import { unquoteGoLiteral } from './unquote.js';

/** Number constants and item texts for the template parser (parser.ts), as Go's parse package has them. */

/** A number or character constant item as Go's newNumber reads it; `fail` reports Go's error text. */
export function parseNumberItem(t: Item, fail: (msg: string) => never): NumberNode {
  const text = t.val;
  if (t.type === 'char') {
    const s = unquoteGoLiteral(`"${text.slice(1, -1).replace(/"/g, '\\"')}"`);
    const cp = s?.codePointAt(0);
    if (s === undefined || cp === undefined || [...s].length !== 1) fail(`malformed character constant: ${text}`);
    return { kind: 'number', pos: t.pos, text, isInt: true, isFloat: true, int: BigInt(cp), float: cp };
  }
  if (text.endsWith('i')) fail(`complex constants are not supported: ${JSON.stringify(text)}`);
  const clean = text.replace(/_/g, '');
  let int: bigint | undefined;
  try {
    if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.test(clean)) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[+-]/, '');
      const v = /^0[0-7]+$/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
      int = neg ? -v : v;
    }
  } catch {
    int = undefined;
  }
  const float = /^[+-]?0[xX]/.test(clean) && !/[pP]/.test(clean) ? Number(int) : Number(clean.replace(/^\+/, ''));
  const isFloat = !Number.isNaN(float) && /^[+-]?[0-9.]/.test(clean) && (int !== undefined || /[.eEpP]/.test(clean));
  const isInt = int !== undefined && int >= -(2n ** 63n) && int < 2n ** 63n;
  if (!isInt && !isFloat) fail(`illegal number syntax: ${JSON.stringify(text)}`);
  // A float constant that is integral also acts as an int (Go: 1e3 is an int constant).
  if (!isInt && Number.isInteger(float) && Math.abs(float) < 2 ** 63) {
    return { kind: 'number', pos: t.pos, text, isInt: true, isFloat, int: BigInt(float), float };
  }
  return { kind: 'number', pos: t.pos, text, isInt, isFloat, int: int ?? 0n, float };
}

export function nodeText(n: ArgNode): string {
  switch (n.kind) {
    case 'bool': return String(n.value);
    case 'string': return n.quoted;
    case 'number': return n.text;
    case 'nil': return 'nil';
    default: return '.';
  }
}

/** Go's item.String(). */
export function itemString(t: Item): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword' || t.type === 'nil') return `<${t.val}>`;
  if (t.type === 'rightDelim' || t.type === 'leftDelim') return JSON.stringify(t.val);
  const q = JSON.stringify(t.val);
  return [...t.val].length > 10 ? `${JSON.stringify([...t.val].slice(0, 10).join(''))}...` : q;
}
