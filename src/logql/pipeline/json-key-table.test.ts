import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonKeyTable } from './json-key-table.js';

/** Looks `raw` up as the json stage does: in place in a line holding it as a member key, else by its text. */
function lookup(table: JsonKeyTable<string>, raw: string): string | undefined {
  const line = `{"${raw}":1,"zz":2}`;
  const known = table.match(line, 2);
  if (known !== undefined) {
    assert.equal(line.charCodeAt(2 + known.length), 34, `a known key ends at its closing quote: ${raw}`);
    return known.value;
  }
  return table.get(raw);
}

test('JsonKeyTable finds every stored key, in place or by text, and no other', () => {
  const table = new JsonKeyTable<string>();
  // Many keys per first character, length and last character: buckets fill,
  // the three-character test passes for wrong keys (near misses), the rest overflow.
  const keys = ['', 'a', 'ab', 'a\\"b', 'a\\\\', 'é', 'éé', 'x'.repeat(70)];
  // Short keys are compared in place, longer ones with indexOf (then startsWith, after many near misses).
  for (let i = 0; i < 40; i++) keys.push(`k${String.fromCharCode(97 + (i % 26))}${i}z`, `k${String.fromCharCode(97 + (i % 26))}${i}-long-z`, `k${i}`);
  for (const k of keys) table.set(k, `v:${k}`);
  for (let round = 0; round < 3; round++) {
    for (const k of keys) assert.equal(lookup(table, k), `v:${k}`, k);
    for (const k of ['b', 'a\\', 'ka0', 'kz99z', 'kz99-long-z', 'ka1-long-z', 'k40', 'x'.repeat(69), 'ée']) assert.equal(lookup(table, k), undefined, k);
  }
});

test('JsonKeyTable.match needs the closing quote right after the key', () => {
  const table = new JsonKeyTable<string>();
  table.set('type', 'T');
  assert.equal(table.match('{"type":1}', 2)?.value, 'T');
  assert.equal(table.match('{"types":1}', 2), undefined);
  assert.equal(table.match('{"typ":1}', 2), undefined);
  assert.equal(table.match('{"type', 2), undefined);
});
