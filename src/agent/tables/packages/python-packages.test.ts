import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { parsePythonMetadata } from './python-metadata.js';
import { pythonPackagesTable } from './python-packages.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

const metadataCases = [
  {
    name: 'core metadata fields, stopping at License',
    text: 'Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nSummary: Python HTTP for Humans.\nAuthor: Kenneth Reitz\nLicense: Apache 2.0\nVersion: 9\n',
    expected: { name: 'requests', version: '2.31.0', summary: 'Python HTTP for Humans.', author: 'Kenneth Reitz', license: 'Apache 2.0' },
  },
  {
    name: 'a value with a colon is skipped',
    text: 'Name: x\nSummary: Tools: the sequel\nHome-page: https://example.org\n',
    expected: { name: 'x' },
  },
  {
    name: 'without License the body is read too, later lines win',
    text: 'Name: x\nVersion: 1.0\nLicense-Expression: MIT\n\nVersion: 2.0\n',
    expected: { name: 'x', version: '2.0' },
  },
  {
    name: 'field names are case-sensitive and an empty value is dropped',
    text: 'name: lower\nAuthor:\nAuthor-email: a@example.org\n',
    expected: {},
  },
];

for (const c of metadataCases) {
  test(`parsePythonMetadata: ${c.name}`, () => {
    assert.deepEqual(parsePythonMetadata(c.text), c.expected);
  });
}

const shape = {
  name: 'String',
  version: 'String',
  summary: 'String',
  author: 'String',
  license: 'String',
  path: /\.(dist|egg)-info$/,
  directory: 'NonEmptyString',
  uid: 'NonNegativeInt',
  pid_with_namespace: 'NonNegativeInt',
} as const;

test('python_packages finds dist-info and egg-info directories at any depth of the site and user directories (golden)', () => {
  const { rows, warnings } = runGenerator(pythonPackagesTable, { paths: { root: fixtureRoot }, constraints: { uid: [{ op: '=', value: 1000 }] } });
  assert.deepEqual(warnings, ['Cannot open file for reading: /usr/lib/python3/dist-packages/broken-1.0.dist-info/METADATA']);
  assert.deepEqual(validateRows('python_packages', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.uid} ${r.name ?? '-'} ${r.path}`), [
    '0 - /usr/lib/python3/dist-packages/broken-1.0.dist-info',
    '0 packaging /usr/lib/python3/dist-packages/pip/_vendor/packaging-23.1.dist-info',
    '0 requests /usr/lib/python3/dist-packages/requests-2.31.0.dist-info',
    '0 six /usr/lib/python3/dist-packages/six-1.16.0.egg-info',
    '1000 black /home/alice/.pyenv/versions/3.12.1/lib/python3.12/site-packages/black-24.1.0.dist-info',
  ]);
  assert.equal(rows[0]?.directory, '/usr/lib/python3/dist-packages/', 'the site is reported as glob returns it');
  assertGolden('python_packages', rows);
});

test('python_packages without a uid constraint reads only the calling user and warns like osquery', () => {
  const { rows, warnings } = runGenerator(pythonPackagesTable, { paths: { root: fixtureRoot } });
  assert.ok(warnings.includes('The python_packages table returns data based on the current user by default, consider JOINing against the users table'));
  const self = process.getuid?.() ?? 0;
  assert.ok(rows.every((r) => r.uid === 0 || r.uid === self));
  assert.equal(rows.some((r) => r.name === 'black'), self === 1000);
});

test('python_packages with directory = X reads only X, recursively, and no user directories', () => {
  const { rows } = runGenerator(pythonPackagesTable, {
    paths: { root: fixtureRoot },
    constraints: { directory: [{ op: '=', value: '/usr/lib/python3/dist-packages/pip' }], uid: [{ op: '=', value: 1000 }] },
  });
  assert.deepEqual(rows.map((r) => [r.name, r.directory]), [['packaging', '/usr/lib/python3/dist-packages/pip']]);
});

test('python_packages reads this machine\'s site directories with osquery column shapes', () => {
  const { rows } = runGenerator(pythonPackagesTable);
  assert.deepEqual(validateRows('python_packages', rows, shape), []);
});
