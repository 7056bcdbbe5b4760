import type { ScalarFunction, SqlArg } from './define.js';

function text(v: SqlArg): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  return String(v);
}

/**
 * split(value, tokens, index): the index-th piece after splitting on any of
 * the token characters, empty pieces dropped (osquery's split). NULL when out of range.
 */
function split(value: SqlArg, tokens: SqlArg, index: SqlArg): string | null {
  const chars = [...text(tokens)];
  const pieces: string[] = [];
  let current = '';
  for (const ch of text(value)) {
    if (chars.includes(ch)) {
      if (current !== '') pieces.push(current);
      current = '';
    } else current += ch;
  }
  if (current !== '') pieces.push(current);
  return pieces[Number(index)] ?? null;
}

export const stringFunctions: readonly ScalarFunction[] = [
  { name: 'split', arity: 3, fn: split },
  { name: 'concat', arity: -1, fn: (...args) => args.map(text).join('') },
  {
    name: 'concat_ws',
    arity: -1,
    fn: (sep, ...args) => args.filter((a) => a !== null).map(text).join(text(sep)),
  },
];
