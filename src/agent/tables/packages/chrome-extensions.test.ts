import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runGenerator } from '../testing/run-generator.js';
import { validateRows } from '../testing/validate-columns.js';
import { chromeExtensionsTable } from './chrome-extensions.js';
import { assertGolden, fixtureRoot } from './testdata/golden.js';

const alice = { uid: [{ op: '=' as const, value: 1000 }] };
const profilePath = '/home/alice/.config/google-chrome/Default';

const shape = {
  browser_type: /^(chrome|chrome_beta|chrome_dev|brave|chromium|yandex|opera|vivaldi)$/,
  uid: 'NonNegativeInt',
  name: 'String',
  profile: 'String',
  profile_path: 'NonEmptyString',
  referenced_identifier: 'String',
  identifier: /^([a-p]{32})?$/,
  version: 'String',
  description: 'String',
  default_locale: 'String',
  current_locale: 'String',
  update_url: 'String',
  author: 'String',
  persistent: 'Bool',
  path: 'NonEmptyString',
  permissions: 'String',
  permissions_json: 'NonEmptyString',
  optional_permissions: 'String',
  optional_permissions_json: 'NonEmptyString',
  manifest_hash: /^[0-9a-f]{64}$/,
  referenced: 'Bool',
  from_webstore: /^(true|false|)$/,
  state: /^(0|1|)$/,
  install_time: 'NonNegativeOrEmptyInt',
  install_timestamp: 'NonNegativeInt',
  manifest_json: 'NonEmptyString',
} as const;

test('chrome_extensions reads a Chrome profile\'s extensions for uid = N (golden)', () => {
  const { rows, warnings } = runGenerator(chromeExtensionsTable, { paths: { root: fixtureRoot }, constraints: alice });
  assert.deepEqual(validateRows('chrome_extensions', rows, shape), []);
  assert.deepEqual(rows.map((r) => `${r.referenced} ${r.name} ${r.path}`), [
    `0 Localized Name ${profilePath}/Extensions/aaaabbbbccccddddeeeeffffgggghhhh/0.5_0`,
    `1 Test Extension ${profilePath}/Extensions/cjpalhdlnbpafiamejdnhcphjbkeiagm/1.2.3_0`,
    '1 Offline Docs /opt/chrome-ext/docs-offline',
  ]);
  assert.deepEqual(warnings, [
    `Failed to localize string '__MSG_noSuchMessage__' in the following extension: ${profilePath}/Extensions/aaaabbbbccccddddeeeeffffgggghhhh/0.5_0`,
    "The 'key' property is missing from the extension manifest",
    "The 'key' property is missing from the extension manifest",
  ]);
  assertGolden('chrome_extensions', rows);
});

test('chrome_extensions fills a referenced extension from the profile and its manifest', () => {
  const { rows } = runGenerator(chromeExtensionsTable, { paths: { root: fixtureRoot }, constraints: alice });
  const ext = rows.find((r) => r.name === 'Test Extension');
  assert.deepEqual(
    {
      browser_type: ext?.browser_type,
      uid: ext?.uid,
      profile: ext?.profile,
      profile_path: ext?.profile_path,
      identifier: ext?.identifier,
      referenced_identifier: ext?.referenced_identifier,
      state: ext?.state,
      from_webstore: ext?.from_webstore,
      install_time: ext?.install_time,
      install_timestamp: ext?.install_timestamp,
      permissions: ext?.permissions,
      permissions_json: ext?.permissions_json,
      optional_permissions: ext?.optional_permissions,
      optional_permissions_json: ext?.optional_permissions_json,
      persistent: ext?.persistent,
      current_locale: ext?.current_locale,
      manifest_hash: ext?.manifest_hash,
    },
    {
      browser_type: 'chrome',
      uid: 1000,
      profile: 'Person 1',
      profile_path: profilePath,
      identifier: 'cjpalhdlnbpafiamejdnhcphjbkeiagm',
      referenced_identifier: 'cjpalhdlnbpafiamejdnhcphjbkeiagm',
      state: '1',
      from_webstore: 'true',
      install_time: '13351308956895241',
      install_timestamp: 1706835356,
      permissions: 'storage, tabs',
      permissions_json: '{"":"storage","":"tabs"}\n',
      optional_permissions: '',
      optional_permissions_json: '{}\n',
      persistent: 0,
      current_locale: 'en_US',
      manifest_hash: 'fae1a7f8d5772612e90d9f115c1f2396f3314996bf5f0da996b5638f4818706d',
    },
  );
  assert.match(String(ext?.manifest_json), /^\{"manifest_version":"3","name":"Test Extension",.*"optional_permissions":"","background":\{"persistent":"false","service_worker":"sw.js"\},.*"homepage_url":"https:\\\/\\\/example.org\\\/caf\\u00C3\\u00A9"\}\n$/);
  const offline = rows.find((r) => r.name === 'Offline Docs');
  assert.equal(offline?.referenced_identifier, 'ghbmnnjooekpmoecnnnilnnbdlolhkhi');
  assert.equal(offline?.persistent, 1);
  assert.equal(offline?.install_timestamp, 1655526400);
});

test('chrome_extensions without a uid constraint reads only the calling user and warns like osquery', () => {
  const { rows, warnings } = runGenerator(chromeExtensionsTable, { paths: { root: fixtureRoot } });
  const self = process.getuid?.() ?? 0;
  assert.equal(rows.length, self === 1000 ? 3 : 0);
  assert.deepEqual(warnings.slice(0, 1), ['The chrome_extensions table returns data based on the current user by default, consider JOINing against the users table']);
});

test('chrome_extensions on this machine has osquery column shapes', () => {
  const { rows } = runGenerator(chromeExtensionsTable, { constraints: { uid: [{ op: '=', value: process.getuid?.() ?? 0 }] } });
  assert.deepEqual(validateRows('chrome_extensions', rows, shape), []);
});
