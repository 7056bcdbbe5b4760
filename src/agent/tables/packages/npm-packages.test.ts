import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { parseNpmManifest } from './npm-manifest.js';
import { npmPackagesTable } from './npm-packages.js';
import { assertGolden, createFullFixtureRoot } from './testdata/golden.js';

const manifestCases = [
  {
    name: 'string fields, author object and license string',
    json: '{"name":"a","version":"1.0.0","description":"d","homepage":"h","author":{"name":"Ann","email":"a@x"},"license":"MIT","main":"x.js"}',
    expected: { name: 'a', version: '1.0.0', description: 'd', homepage: 'h', author: 'Ann', license: 'MIT' },
  },
  {
    name: 'the deprecated license object gives its url; non-string fields read empty',
    json: '{"name":"b","version":2,"license":{"type":"MIT","url":"https://opensource.org/licenses/MIT"},"author":{"email":"x"}}',
    expected: { name: 'b', version: '', license: 'https://opensource.org/licenses/MIT' },
  },
  { name: 'author string and an array license', json: '{"author":"Jane <j@x>","license":["MIT"]}', expected: { author: 'Jane <j@x>' } },
  { name: 'not an object', json: '["a"]', expected: undefined },
  { name: 'not JSON', json: '{"name": ', expected: undefined },
];

for (const c of manifestCases) {
  test(`parseNpmManifest: ${c.name}`, () => {
    assert.deepEqual(parseNpmManifest(c.json), c.expected);
  });
}

const shape = {
  name: 'String',
  version: 'String',
  description: 'String',
  author: 'String',
  license: 'String',
  homepage: 'String',
  path: /\/node_modules\/.+\/package\.json$/,
  directory: 'NonEmptyString',
  depth: 'NonNegativeInt',
  pid_with_namespace: 'NonNegativeInt',
} as const;

test('npm_packages walks global node_modules and nested ones (golden)', (t) => {
  const fixtureRoot = createFullFixtureRoot(t);
  const { rows } = runGenerator(npmPackagesTable, { paths: { root: fixtureRoot } });
  assert.deepEqual(validateRows('npm_packages', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.depth} ${r.path}`), [
    '0 /usr/lib/node_modules/broken/package.json',
    '0 /usr/lib/node_modules/left-pad/package.json',
    '0 /usr/lib/node_modules/@scope/pkg/package.json',
    '1 /usr/lib/node_modules/left-pad/node_modules/dep/package.json',
    '2 /usr/lib/node_modules/left-pad/node_modules/dep/node_modules/deeper/package.json',
  ]);
  assert.ok(rows.every((r) => r.directory === '/usr/lib/'));
  assertGolden('npm_packages', rows);
});

test('npm_packages honours max_depth and directory = X', (t) => {
  const fixtureRoot = createFullFixtureRoot(t);
  const shallow = runGenerator(npmPackagesTable, { paths: { root: fixtureRoot }, constraints: { max_depth: [{ op: '=', value: 0 }] } });
  assert.deepEqual(shallow.rows.map((r) => r.name ?? ''), ['', 'left-pad', '@scope/pkg']);
  assert.ok(shallow.rows.every((r) => r.max_depth === 0));
  const one = runGenerator(npmPackagesTable, {
    paths: { root: fixtureRoot },
    constraints: { directory: [{ op: '=', value: '/usr/lib/node_modules/left-pad' }], max_depth: [{ op: '=', value: -1 }] },
  });
  assert.deepEqual(one.rows.map((r) => `${r.depth} ${r.name} ${r.directory}`), [
    '0 dep /usr/lib/node_modules/left-pad',
    '1 deeper /usr/lib/node_modules/left-pad',
  ]);
});

test('npm_packages reads this machine\'s global packages with osquery column shapes', () => {
  const { rows } = runGenerator(npmPackagesTable);
  assert.deepEqual(validateRows('npm_packages', rows, shape), []);
});
