import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLabelsKeyCache, labelsKey } from './labels-key.js';

test('labelsKey ignores insertion order and separates names from values', () => {
  assert.equal(labelsKey({ b: '2', a: '1' }), labelsKey({ a: '1', b: '2' }));
  assert.notEqual(labelsKey({ a: '1b' }), labelsKey({ a: '1', b: '' }));
  assert.notEqual(labelsKey({ ab: '' }), labelsKey({ a: 'b' }));
});

test('createLabelsKeyCache gives labelsKey for every label set, also right after a similar one', () => {
  const keyOf = createLabelsKeyCache();
  const sets: Record<string, string>[] = [{ a: '1' }, { a: '1' }, { a: '1', b: '2' }, { b: '2', a: '1' }, { a: '1' }, { a: '2' }, {}, {}, { b: '2' }];
  for (const labels of sets) assert.equal(keyOf(labels), labelsKey(labels), JSON.stringify(labels));
});
