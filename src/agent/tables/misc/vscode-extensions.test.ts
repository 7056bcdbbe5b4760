import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseVscodeExtensions, vscodeExtensionsTable } from './vscode-extensions.js';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';

const root = fileURLToPath(new URL('./testdata/host', import.meta.url));
const warning = 'The vscode_extensions table returns data based on the current user by default, consider JOINing against the users table';
const uid = (...values: number[]) => ({ uid: values.map((value) => ({ op: '=' as const, value })) });

const python = {
  uid: 1000, vscode_edition: 'vscode', name: 'ms-python.python', version: '2024.8.1',
  path: '/home/alice/.vscode/extensions/ms-python.python-2024.8.1', uuid: 'f1f59ae4-9318-4f3c-a9b5-81b2eaa5f8a5',
  publisher: 'Microsoft', publisher_id: '998b010b-e2af-44a5-a6cd-0b5fd3b9b6f8', installed_at: 1717000000123, prerelease: 0,
};
const go = {
  uid: 1000, vscode_edition: 'vscode', name: 'golang.go', version: '0.41.4', path: '/home/alice/.vscode/extensions/golang.go-0.41.4',
  uuid: 'd6f6cfea-4b6f-41f4-b571-6ad2ab7918da', publisher: 'Go Team at Google', publisher_id: 'dbf6ae0a-da75-4167-ac8b-75b4512f2153', prerelease: 1,
};
const cursor = {
  uid: 1000, vscode_edition: 'cursor', name: 'anysphere.cursorpyright', version: '1.0.3',
  path: '/home/alice/.cursor-server/extensions/anysphere.cursorpyright-1.0.3', uuid: '7b6b6c1a-0000-4000-8000-000000000001',
  publisher: 'Anysphere', publisher_id: 'anysphere', installed_at: 1718000000000,
};
const yaml = {
  uid: 0, vscode_edition: 'vscode', name: 'redhat.vscode-yaml', version: '1.15.0', path: '/root/.vscode-server/extensions/redhat.vscode-yaml-1.15.0',
  uuid: '2061917f-f76a-458a-8da9-f162de22b97e', publisher: 'Red Hat', publisher_id: '2d8bdc3e-3b2a-4d6f-b6f4-8a6b2b2b6c56', installed_at: 1716000000000, prerelease: 0,
};

test('parseVscodeExtensions keeps typed fields only and reports malformed entries as osquery', () => {
  const text = JSON.stringify([
    { identifier: { id: 'a.b' }, version: 1, location: { path: '/p' }, metadata: { id: 'u', installedTimestamp: '17', isPreReleaseVersion: 'no' } },
    { identifier: { id: 'c.d' }, metadata: {} },
  ]);
  const { rows, warnings } = parseVscodeExtensions(text, { uid: 7, edition: 'trae', file: '/f.json' });
  assert.deepEqual(rows, [{ uid: 7, vscode_edition: 'trae', name: 'a.b', path: '/p', uuid: 'u' }]);
  assert.deepEqual(warnings, ['Extension entry missing expected subkeys in /f.json']);
  assert.deepEqual(parseVscodeExtensions('{"x":1}', { uid: 7, edition: 'vscode', file: '/g.json' }).warnings, ['Could not parse vscode extensions.json from /g.json']);
});

test('vscode_extensions with uid = 1000 reads every edition folder of that user in osquery order', () => {
  const { rows, warnings } = runGenerator(vscodeExtensionsTable, { paths: { root }, constraints: uid(1000) });
  assert.deepEqual(rows, [cursor, python, go]);
  assert.deepEqual(warnings, [
    'Extension entry missing expected subkeys in /home/alice/.vscode/extensions/extensions.json',
    'Extension subkeys are not objects in /home/alice/.vscode/extensions/extensions.json',
  ]);
});

test('vscode_extensions with several uids reads each user, sorted by uid text', () => {
  const { rows, warnings } = runGenerator(vscodeExtensionsTable, { paths: { root }, constraints: uid(1001, 0, 4242) });
  assert.deepEqual(rows, [yaml]);
  assert.deepEqual(warnings, ['Could not parse vscode extensions.json from /home/bob/.vscode/extensions/extensions.json']);
});

test('vscode_extensions without a uid constraint reads only the calling user and warns', () => {
  const { rows, warnings } = runGenerator(vscodeExtensionsTable, { paths: { root } });
  const self = process.getuid?.() ?? 0;
  const expected = self === 0 ? [yaml] : self === 1000 ? [cursor, python, go] : [];
  assert.deepEqual(rows, expected);
  assert.equal(warnings[0], warning);
});

test('vscode_extensions has osquery column shapes on this host', () => {
  const { rows, warnings } = runGenerator(vscodeExtensionsTable);
  assert.deepEqual(warnings.slice(0, 1), [warning]);
  assert.deepEqual(
    validateRows('vscode_extensions', rows, {
      name: 'NonEmptyString', uuid: 'String', version: 'String', path: 'String', publisher: 'String', publisher_id: 'String',
      installed_at: 'NonNegativeOrEmptyInt', prerelease: /^[01]?$/, uid: 'NonNegativeInt', vscode_edition: 'NonEmptyString',
    }),
    [],
  );
});
