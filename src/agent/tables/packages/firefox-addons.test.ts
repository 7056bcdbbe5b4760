import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { firefoxAddonsTable } from './firefox-addons.js';
import { parseFirefoxExtensions } from './firefox-extensions-json.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

test('parseFirefoxExtensions converts values as osquery\'s JSON::valueToString', () => {
  const addons = parseFirefoxExtensions(
    '{"addons":[{"id":"a@x","visible":true,"active":false,"applyBackgroundUpdates":2,"sourceURI":null,"defaultLocale":{"name":"A","creator":{"nested":1}},"userDisabled":"T"},7]}',
  );
  assert.deepEqual(addons, [{ name: 'A', identifier: 'a@x', visible: '1', active: '0', autoupdate: '2', source_url: 'null', disabled: 1 }]);
});

const errorCases = [
  { text: '[1]', error: 'the document root is not an object' },
  { text: '{"schemaVersion":35}', error: "could not find the 'addons' JSON member" },
  { text: '{"addons":{}}', error: "unrecognized format for the 'addons' member, it's not an array" },
];

for (const c of errorCases) {
  test(`parseFirefoxExtensions rejects ${c.text}`, () => {
    assert.equal(parseFirefoxExtensions(c.text), c.error);
  });
}

const shape = {
  uid: 'NonNegativeInt',
  name: 'String',
  identifier: 'NonEmptyString',
  creator: 'String',
  type: 'String',
  version: 'String',
  description: 'String',
  source_url: 'String',
  visible: 'String',
  active: 'String',
  disabled: 'Bool',
  autoupdate: 'String',
  location: 'String',
  path: 'String',
} as const;

test('firefox_addons reads each profile\'s extensions.json, skipping Crash Reports and Pending Pings (golden)', () => {
  const { rows, warnings } = runGenerator(firefoxAddonsTable, { paths: { root: fixtureRoot }, constraints: { uid: [{ op: '=', value: 1000 }] } });
  assert.deepEqual(warnings, []);
  assert.deepEqual(validateRows('firefox_addons', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.identifier} disabled=${r.disabled}`), [
    'uBlock0@raymondhill.net disabled=0',
    'default-theme@mozilla.org disabled=1',
    // osquery checks `softDisable`, while Firefox writes `softDisabled`
    'soft@example.org disabled=0',
  ]);
  assertGolden('firefox_addons', rows);
});

test('firefox_addons without a uid constraint warns like osquery', () => {
  const { warnings } = runGenerator(firefoxAddonsTable, { paths: { root: fixtureRoot } });
  assert.deepEqual(warnings, ['The firefox_addons table returns data based on the current user by default, consider JOINing against the users table']);
});

test('firefox_addons on this machine has osquery column shapes', () => {
  const { rows } = runGenerator(firefoxAddonsTable, { constraints: { uid: [{ op: '=', value: process.getuid?.() ?? 0 }] } });
  assert.deepEqual(validateRows('firefox_addons', rows, shape), []);
});
