import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapePtreeString, findPtreeChild, readPtreeValue, writePtreeJson } from './ptree-json.js';

// Expected strings are what boost::property_tree::write_json(…, false) prints;
// the first case is osquery's own test vector (chrome/tests/utils.cpp).
const writeCases = [
  { name: 'an array root becomes an object with empty keys', value: ['1', '2'], json: '{"":"1","":"2"}\n' },
  { name: 'an empty array root is {}', value: [], json: '{}\n' },
  { name: 'scalars are strings', value: { a: 1, b: true, c: null, d: 1.5 }, json: '{"a":"1","b":"true","c":"null","d":"1.5"}\n' },
  { name: 'nested arrays and empty containers', value: { p: ['x', { y: [] }], q: {} }, json: '{"p":["x",{"y":""}],"q":""}\n' },
  { name: 'escapes / and every non-ASCII byte', value: { 'u/rl': 'https://é\u0001"\\' }, json: '{"u\\/rl":"https:\\/\\/\\u00C3\\u00A9\\u0001\\"\\\\"}\n' },
];

for (const c of writeCases) {
  test(`writePtreeJson: ${c.name}`, () => {
    assert.equal(writePtreeJson(c.value), c.json);
  });
}

test('escapePtreeString keeps printable ASCII and uses short escapes', () => {
  assert.equal(escapePtreeString('a b\tc\nd'), 'a b\\tc\\nd');
});

test('findPtreeChild matches keys case-insensitively along a dotted path', () => {
  const doc = { Extensions: { SETTINGS: { abc: { path: 'x' } } } };
  assert.deepEqual(findPtreeChild(doc, 'extensions.settings.abc'), { path: 'x' });
  assert.equal(findPtreeChild(doc, 'extensions.missing'), undefined);
  assert.equal(findPtreeChild(['a'], 'x'), undefined);
});

test('readPtreeValue reads containers as empty text', () => {
  assert.deepEqual([readPtreeValue({ a: 1 }), readPtreeValue([1]), readPtreeValue(false), readPtreeValue(7)], ['', '', 'false', '7']);
});
