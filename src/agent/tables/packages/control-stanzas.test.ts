import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseControlStanzas } from './control-stanzas.js';

test('parseControlStanzas splits stanzas on blank lines and lower-cases field names', () => {
  const stanzas = parseControlStanzas('Package: a\nVersion:  1.0 \n\n\nPACKAGE: b\r\nDescription: short\n long line\n .\n');
  assert.equal(stanzas.length, 2);
  assert.deepEqual([...(stanzas[0] ?? [])], [['package', 'a'], ['version', '1.0']]);
  assert.equal(stanzas[1]?.get('package'), 'b');
  assert.equal(stanzas[1]?.get('description'), 'short\n long line\n .');
});

test('parseControlStanzas treats whitespace-only lines as separators and ignores lines without a field name', () => {
  const stanzas = parseControlStanzas('Package: a\n \t\nnot a field\nPackage: b\n');
  assert.deepEqual(stanzas.map((s) => s.get('package')), ['a', 'b']);
});
