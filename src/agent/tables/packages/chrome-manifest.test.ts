import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeExtensionIdentifier, convertWebkitTime, localizeString, parseChromeManifest, readManifestProperties } from './chrome-manifest.js';

// The key and its id are osquery's test vector (osquery/tables/applications/chrome/tests/utils.cpp).
const key =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmJNzUNVjS6Q1qe0NRqpmfX/oSJdgauSZNdfeb5RV1Hji21vX0TivpP5gq0fadwmvmVCtUpOaNUopgejiUFm/iKHPs0o3x7hyKk/eX0t2QT3OZGdXkPiYpTEC0f0p86SQaLoA2eHaOG4uCGi7sxLJmAXc6IsxGKVklh7cCoLUgWEMnj8ZNG2Y8UKG3gBdrpES5hk7QyFDMraO79NmSlWRNgoJHX6XRoY66oYThFQad8KL8q3pf3Oe8uBLKywohU0ZrDPViWHIszXoE9HEvPTFAbHZ1umINni4W/YVs+fhqHtzRJcaKJtsTaYy+cholu5mAYeTZqtHf6bcwJ8t9i2afwIDAQAB';

test('computeExtensionIdentifier maps the SHA-256 of the key to a–p letters', () => {
  assert.equal(computeExtensionIdentifier(key), 'cjpalhdlnbpafiamejdnhcphjbkeiagm');
  assert.equal(computeExtensionIdentifier(''), undefined);
});

test('readManifestProperties copies osquery\'s properties (osquery test manifest)', () => {
  const manifest = {
    author: 'Author',
    background: { persistent: 'true' },
    default_locale: 'en',
    current_locale: 'en',
    description: 'Description',
    key,
    name: 'Test extension',
    permissions: ['1', '2'],
    optional_permissions: ['3', '4'],
    update_url: 'https://clients2.google.com/service/update2/crx',
    version: '1.00.0',
    content_scripts: [],
  };
  assert.deepEqual(Object.fromEntries(readManifestProperties(manifest)), {
    name: 'Test extension',
    update_url: 'https://clients2.google.com/service/update2/crx',
    version: '1.00.0',
    author: 'Author',
    default_locale: 'en',
    current_locale: 'en',
    persistent: 'true',
    description: 'Description',
    key,
    permissions: '1, 2',
    permissions_json: '{"":"1","":"2"}\n',
    optional_permissions: '3, 4',
    optional_permissions_json: '{"":"3","":"4"}\n',
  });
});

const localizeCases = [
  { text: '__MSG_appName__', expected: 'Name' },
  { text: '__MSG_APPDESC__', expected: 'Description' },
  { text: '__MSG_missing__', expected: undefined },
  { text: '__MSG_', expected: undefined },
];
const messages = { appName: { message: 'Name' }, appdesc: { message: 'Description' } };

for (const c of localizeCases) {
  test(`localizeString(${c.text})`, () => {
    assert.equal(localizeString(messages, c.text), c.expected);
  });
}

test('parseChromeManifest localizes from the default locale and warns about what it cannot', () => {
  const warnings: string[] = [];
  const raw = Buffer.from('{"name":"__MSG_appName__","version":"1","default_locale":"de","description":"__MSG_nope__"}');
  const manifest = parseChromeManifest(raw, {
    path: '/ext',
    warn: (m) => warnings.push(m),
    readMessages: (locale) => (locale === 'de' ? '{"appname":{"message":"Der Name"}}' : undefined),
  });
  assert.equal(manifest?.properties.get('name'), 'Der Name');
  assert.equal(manifest?.properties.get('description'), '__MSG_nope__');
  assert.equal(manifest?.identifier, undefined);
  assert.equal(manifest?.manifestHash, '14a2085aa3aac2bf404625bde095bc3a694df24f5ca1adf531d6ae204f89aa1e', 'sha256sum of the raw manifest');
  assert.deepEqual(warnings, [
    "Failed to localize string '__MSG_nope__' in the following extension: /ext",
    "The 'key' property is missing from the extension manifest",
  ]);
});

test('parseChromeManifest rejects text that is not JSON', () => {
  const warnings: string[] = [];
  assert.equal(parseChromeManifest(Buffer.from('{'), { path: '/ext', warn: (m) => warnings.push(m), readMessages: () => undefined }), undefined);
  assert.deepEqual(warnings, ['Failed to process the following extension: /ext']);
});

const webkitCases = [
  { text: '13351308956895241', unix: 1706835356 },
  { text: '11644473600000000', unix: 0 },
  { text: '100', unix: 0 },
  { text: '', unix: 0 },
  { text: '1.5', unix: 0 },
];

for (const c of webkitCases) {
  test(`convertWebkitTime(${JSON.stringify(c.text)}) = ${c.unix}`, () => {
    assert.equal(convertWebkitTime(c.text), c.unix);
  });
}
